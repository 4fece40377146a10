import { historyItem } from '../../lib/app/stored-items';
import type { HistoryEntry } from '../../lib/model/history-entry';
import { DIRECTORY_FEED_URL } from '../../lib/sources/builtin-sources';
import { writeItem } from '../../lib/storage/write-item';
import { startEngine } from '../../test/support/engine-harness';
import { buildFeed } from './build-feed';

/**
 * The stored state of a user who has used the extension for a while, for the popup bench: the
 * default tracker (cobalt.directory; the other two are off by default, lib/settings/schema.ts)
 * answered once with a 200-entry feed built from its real capture (bench/support/build-feed.ts;
 * 150 kept, the capture's entries that fail their schema are dropped), and a full download
 * history (500 entries, its limit). Made by the real engine over in-memory storage
 * (test/support/engine-harness.ts). Returned as `chrome.storage.local` holds it
 * (`local:settings` → `settings`).
 */
const FEEDS: Record<string, () => string> = {
  [DIRECTORY_FEED_URL]: () => buildFeed('directory-tests', FEED_ENTRIES),
};

/** A real tracker lists 20–200 instances (docs/performance.md "Feed parsing"). */
const FEED_ENTRIES = 200;
const HISTORY_SIZE = 500;

function history(now: number): HistoryEntry[] {
  return Array.from({ length: HISTORY_SIZE }, (_, i) => ({
    url: `https://www.youtube.com/watch?v=history${String(i).padStart(4, '0')}`,
    service: 'youtube',
    filename: `video ${i} (1080p).mp4`,
    servedBy: `https://cobalt-${i % 5}.example.org`,
    ok: i % 10 !== 0,
    reason: i % 10 === 0 ? 'errorContentUnavailable' : null,
    at: now - i * 3_600_000,
  }));
}

export async function liveUserStorage(): Promise<Record<string, unknown>> {
  // The tests' engine harness: its fetch refuses everything but loopback; wrapped, it answers the
  // tracker's address in-process first.
  const { engine, storage } = startEngine({
    wrapFetch: (guarded) => (url, init) => {
      const feed = FEEDS[url];
      return feed
        ? Promise.resolve(
            new Response(feed(), { status: 200, headers: { 'content-type': 'application/json' } }),
          )
        : guarded(url, init);
    },
  });
  await engine.ready;
  await engine.refresh(true);
  const written = await writeItem(storage, historyItem, history(Date.now()));
  if (!written.ok) throw new Error(`history: ${JSON.stringify(written.problems)}`);
  if (!Object.values(engine.state().sources).some((s) => s.lastSuccess !== null)) {
    throw new Error('no tracker answered');
  }
  return Object.fromEntries(
    [...storage.data].map(([key, value]) => [key.slice(key.indexOf(':') + 1), value]),
  );
}
