// Shared scenario plumbing. The scenarios (sources.mjs, download.mjs, options.mjs) are written
// once against a browser-neutral session (lib/chromium-driver.mjs, lib/firefox-driver.mjs);
// chromium.mjs and firefox.mjs choose which run where. Each scenario launches a fresh profile,
// builds its own world on 127.0.0.1 and asserts on three things: files on disk, the test
// servers' request logs, and what the user sees.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { refreshSources, seedSettings, waitForStartupRefresh } from '../lib/extension.mjs';
import { readFile, seedOf } from '../lib/files.mjs';
import { checkEgress } from '../lib/loopback.mjs';
import { msg } from '../lib/messages.mjs';
import { PAGE_HOSTS } from '../lib/pages.mjs';
import { RESULT_SCREENSHOTS_DIR, SCREENSHOTS_DIR } from '../lib/paths.mjs';
import { waitFor } from '../lib/report.mjs';
import { startWorld } from '../lib/world.mjs';

/**
 * Launches the scenario's browser. The egress check is registered first, so it runs last:
 * over everything the browser tried to reach during the scenario.
 */
export async function begin(env, t) {
  const mark = env.guard.mark();
  t.defer(() => {
    const attempted = checkEgress(env.guard.since(mark), { forbiddenHosts: PAGE_HOSTS });
    if (attempted.length) t.note(summariseEgress(attempted));
  });
  t.step('launch');
  const session = await env.launch();
  session.egressMark = mark;
  t.defer(() => session.close());
  t.defer(() => {
    // Uncaught errors in the extension's pages or worker: kept in the report for whoever reads it.
    const errors = [...new Set(session.consoleErrors)];
    if (errors.length)
      t.note(`errors in extension pages/worker: ${errors.slice(0, 5).join(' | ')}`);
  });
  return session;
}

const TRACKERS = new Set(['instances.hyper.lol', 'cobalt.directory', 'instances.cobalt.best']);

function summariseEgress(hosts) {
  const trackers = hosts.filter((h) => TRACKERS.has(h));
  const others = hosts.filter((h) => !TRACKERS.has(h));
  const parts = [];
  if (trackers.length) parts.push(`trackers ${trackers.join(', ')}`);
  if (others.length) {
    parts.push(
      `${others.length} other host(s), e.g. ${others.slice(0, 3).join(', ')} (bundled-snapshot instances)`,
    );
  }
  return `refused by the egress guard: ${parts.join('; ')}`;
}

/** A world whose instances the extension is pointed at (settings saved, feed refreshed). */
export async function worldAndSession(env, t, spec, settingsFor = (w) => w.settings()) {
  t.step('start test servers');
  const world = await startWorld(env.support, spec);
  t.defer(() => world.close());
  const session = await begin(env, t);
  t.step('seed settings and refresh');
  await waitForStartupRefresh(session);
  await seedSettings(session, settingsFor(world));
  await refreshSources(session);
  return { world, session };
}

/** Asserts the file is exactly what `server` served (deterministic test bodies). */
export function assertServedBytes(session, path, server, support) {
  const bytes = readFile(session.downloadsDir, path);
  assert.equal(bytes.length, server.config.tunnelBytes, `${path}: size`);
  const seed = seedOf(bytes, support.cobalt.tunnelBody);
  assert.ok(seed !== null, `${path}: the bytes are not what the test server served`);
  return seed;
}

const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A button whose whole accessible name is this message. */
export const exactly = (key, params) => new RegExp(`^${escapeRe(msg(key, params))}$`);

/**
 * Writes <name>-{light,dark}.png (Chromium only: one renderer for the README) into
 * test-results/screenshots/, or into docs/screenshots/ with E2E_SCREENSHOTS=docs (so a plain
 * test run does not rewrite tracked files; the ports in them change every run).
 */
export async function screenshots(env, page, name, { viewport } = {}) {
  if (env.browserName !== 'chromium' || process.env.E2E_SCREENSHOTS === 'off') return;
  const dir = process.env.E2E_SCREENSHOTS === 'docs' ? SCREENSHOTS_DIR : RESULT_SCREENSHOTS_DIR;
  mkdirSync(dir, { recursive: true });
  for (const scheme of ['light', 'dark']) {
    await page.screenshot(join(dir, `${name}-${scheme}.png`), {
      colorScheme: scheme,
      ...(viewport ? { viewport } : {}),
    });
  }
}

/** Waits until the popup's instance list shows every one of `hosts`. */
export async function waitForInstances(popup, hosts, { timeoutMs = 10_000 } = {}) {
  let rows = [];
  try {
    await waitFor(
      async () => {
        rows = await popup.instances();
        return hosts.every((h) => rows.some((r) => r.host === h));
      },
      { timeoutMs, what: 'instances' },
    );
  } catch {
    throw new Error(
      `the popup never listed ${hosts.join(', ')}; it lists: ${JSON.stringify(rows.map((r) => ({ host: r.host, rank: r.rank, excluded: r.excluded })))}`,
    );
  }
  return rows;
}

/** Waits for the popup's trail to satisfy `accept(trail)`; the error shows the last trail. */
export async function waitForTrail(popup, accept, { timeoutMs = 30_000, what = 'the trail' } = {}) {
  let trail = [];
  try {
    return await waitFor(
      async () => {
        trail = await popup.trail();
        return accept(trail) ? trail : null;
      },
      { timeoutMs, what },
    );
  } catch {
    throw new Error(
      `${what} never appeared; the popup's trail: ${JSON.stringify(trail)}\npage: ${(await popup.text().catch(() => '')).slice(0, 600)}`,
    );
  }
}

/** The message for the first of `keys` the locale has (keys moved between drafts). */
export function firstMsg(keys, params) {
  for (const key of keys) {
    try {
      return msg(key, params);
    } catch {
      // try the next name
    }
  }
  throw new Error(`_locales/en/messages.json has none of ${keys.join(', ')}`);
}

/** The first job the popup snapshot shows for a tab. */
export async function jobOf(session, tabId) {
  const snap = await session.send('popup/snapshot', { tabId, jobId: null });
  return snap?.job ?? null;
}
