import { nodeLocalProcessor } from '../../support/node-local-processor';
import type { EngineDeps } from '../../../lib/app/engine-deps';
import { initialState, type EngineContext } from '../../../lib/app/engine-state';
import type { DownloadProgress } from '../../../lib/model/download-progress';
import { DOWNLOAD_STALL_MS } from '../../../lib/submit/judge-progress';
import type { ChangedBroadcast } from '../../../lib/messages/protocol';
import type { FetchLike } from '../../../lib/net/http';
import { createItemStore } from '../../../lib/storage/item-store';
import type { DownloadRequest } from '../../../lib/submit/download-adapter';
import { createMemoryArea, type MemoryArea } from '../storage/memory-area';

/** 2026-05-04 12:00 UTC. */
export const START = 1_777_896_000_000;
export const MINUTE = 60_000;

export interface TestContext extends EngineContext {
  area: MemoryArea;
  clock: { now: number };
  broadcasts: ChangedBroadcast[];
  notifications: { id: string; titleKey: string; messageKey: string; params: string[] }[];
  openedPickers: string[];
  downloads: DownloadRequest[];
  /** Download ids removed with their files (deps.discardDownload). */
  discarded: number[];
  logs: string[];
  /** Every URL fetched, in order. */
  fetched: string[];
  /** What the browser says of a running download (deps.describeDownloads); absent = unknown. */
  progress: Map<number, DownloadProgress>;
  /** Every wake-up the download watchdog asked for (deps.wakeDownloadWatchAt). */
  watchWakes: (number | null)[];
}

/**
 * An EngineContext over in-memory storage and a fake world, for the unit tests of the engine's
 * parts: the clock moves only when a test moves it, `fetch` answers from `answer` (nothing
 * leaves the process), and every effect on the outside world is recorded.
 */
export function testContext(
  options: {
    answer?: (url: string) => Response | Promise<Response>;
    random?: () => number;
    tabs?: Record<number, string>;
    activeTab?: number | null;
  } = {},
): TestContext {
  const clock = { now: START };
  const area = createMemoryArea();
  const record = {
    broadcasts: [] as ChangedBroadcast[],
    notifications: [] as TestContext['notifications'],
    openedPickers: [] as string[],
    downloads: [] as DownloadRequest[],
    discarded: [] as number[],
    logs: [] as string[],
    fetched: [] as string[],
    progress: new Map<number, DownloadProgress>(),
    watchWakes: [] as (number | null)[],
  };
  const fetch: FetchLike = async (url) => {
    record.fetched.push(url);
    if (!options.answer) throw new TypeError(`no answer for ${url}`);
    return options.answer(url);
  };
  let nextDownload = 1;
  const deps: EngineDeps = {
    storage: area,
    fetch,
    local: nodeLocalProcessor(),
    download: {
      async download(request) {
        record.downloads.push(request);
        return { ok: true, id: nextDownload++ };
      },
    },
    now: () => clock.now,
    random: options.random ?? (() => 0.5),
    tabUrl: async (id) => options.tabs?.[id] ?? null,
    activeTabId: async () => options.activeTab ?? null,
    broadcast: (m) => void record.broadcasts.push(m),
    notify: (id, titleKey, messageKey, params) =>
      void record.notifications.push({ id, titleKey, messageKey, params }),
    userAgent: undefined,
    openPicker: (jobId) => void record.openedPickers.push(jobId),
    text: (key, params) => [key, ...(params ?? [])].join(' '),
    wakeBatchAt: () => undefined,
    discardDownload: async (id) => void record.discarded.push(id),
    describeDownloads: async (ids) => ids.flatMap((id) => record.progress.get(id) ?? []),
    wakeDownloadWatchAt: (at) => void record.watchWakes.push(at),
    downloadStallMs: DOWNLOAD_STALL_MS,
    log: (m) => void record.logs.push(m),
  };
  return {
    deps,
    store: createItemStore(area),
    state: initialState(),
    bundled: () => [],
    area,
    clock,
    ...record,
  };
}

export function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json' },
  });
}
