#!/usr/bin/env node
// The one test command (README "Test"): every check, unit, integration, browser, e2e, lint and
// packaging step, counted test by test, closing with the plain line `N passed, N failed`.
// vitest's own summary is not what CI reads: this script counts from its JSON report.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const reports = join(root, 'test-results');
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });

let passed = 0;
let failed = 0;
const failures = [];

function run(label, cmd, args, env = {}) {
  const started = Date.now();
  console.log(`\n▶ ${label}: ${cmd} ${args.join(' ')}`);
  const res = spawnSync(cmd, args, {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ...env },
  });
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`◀ ${label}: exit ${res.status} in ${secs}s`);
  return res.status === 0;
}

/** A step that is one test: it passes or fails as a whole. */
function step(label, cmd, args, env) {
  if (run(label, cmd, args, env)) passed += 1;
  else {
    failed += 1;
    failures.push(label);
  }
}

/** A step that writes a report of individual test results: {tests:[{name, ok}]}. */
function counted(label, cmd, args, reportFile, env) {
  const ok = run(label, cmd, args, env);
  const counts = readCounts(reportFile);
  if (!counts) {
    failed += 1;
    failures.push(`${label} (no report written)`);
    return;
  }
  passed += counts.passed;
  failed += counts.failed;
  failures.push(...counts.failedNames.map((n) => `${label}: ${n}`));
  if (!ok && counts.failed === 0) {
    failed += 1;
    failures.push(`${label} (exited non-zero)`);
  }
}

function readCounts(file) {
  if (!existsSync(file)) return null;
  const report = JSON.parse(readFileSync(file, 'utf8'));
  // vitest JSON reporter (jest-compatible shape)
  if (Array.isArray(report.testResults)) {
    let p = 0;
    let f = 0;
    const failedNames = [];
    for (const suite of report.testResults) {
      if (suite.assertionResults.length === 0 && suite.status === 'failed') {
        f += 1;
        failedNames.push(`${suite.name} (suite failed to load)`);
      }
      for (const t of suite.assertionResults) {
        if (t.status === 'passed') p += 1;
        else if (t.status === 'failed') {
          f += 1;
          failedNames.push(t.fullName);
        }
      }
    }
    return { passed: p, failed: f, failedNames };
  }
  // our e2e runner's shape
  const tests = report.tests ?? [];
  return {
    passed: tests.filter((t) => t.ok).length,
    failed: tests.filter((t) => !t.ok).length,
    failedNames: tests.filter((t) => !t.ok).map((t) => t.name),
  };
}

const npx = 'npx';
step('types', npx, ['tsc', '--noEmit']);
step('lint', npx, ['eslint', '.']);
step('format', npx, ['prettier', '--check', '.']);
// Unused files, exports, types and dependencies (knip.jsonc says what the entry points are).
step('unused code (knip)', npx, ['knip']);
counted(
  'vitest (unit, browser, integration, property, adversarial)',
  npx,
  [
    'vitest',
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile=${join(reports, 'vitest.json')}`,
  ],
  join(reports, 'vitest.json'),
);
step('build chrome-mv3', npx, ['wxt', 'build']);
step('build firefox', npx, ['wxt', 'build', '-b', 'firefox']);
step('web-ext lint (firefox, 0 errors)', 'node', ['scripts/webext-lint.mjs']);
step('zip chrome', npx, ['wxt', 'zip']);
step('zip firefox (+ sources zip for AMO)', npx, ['wxt', 'zip', '-b', 'firefox']);
step('licence notices in every zip', 'node', ['scripts/check-notices.mjs']);
if (existsSync(join(root, 'test/e2e/run.mjs'))) {
  counted(
    'e2e (Chromium + Firefox)',
    'node',
    ['test/e2e/run.mjs', join(reports, 'e2e.json')],
    join(reports, 'e2e.json'),
  );
}

if (failures.length) {
  console.log('\nFailed:');
  for (const f of failures) console.log(`  ✗ ${f}`);
}
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
