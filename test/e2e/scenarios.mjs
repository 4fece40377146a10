// The e2e scenarios, written once against a browser-neutral session (lib/chromium-driver.mjs,
// lib/firefox-driver.mjs). chromium.mjs and firefox.mjs choose which ones run where.
// Each scenario launches a fresh browser profile, builds its own world on 127.0.0.1, and
// asserts on three things: files on disk, the test servers' request logs, and what the user sees.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  pageAndPopup,
  refreshSources,
  seedSettings,
  waitForStartupRefresh,
} from './lib/extension.mjs';
import { readFile, seedOf, waitForFiles } from './lib/files.mjs';
import { checkInvariants, postedTo } from './lib/invariants.mjs';
import { checkEgress } from './lib/loopback.mjs';
import { msg, msgPattern } from './lib/messages.mjs';
import { PAGE_HOSTS, PAGES } from './lib/pages.mjs';
import { ROOT } from './lib/paths.mjs';
import { startWorld } from './lib/world.mjs';

/**
 * Launches the scenario's browser. Cleanups (registered first, so they run last): the egress
 * check over everything the browser tried to reach during the scenario.
 */
export async function begin(env, t) {
  const mark = env.guard.mark();
  t.defer(() => {
    const attempted = checkEgress(env.guard.since(mark), { forbiddenHosts: PAGE_HOSTS });
    if (attempted.length) t.note(`refused by the egress guard: ${attempted.join(', ')}`);
  });
  t.step('launch');
  const session = await env.launch();
  session.egressMark = mark;
  t.defer(() => session.close());
  return session;
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

const exactButton = (key, params) => new RegExp(`^${escape(msg(key, params))}$`);
const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function bundledHosts() {
  const entries = JSON.parse(readFileSync(join(ROOT, 'lib/sources/bundled-snapshot.json'), 'utf8'));
  return new Set(entries.map((e) => new URL(e.origin).host));
}

// ---------------------------------------------------------------------------------------------

/** First run with no network to the trackers: the bundled snapshot is used, the popup says so. */
export async function firstRunBundled(env, t) {
  const session = await begin(env, t);
  t.step('refresh now, with every tracker unreachable');
  const feeds = await refreshSources(session, { expectOk: false });
  const builtIn = feeds.filter((f) => f.enabled);
  assert.ok(
    builtIn.length >= 3,
    `the built-in trackers are on by default: ${JSON.stringify(feeds)}`,
  );
  for (const feed of builtIn) {
    assert.equal(feed.lastSuccess, null, `${feed.source} cannot have succeeded offline`);
    assert.ok(feed.lastError, `${feed.source} records why it failed`);
  }
  // Tried at start-up or by this refresh (a source in backoff is not asked again at once).
  const tried = new Set(env.guard.since(session.egressMark).map((e) => e.host));
  for (const host of ['instances.hyper.lol', 'cobalt.directory', 'instances.cobalt.best']) {
    assert.ok(
      tried.has(host),
      `the refresh tried ${host} (and the guard refused it): ${[...tried]}`,
    );
  }

  t.step('popup on a supported page');
  const { popup, tabId } = await pageAndPopup(session, PAGES.youtube);
  await popup.waitText(msgPattern('noticeBundled'));
  const snapshot = await session.send('popup/snapshot', { tabId, jobId: null });
  assert.equal(snapshot.usingBundled, true, 'the snapshot says the bundled list is used');
  assert.equal(snapshot.page.kind, 'supported');
  const rows = await popup.instances();
  assert.ok(rows.length > 0, 'the popup lists instances from the bundled snapshot');
  const known = bundledHosts();
  const strangers = rows.filter((r) => !known.has(r.host));
  assert.deepEqual(strangers, [], 'every instance shown comes from the bundled snapshot');
}

/** Unsupported page: the popup explains, and the paste-a-link field downloads the pasted link. */
export async function unsupportedPaste(env, t) {
  const { world, session } = await worldAndSession(
    env,
    t,
    { instances: { ok: { filename: 'e2e-pasted-clip.mp4', tunnelBytes: 23_456 } } },
    (w) => w.settings({ pinned: [w.origin('ok')] }),
  );
  t.step('popup on an unsupported page');
  const { popup } = await pageAndPopup(session, PAGES.unsupported);
  await popup.waitText(msgPattern('unsupportedExplain'));
  await popup.waitText(msgPattern('pasteLinkHint'));
  assert.equal(
    world.requests('ok', { method: 'POST' }).length,
    0,
    'nothing is sent before the user acts',
  );

  t.step('a bad paste is refused in plain words');
  await popup.fill('textbox', msg('pasteLinkLabel'), 'not a link');
  await popup.click('button', exactButton('downloadButton'));
  await popup.waitText(msgPattern('pasteLinkInvalid'));
  assert.equal(world.requests('ok', { method: 'POST' }).length, 0);

  t.step('paste a link and download');
  await popup.fill('textbox', msg('pasteLinkLabel'), PAGES.pasted);
  await popup.click('button', exactButton('downloadButton'));
  const [file] = await waitForFiles(session.downloadsDir, 'e2e-pasted-clip.mp4');
  assertServedBytes(session, file, world.servers.ok, env.support);
  assert.deepEqual(postedTo(world, PAGES.pasted), ['ok'], 'the pasted link went to the instance');
  assert.equal(world.posts('ok').length, 1, 'one request');
  await popup.waitText(msgPattern('jobDoneVia', [world.host('ok')]));
  checkInvariants(world, { pageUrls: [PAGES.pasted, PAGES.unsupported] });
  // The unsupported page's own address never left the browser.
  assert.equal(postedTo(world, PAGES.unsupported).length, 0);
}
