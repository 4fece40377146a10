import { nodeLocalProcessor } from './node-local-processor';
import { createEngine } from '../../lib/app/engine';
import type { Engine } from '../../lib/app/engine-api';
import { extractLinks } from '../../lib/batch/extract-links';
import type { ChangedBroadcast } from '../../lib/messages/protocol';
import type { FetchLike } from '../../lib/net/http';
import type { DownloadEnd } from '../../lib/model/download-end';
import type { StorageArea, StorageKey } from '../../lib/storage/storage-area';
import type { DownloadAdapter, DownloadRequest } from '../../lib/submit/download-adapter';
import type { CobaltServer } from './cobalt-server';
import { isLoopbackHost } from './loopback-names';
import {
  HARNESS_MARK,
  recordJob,
  recordSettings,
  recordUserAction,
  registerHarness,
} from './server-registry';
import { DOWNLOAD_STALL_MS } from '../../lib/submit/judge-progress';

/**
 * The engine as the background runs it, minus the browser: in-memory storage, Node's fetch,
 * and a downloads adapter that really fetches the bytes (standing in for chrome.downloads).
 * Used by integration tests and benchmarks.
 */
export function memoryStorage(
  initial: Record<string, unknown> = {},
): StorageArea & { data: Map<string, unknown> } {
  const data = new Map<string, unknown>(Object.entries(initial));
  return {
    data,
    get: async (key: StorageKey) => structuredClone(data.get(key)),
    set: async (key: StorageKey, value: unknown) => void data.set(key, structuredClone(value)),
    remove: async (key: StorageKey) => void data.delete(key),
  };
}

export interface SavedFile {
  id: number;
  request: DownloadRequest;
  bytes: Buffer;
}

/** Marks a fetch as made by engine harness `harness` (for the suite-wide invariants). */
function marked(
  init: RequestInit | undefined,
  harness: number | undefined,
): RequestInit | undefined {
  if (harness === undefined) return init;
  return Object.assign({ ...init }, { [HARNESS_MARK]: harness });
}

export function fetchingDownloads(harness?: number): DownloadAdapter & {
  /** Every URL asked for, in order (the invariant checker's rule e reads it). */
  requested: string[];
  files: SavedFile[];
  failed: { id: number; request: DownloadRequest; error: string }[];
  settled: Promise<void>[];
  /** Ids whose file the engine removed (a web page, a broken transfer). */
  discarded: number[];
  /** What the browser's downloads.onChanged would report; the harness wires it to the engine. */
  onEnd: (end: DownloadEnd) => Promise<void>;
  discard: (id: number) => Promise<void>;
} {
  const files: SavedFile[] = [];
  const failed: { id: number; request: DownloadRequest; error: string }[] = [];
  const settled: Promise<void>[] = [];
  const requested: string[] = [];
  const discarded: number[] = [];
  let next = 1;
  const adapter = {
    requested,
    files,
    failed,
    settled,
    discarded,
    onEnd: async (_end: DownloadEnd) => undefined,
    async discard(id: number) {
      discarded.push(id);
      const at = files.findIndex((f) => f.id === id);
      if (at >= 0) files.splice(at, 1);
    },
    async download(request: DownloadRequest) {
      const id = next++;
      requested.push(request.url);
      if (!isLoopbackHost(new URL(request.url).hostname))
        throw new Error(`download off loopback: ${request.url}`);
      // As a browser does: an HTTP error or a transfer cut off is an interrupted download, never
      // an unhandled rejection; a finished one reports the type the server declared and its size.
      const done = fetch(request.url, marked(undefined, harness))
        .then(async (res): Promise<DownloadEnd> => {
          if (!res.ok) throw new Error(`HTTP ${res.status}`);
          const bytes = Buffer.from(await res.arrayBuffer());
          files.push({ id, request, bytes });
          const mime = res.headers.get('content-type');
          return { id, state: 'complete', bytes: bytes.length, ...(mime ? { mime } : {}) };
        })
        .catch((error: unknown): DownloadEnd => {
          failed.push({ id, request, error: String(error) });
          const reason = String(error).includes('HTTP') ? 'SERVER_BAD_CONTENT' : 'NETWORK_FAILED';
          return { id, state: 'interrupted', error: reason };
        })
        .then((end) => adapter.onEnd(end));
      settled.push(done);
      return { ok: true as const, id };
    },
  };
  return adapter;
}

/**
 * Node's fetch, refusing (and recording) anything that is not 127.0.0.1: tests never leave
 * loopback, even when a chain falls through to the bundled snapshot's real public hosts.
 */
function loopbackFetch(harness?: number): { fetch: typeof fetch; refused: string[] } {
  const refused: string[] = [];
  return {
    refused,
    fetch: (input, init) => {
      const url = new URL(
        typeof input === 'string' ? input : input instanceof URL ? input.href : input.url,
      );
      if (!isLoopbackHost(url.hostname)) {
        refused.push(url.origin);
        return Promise.reject(new TypeError(`test fetch refused: ${url.origin} is not loopback`));
      }
      return fetch(input, marked(init, harness));
    },
  };
}

export interface Harness {
  engine: Engine;
  /** Origins the engine tried to reach outside loopback (refused). */
  refused: string[];
  storage: ReturnType<typeof memoryStorage>;
  downloads: ReturnType<typeof fetchingDownloads>;
  broadcasts: ChangedBroadcast[];
  notifications: { id: string; titleKey: string; messageKey: string; params: string[] }[];
  openedPickers: string[];
  tabs: Map<number, string>;
  /**
   * Says this test expects the engine to try to leave 127.0.0.1 (the refused list is then not a
   * violation of the suite-wide invariants, test/support/invariants.ts).
   */
  expectRefused(): void;
}

export function startEngine(
  options: {
    storage?: ReturnType<typeof memoryStorage>;
    tabs?: Record<number, string>;
    /** Wraps the engine's fetch (test/support/browser-cors-fetch.ts: the browser's CORS check). */
    wrapFetch?: (fetch: FetchLike) => FetchLike;
  } = {},
): Harness {
  const storage = options.storage ?? memoryStorage();
  const broadcasts: ChangedBroadcast[] = [];
  const notifications: Harness['notifications'] = [];
  const openedPickers: string[] = [];
  const tabs = new Map<number, string>(
    Object.entries(options.tabs ?? {}).map(([k, v]) => [Number(k), v]),
  );
  // The suite-wide invariants attribute this engine's requests, actions and settings to it.
  let engineRef: Engine | null = null;
  const batch = batchRecorder(() => engineRef);
  const registered = registerHarness({
    refused: [],
    downloads: [],
    jobs: () => [...(engineRef?.state().jobs ?? []), ...batch.jobs()],
  });
  const guard = loopbackFetch(registered.id);
  registered.refused = guard.refused;
  const downloads = fetchingDownloads(registered.id);
  registered.downloads = downloads.requested;
  const rawEngine = createEngine({
    storage,
    fetch: options.wrapFetch ? options.wrapFetch(guard.fetch) : guard.fetch,
    download: downloads,
    local: nodeLocalProcessor(guard.fetch),
    now: () => Date.now(),
    random: () => Math.random(),
    tabUrl: async (id) => tabs.get(id) ?? null,
    activeTabId: async () => (tabs.size > 0 ? [...tabs.keys()][0]! : null),
    broadcast: (m) => {
      broadcasts.push(m);
      if (m.what === 'job' && m.jobId) noteJob(m.jobId);
      if (m.what === 'batch') batch.note();
    },
    notify: (id, titleKey, messageKey, params) =>
      void notifications.push({ id, titleKey, messageKey, params }),
    userAgent: 'cobalt-picker-test/1.0',
    openPicker: (jobId) => void openedPickers.push(jobId),
    text: (key, params) => [key, ...(params ?? [])].join(' '),
    wakeBatchAt: () => undefined,
    // The fake downloads fetch at once and report their end: none stalls, none is looked at.
    describeDownloads: async () => [],
    wakeDownloadWatchAt: () => undefined,
    downloadStallMs: DOWNLOAD_STALL_MS,
    discardDownload: downloads.discard,
    log: () => undefined,
  });
  downloads.onEnd = (end) => rawEngine.onDownloadEnded(end);
  const engine = observed(rawEngine, registered.id, tabs);
  engineRef = engine;
  void engine.ready.then(() => noteSettings(engine, registered.id));

  function noteJob(jobId: string): void {
    const job = engineRef?.state().jobs.find((j) => j.id === jobId);
    if (job)
      recordJob(
        job.id,
        job.url,
        job.trail.map((t) => t.origin),
      );
  }

  return {
    engine,
    refused: guard.refused,
    storage,
    downloads,
    broadcasts,
    notifications,
    openedPickers,
    tabs,
    expectRefused: () => {
      registered.expectRefused = true;
    },
  };
}

function noteSettings(engine: Engine, harness: number): void {
  const { settings } = engine.state();
  recordSettings({
    harness,
    blocked: [...settings.blocked],
    keys: settings.myInstances.flatMap((m) =>
      m.apiKey ? [{ origin: m.origin, key: m.apiKey }] : [],
    ),
  });
}

/**
 * A batch's items as the invariants see jobs (test/support/invariants.ts): each item's link, the
 * instances it was sent to (`tried`), and every instance that served it over time, read after
 * each batch broadcast (an instance whose file broke served that file before the item moved on,
 * as a job's trail keeps the `client.download.*` step). Ids are `batch:<item id>`.
 */
function batchRecorder(engine: () => Engine | null) {
  const items = new Map<string, { url: string; tried: string[]; served: Set<string> }>();
  return {
    note() {
      void engine()
        ?.handle({ type: 'batch/state', payload: {} })
        .then((view) => {
          for (const item of view.items) {
            const known = items.get(item.id) ?? { url: item.url, tried: [], served: new Set() };
            known.tried = item.tried;
            if (item.servedBy) known.served.add(item.servedBy);
            items.set(item.id, known);
          }
        });
    },
    jobs: () =>
      [...items].flatMap(([id, item]) =>
        [null, ...item.served].map((servedBy) => ({
          id: `batch:${id}`,
          url: item.url,
          trail: item.tried.map((origin) => ({ origin })),
          servedBy,
        })),
      ),
  };
}

/**
 * The engine with its user actions recorded (download/start and instance/test: the only ways a
 * page URL or a test link may leave) and its settings noted after every message, so the
 * invariants know the blocked list and the user's keys at any time.
 */
function observed(engine: Engine, harness: number, tabs: Map<number, string>): Engine {
  const pageOf = async (tabId: number | null, url: string | null) =>
    url ?? (tabId !== null ? (tabs.get(tabId) ?? null) : null);
  const startDownload: Engine['startDownload'] = async (input) => {
    const action = recordUserAction({
      harness,
      kind: 'download',
      jobId: null,
      pageUrl: await pageOf(input.tabId, input.url),
    });
    const started = await engine.startDownload(input);
    if ('jobId' in started) action.jobId = started.jobId;
    return started;
  };
  const handle = (async (envelope: Parameters<Engine['handle']>[0]) => {
    const message = envelope as { type: string; payload: Record<string, unknown> };
    let action: ReturnType<typeof recordUserAction> | null = null;
    // A pasted batch: one user action per link, each tied to its item once the queue has it.
    let batchActions: ReturnType<typeof recordUserAction>[] = [];
    if (message.type === 'batch/start') {
      const { links } = extractLinks(String(message.payload.text));
      batchActions = links.map((link) =>
        recordUserAction({ harness, kind: 'download', jobId: null, pageUrl: link.url }),
      );
    } else if (message.type === 'download/start') {
      const payload = message.payload as { tabId: number | null; url: string | null };
      action = recordUserAction({
        harness,
        kind: 'download',
        jobId: null,
        pageUrl: await pageOf(payload.tabId ?? null, payload.url ?? null),
      });
    } else if (message.type === 'instance/test') {
      const payload = message.payload as { origin: string; service: string | null };
      recordUserAction({
        harness,
        kind: 'test',
        jobId: null,
        pageUrl: null,
        origin: payload.origin,
        service: payload.service,
      });
    }
    const reply = await engine.handle(envelope);
    if (action && reply && typeof reply === 'object' && 'jobId' in reply) {
      action.jobId = String(reply.jobId);
    }
    if (batchActions.length > 0) {
      const view = await engine.handle({ type: 'batch/state', payload: {} });
      for (const link of batchActions) {
        const item = view.items.find((i) => i.url === link.pageUrl);
        if (item) link.jobId = `batch:${item.id}`;
      }
    }
    noteSettings(engine, harness);
    return reply;
  }) as Engine['handle'];
  return { ...engine, handle, startDownload };
}

/** A hyper.lol-format feed entry for a test server (http + IP: the test settings allow both). */
export function feedEntry(server: CobaltServer, extra: Record<string, unknown> = {}) {
  return {
    api: server.origin.replace('http://', ''),
    protocol: 'http',
    frontEnd: 'None',
    trust: 'safe',
    api_online: true,
    version: server.config.version,
    score: 90,
    services: { youtube: true, twitter: true, instagram: true, tiktok: true },
    ...extra,
  };
}

/** Settings that reach loopback test servers only: built-in trackers off, http/IP allowed. */
export function loopbackSettings(customFeedUrl: string, extra: Record<string, unknown> = {}) {
  return {
    sources: {
      hyper: false,
      directory: false,
      cobaltBest: false,
      custom: [{ url: customFeedUrl, enabled: true }],
      refreshMinutes: 60,
    },
    trust: {
      allowListed: true,
      allowUnknown: false,
      allowHttp: true,
      allowIpOnly: true,
      allowLegacyV7: false,
    },
    probe: { enabled: false, concurrency: 8, timeoutMs: 2000, cacheMinutes: 15 },
    ...extra,
  };
}

/** Waits until `check` passes (polling; integration tests only). */
export async function until<T>(
  check: () => T | undefined | null | false,
  timeoutMs = 10_000,
): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}
