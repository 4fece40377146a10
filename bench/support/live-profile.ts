import { createEngine } from '../../lib/app/engine';
import { historyItem } from '../../lib/app/stored-items';
import type { HistoryEntry } from '../../lib/model/history-entry';
import { DIRECTORY_FEED_URL } from '../../lib/sources/builtin-sources';
import { writeItem } from '../../lib/storage/write-item';
import { memoryStorage } from '../../test/support/engine-harness';
import { nodeLocalProcessor } from '../../test/support/node-local-processor';
import { buildFeed } from './build-feed';

/**
 * The stored state of a user who has used the extension for a while, for the popup bench: the
 * default tracker (cobalt.directory; the other two are off by default, lib/settings/schema.ts)
 * answered once with a 200-entry feed (150 kept: the capture's entries that fail their
 * schema are dropped, as in bench/feed-parse.ts), built from its real capture in test/fixtures/feeds as
 * bench/feed-parse.ts builds its real-size feeds, and a full download history (500 entries,
 * its limit). Made by the real engine over in-memory storage: its fetch answers the trackers'
 * addresses in-process and refuses everything else, so nothing is sent anywhere. Returned as
 * `chrome.storage.local` holds it (`local:settings` → `settings`).
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
  const storage = memoryStorage();
  const refused = (url: string) => Promise.reject(new TypeError(`offline bench: ${url}`));
  const fetch = async (input: string | URL | Request): Promise<Response> => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const feed = FEEDS[url];
    if (!feed) return refused(url);
    return new Response(feed(), {
      status: 200,
      headers: { 'content-type': 'application/json' },
    });
  };
  const engine = createEngine({
    storage,
    fetch,
    download: { download: () => Promise.reject(new Error('the profile downloads nothing')) },
    local: nodeLocalProcessor(fetch),
    now: () => Date.now(),
    random: () => Math.random(),
    tabUrl: async () => null,
    activeTabId: async () => null,
    broadcast: () => undefined,
    notify: () => undefined,
    userAgent: undefined,
    discardDownload: async () => undefined,
    openPicker: () => undefined,
    text: (key) => key,
    wakeBatchAt: () => undefined,
    describeDownloads: async () => [],
    wakeDownloadWatchAt: () => undefined,
    downloadStallMs: 60_000,
    log: () => undefined,
  });
  await engine.ready;
  await engine.refresh(true);
  const written = await writeItem(storage, historyItem, history(Date.now()));
  if (!written.ok) throw new Error(`history: ${JSON.stringify(written.problems)}`);
  const sources = engine.state().sources;
  if (!Object.values(sources).some((s) => s.lastSuccess !== null))
    throw new Error('no tracker answered');
  return Object.fromEntries(
    [...storage.data].map(([key, value]) => [key.slice(key.indexOf(':') + 1), value]),
  );
}
