#!/usr/bin/env node
// The end-to-end suite (docs/testing.md "End-to-end"):
//   node test/e2e/run.mjs [report.json]
// 1. builds both e2e packages (COBALT_PICKER_E2E=1 → .output-e2e/, host permission for 127.0.0.1);
// 2. bundles the TypeScript test servers (test/support) with esbuild and starts the egress guard;
// 3. runs the Chromium suite, then the Firefox suite, one fresh browser profile per scenario;
// 4. writes {tests:[{name, ok, ms, error?}]} to the report file, one entry per scenario and
//    browser, prints a line per scenario, and exits non-zero on any failure.
// Environment: E2E_ONLY=<regex> runs matching scenarios; E2E_SKIP_BUILD=1 reuses .output-e2e;
// E2E_BROWSERS=chromium|firefox|chromium,firefox.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { CHROMIUM_SCENARIOS, runChromiumSuite } from './chromium.mjs';
import { FIREFOX_SCENARIOS, runFirefoxSuite } from './firefox.mjs';
import { startEgressGuard } from './lib/loopback.mjs';
import { loadMessages } from './lib/messages.mjs';
import { CHROME_EXT_DIR, CHROMIUM, FIREFOX, FIREFOX_EXT_DIR, ROOT } from './lib/paths.mjs';
import { Report } from './lib/report.mjs';
import { loadSupport } from './lib/support.mjs';

const reportFile = process.argv[2] ?? join(ROOT, 'test-results', 'e2e.json');
const only = process.env.E2E_ONLY ? new RegExp(process.env.E2E_ONLY, 'i') : null;
const browsers = (process.env.E2E_BROWSERS ?? 'chromium,firefox').split(',');
const report = new Report();
const started = Date.now();

// A last resort: whatever hangs, the report is written and the run ends.
const WATCHDOG_MS = 14 * 60_000;
const watchdog = setTimeout(() => {
  report.fail(
    'e2e run (watchdog)',
    new Error(`the whole e2e run exceeded ${WATCHDOG_MS / 1000} s`),
  );
  report.write(reportFile);
  process.exit(1);
}, WATCHDOG_MS);
watchdog.unref();

const planned = {
  chromium: CHROMIUM_SCENARIOS.map(([name]) => `chromium: ${name}`),
  firefox: FIREFOX_SCENARIOS.map(([name]) => `firefox: ${name}`),
};
const selected = (name) => !only || only.test(name);

/** Every planned scenario of a browser that cannot run still gets its (failed) entry. */
function failAll(browser, error) {
  for (const name of planned[browser].filter(selected)) report.fail(name, error);
}

/** After a harness failure: a failed entry for every selected scenario that has none yet. */
function failMissing(error) {
  const have = new Set(report.tests.map((t) => t.name));
  for (const browser of browsers) {
    for (const name of (planned[browser] ?? []).filter(selected)) {
      if (!have.has(name)) report.fail(name, error);
    }
  }
}

function build(args, label) {
  const t0 = Date.now();
  const res = spawnSync(join(ROOT, 'node_modules', '.bin', 'wxt'), args, {
    cwd: ROOT,
    env: { ...process.env, COBALT_PICKER_E2E: '1' },
    encoding: 'utf8',
  });
  const secs = ((Date.now() - t0) / 1000).toFixed(1);
  if (res.status !== 0) {
    const out = `${res.stdout ?? ''}\n${res.stderr ?? ''}`.trim().split('\n').slice(-15).join('\n');
    console.log(`  build ${label}: FAILED in ${secs} s`);
    return new Error(`wxt ${args.join(' ')} failed (exit ${res.status}):\n${out}`);
  }
  console.log(`  build ${label}: ok in ${secs} s`);
  return null;
}

async function main() {
  console.log('e2e: building the e2e packages (COBALT_PICKER_E2E=1 → .output-e2e/)');
  const buildErrors = { chromium: null, firefox: null };
  if (process.env.E2E_SKIP_BUILD === '1') console.log('  (E2E_SKIP_BUILD=1: reusing .output-e2e)');
  else {
    if (browsers.includes('chromium')) buildErrors.chromium = build(['build'], 'chrome-mv3');
    if (browsers.includes('firefox'))
      buildErrors.firefox = build(['build', '-b', 'firefox'], 'firefox-mv2');
  }
  const missing = {
    chromium: existsSync(CHROMIUM)
      ? null
      : new Error(`${CHROMIUM} not found (apt-get install chromium)`),
    firefox: existsSync(FIREFOX)
      ? null
      : new Error(`${FIREFOX} not found (apt-get install firefox-esr)`),
  };

  const support = await loadSupport();
  const guard = await startEgressGuard();
  try {
    loadMessages(existsSync(CHROME_EXT_DIR) ? CHROME_EXT_DIR : FIREFOX_EXT_DIR);
    if (browsers.includes('chromium')) {
      const problem = buildErrors.chromium ?? missing.chromium;
      if (problem) failAll('chromium', problem);
      else await runChromiumSuite({ report, support, guard, only });
    }
    if (browsers.includes('firefox')) {
      const problem = buildErrors.firefox ?? missing.firefox;
      if (problem) failAll('firefox', problem);
      else await runFirefoxSuite({ report, support, guard, only });
    }
  } finally {
    await guard.close();
    support.dispose();
  }
}

try {
  await main();
} catch (error) {
  failMissing(new Error(`not run: the e2e harness failed: ${error?.stack ?? error}`));
}
report.write(reportFile);
const passed = report.tests.length - report.failed;
console.log(
  `\ne2e: ${passed} passed, ${report.failed} failed in ${((Date.now() - started) / 1000).toFixed(1)} s (report: ${reportFile})`,
);
process.exit(report.failed === 0 && report.tests.length > 0 ? 0 : 1);
