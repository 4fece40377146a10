// Sources: the bundled snapshot on a first run with no network, and tracker refreshes (every
// feed format) changing the ranking the popup shows.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pageAndPopup, refreshSources } from '../lib/extension.mjs';
import { msgPattern } from '../lib/messages.mjs';
import { PAGES } from '../lib/pages.mjs';
import { ROOT } from '../lib/paths.mjs';
import { waitFor } from '../lib/report.mjs';
import { begin, waitForInstances, worldAndSession } from './common.mjs';

function bundledHosts() {
  const snapshot = JSON.parse(
    readFileSync(join(ROOT, 'lib/sources/bundled-snapshot.json'), 'utf8'),
  );
  return new Set(snapshot.entries.map((e) => new URL(e.origin).host));
}

/** The tracker that lives is on by default; the two closed ones are kept for mirrors, off. */
const DEFAULT_TRACKER_HOSTS = ['cobalt.directory'];
const CLOSED_TRACKER_HOSTS = ['instances.hyper.lol', 'instances.cobalt.best'];

/** First run with no network to the trackers: the bundled snapshot is used, the popup says so. */
export async function firstRunBundled(env, t) {
  const session = await begin(env, t);
  t.step('refresh now, with every tracker unreachable');
  const feeds = await refreshSources(session, { expectOk: false });
  const builtIn = feeds.filter((f) => f.enabled);
  assert.deepEqual(
    builtIn.map((f) => f.source),
    ['directory'],
    `only the tracker that lives is on by default: ${JSON.stringify(feeds)}`,
  );
  for (const feed of builtIn) {
    assert.equal(feed.lastSuccess, null, `${feed.source} cannot have succeeded offline`);
    assert.ok(feed.lastError, `${feed.source} records why it failed`);
  }
  // Tried at start-up or by this refresh (a source in backoff is not asked again at once).
  const tried = new Set(env.guard.since(session.egressMark).map((e) => e.host));
  for (const host of DEFAULT_TRACKER_HOSTS) {
    assert.ok(tried.has(host), `${host} was tried (and refused by the guard): ${[...tried]}`);
  }
  for (const host of CLOSED_TRACKER_HOSTS) {
    assert.ok(!tried.has(host), `${host} (closed) is not asked by default: ${[...tried]}`);
  }

  t.step('popup on a supported page');
  const { popup, tabId } = await pageAndPopup(session, PAGES.youtube);
  await popup.waitText(msgPattern('noticeBundledFrom'));
  const snapshot = await session.send('popup/snapshot', { tabId, jobId: null });
  assert.equal(snapshot.usingBundled, true, 'the snapshot says the bundled list is used');
  assert.equal(snapshot.page.kind, 'supported');
  const rows = await popup.instances();
  assert.ok(rows.length > 0, 'the popup lists instances from the bundled snapshot');
  const known = bundledHosts();
  const strangers = rows.filter((r) => !known.has(r.host)).map((r) => r.host);
  assert.deepEqual(strangers, [], 'every instance shown comes from the bundled snapshot');
}

/** Lower is better; an excluded instance ranks after every ranked one. */
const position = (rows, host) => {
  const row = rows.find((r) => r.host === host);
  if (!row) return Number.POSITIVE_INFINITY;
  return row.excluded || row.rank === null ? 10_000 + rows.indexOf(row) : row.rank;
};

/**
 * A tracker refresh changes the ranking the popup shows, for one feed format. Two healthy
 * instances; the feed prefers A (higher score, or B failing the YouTube test in the formats
 * without scores); the popup ranks A over B. The tracker then publishes the opposite; after
 * "Refresh now" (a conditional request that gets the new feed) the popup ranks B over A.
 */
export function trackerRanking(format) {
  const worse =
    format === 'directory' || format === 'directoryWorking' ? { failsYoutube: true } : { score: 0 };
  const better = { score: 100, failsYoutube: false };
  return async (env, t) => {
    const { world, session } = await worldAndSession(env, t, {
      feed: format,
      instances: { a: { feed: better }, b: { feed: worse } },
    });
    const [a, b] = [world.host('a'), world.host('b')];
    t.step('popup ranks A over B');
    const { popup, tabId } = await pageAndPopup(session, PAGES.youtube);
    const before = await waitForInstances(popup, [a, b]);
    assert.ok(
      position(before, a) < position(before, b),
      `the feed prefers A (${a}); the popup shows ${JSON.stringify(before.filter((r) => [a, b].includes(r.host)))}`,
    );
    await popup.waitNoText(msgPattern('noticeBundled'));

    t.step('the tracker publishes the opposite; refresh now');
    const feedPath = new URL(world.feedUrl).pathname;
    const first = world.tracker.requestsTo(feedPath).at(-1);
    world.publish({ a: worse, b: better });
    await refreshSources(session);
    const second = world.tracker.requestsTo(feedPath).at(-1);
    assert.notEqual(first, second, 'the refresh asked the tracker again');
    assert.ok(
      second.headers['if-none-match'] || second.headers['if-modified-since'],
      'the refresh is a conditional request (ETag / Last-Modified)',
    );
    assert.equal(second.status, 200, 'the changed feed was served in full');

    t.step('the popup now ranks B over A');
    await popup.page.reload();
    let after = [];
    await waitFor(
      async () => {
        after = await popup.instances();
        return position(after, b) < position(after, a);
      },
      { timeoutMs: 10_000, what: 'B ranked over A' },
    ).catch(() => {
      throw new Error(
        `after the refresh the popup still shows ${JSON.stringify(after.filter((r) => [a, b].includes(r.host)))}`,
      );
    });
    const snap = await session.send('popup/snapshot', { tabId, jobId: null });
    const order = snap.instances
      .map((i) => new URL(i.origin).host)
      .filter((h) => h === a || h === b);
    assert.equal(order[0], b, `the snapshot agrees: ${order}`);
  };
}
