import { healthKey } from '../health/health-state';
import {
  addItems,
  cancelAll,
  cancelItem,
  countQueue,
  EMPTY_QUEUE,
  hasTriesLeft,
  retryItem,
  type BatchItem,
  type BatchQueue,
} from '../batch/batch-queue';
import {
  createBatchDriver,
  type BatchDriver,
  type ItemAttempt,
  type ItemHedge,
} from '../batch/batch-driver';
import { sortByHistory } from '../batch/download-history';
import { extractLinks } from '../batch/extract-links';
import type { InstanceBudget } from '../batch/instance-budget';
import { CLIENT_CODES } from '../cobalt/classify-error';
import { readRateLimit } from '../cobalt/rate-limit';
import type { RateLimitInfo } from '../cobalt/cobalt-result';
import type { BatchStartResult, BatchView } from '../model/batch-view';
import type { DownloadEnd } from '../model/download-end';
import type { FetchLike } from '../net/http';
import type { RankedEntry } from '../rank/ranked-entry';
import { REASON } from '../rank/reason-keys';
import type { ServiceKey } from '../services/service-key';
import type { DownloadMode } from '../settings/schema';
import type { PickerResult } from '../submit/deliver-result';
import type { DownloadAdapter } from '../submit/download-adapter';
import { downloadPicked } from '../submit/download-picked';
import type { EngineContext } from './engine-state';
import { newJob, type Job } from './job';
import {
  batchFileEnded,
  batchJobId,
  downloadsOf,
  newFileWatch,
  unsavedDownloads,
  watchAttempt,
} from './batch-file-end';
import { remember } from './remember-download';
import { runJob } from './run-job';
import { changeHealth, notePending, watchHealth } from './health-changes';
import { batchQueueItem, instanceBudgetsItem } from './stored-items';

/**
 * The batch queue in the background (issue: many links at once): links from the popup's paste
 * field, a selection's context menu or a picker go into one persisted queue
 * (lib/batch/batch-queue.ts); the driver (lib/batch/batch-driver.ts) spreads them over the ranked
 * instances of each link's service within every instance's rate limit. Each attempt is the single
 * download's own attempt (run-job.ts with this one instance): the same request body, the same
 * `fix` retry, target policy, health records and delivery. A content error stops that item only;
 * an instance error sends it to the next instance until every usable one was tried.
 *
 * An item whose files started stays running (saving) until the browser reports their end, and
 * that end is judged as a single download's is (judge-ended.ts, docs/rules.md "Downloads that
 * break"): saved counts; a web page, an empty file or a broken transfer is removed, held against
 * the instance, and the item goes to the next instance it has not tried (`onDownloadEnded`).
 */
export interface BatchManager {
  /** Reads the stored queue and budgets (nothing starts): the engine does it beside loadState. */
  load(): Promise<void>;
  /** Reads the stored queue and budgets and starts what may start (after a worker restart too). */
  recover(): Promise<void>;
  start(input: BatchStartInput): Promise<BatchStartResult>;
  /**
   * From the selection's context menu, where no page is open to ask in: links downloaded before
   * are left out unless the setting says always, the rest start, and a notification says what
   * was left out or that the selection held no link cobalt can download.
   */
  startFromMenu(text: string, mode: DownloadMode): Promise<BatchStartResult>;
  retry(id: string): Promise<void>;
  /** One item, or every waiting and running item when `id` is null. */
  cancel(id: string | null): Promise<void>;
  /**
   * A picker's "Download all": the post goes into the queue with the answer it already has, so
   * its files (every item and the audio) start without asking cobalt again while that answer is
   * fresh; after a worker restart (or once it is stale) the item asks again like any other.
   */
  startPicked(input: PickedInput): Promise<void>;
  /** The wake-up time came (a timer, or the alarm that woke a stopped worker). */
  wake(): void;
  /**
   * The browser reports a download stopped; one of a batch item's files is judged and the item
   * done, sent to the next instance or failed (downloads that are not an item's are ignored).
   */
  onDownloadEnded(end: DownloadEnd): Promise<void>;
  /** The downloads of running items not saved yet (download-watchdog.ts watches them). */
  waiting(): number[];
  view(): BatchView;
}

export interface BatchStartInput {
  /** Any text holding links (a paste, a selection); each link cobalt can handle becomes an item. */
  text: string;
  mode: DownloadMode;
  /**
   * Links the history says were downloaded: true downloads them again, false skips them, null
   * follows the setting (`ask` then answers with them and starts nothing).
   */
  again: boolean | null;
}

interface PickedInput {
  url: string;
  service: ServiceKey;
  mode: DownloadMode;
  picker: PickerResult;
  servedBy: string;
}

/** A 429 as lib/health records it: cobalt's code (docs/cobalt-api.md §3.3) or a bare one. */
const RATE_LIMITED = new Set<string | null>(['error.api.rate_exceeded', CLIENT_CODES.rateLimited]);

/**
 * Instances one run of a batch item may ask: its planned instance, a hedge beside it, and one
 * more when the hedge fails fast while the first is still silent (never more than two in
 * flight, run-fallback.ts MAX_IN_FLIGHT). Without the third, an item whose first instance hangs
 * and whose hedge answered a busy 429 waited out the hang's hard timeout (bench/batch.ts,
 * fast:6 warm: 11.5 s where the oracle takes 1.3 s). Further instances are the queue's to give:
 * a longer chain spends the item's attempt cap (settings.fallback.maxAttempts) on instances the
 * planner would not have picked.
 */
const ATTEMPTS_PER_RUN = 3;

/** A picker answer older than this is asked for again: its item URLs may have expired. */
const FRESH_PICKER_MS = 60_000;

export function createBatchManager(
  ctx: EngineContext,
  rankFor: (service: ServiceKey) => RankedEntry[],
): BatchManager {
  const { deps } = ctx;
  let driver: BatchDriver | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let lastEnded: number | null = null;
  /** Picker answers handed over with "Download all", by item id (memory only: they expire). */
  const answered = new Map<string, { picker: PickerResult; servedBy: string; at: number }>();
  const watch = newFileWatch();

  const usable = usableForBatch(ctx, rankFor);

  const wakeAt = (at: number | null) => {
    if (timer !== null) clearTimeout(timer);
    timer = at === null ? null : setTimeout(() => driver?.pump(), Math.max(0, at - deps.now()));
    // A stopped worker has no timers: the alarm wakes it (entrypoints/background).
    deps.wakeBatchAt(at);
  };

  const save = (queue: BatchQueue, budgets: Record<string, InstanceBudget>) => {
    void ctx.store.write(batchQueueItem, queue);
    void ctx.store.write(instanceBudgetsItem, budgets);
    deps.broadcast({ type: 'changed', what: 'batch' });
    if (queue.endedAt !== null && queue.endedAt !== lastEnded) {
      lastEnded = queue.endedAt;
      void batchEnded(ctx, queue);
    }
  };

  const run = (item: BatchItem, origin: string, hedge: ItemHedge) => {
    const pre = answered.get(item.id);
    answered.delete(item.id);
    const download = downloadsOf(watch, deps.download, item.id);
    const attempt =
      pre && deps.now() - pre.at < FRESH_PICKER_MS
        ? downloadAll(ctx, item, download, pre.picker, pre.servedBy, 0, null)
        : runItem(ctx, item, origin, usable(item.service), watch.localFiles, hedge, download);
    return watchAttempt(watch, item.id, attempt);
  };

  const ensure = async (): Promise<BatchDriver> => {
    if (driver) return driver;
    const [queue, budgets] = await Promise.all([
      ctx.store.read(batchQueueItem),
      ctx.store.read(instanceBudgetsItem),
    ]);
    lastEnded = queue.value.endedAt;
    driver = createBatchDriver(
      {
        now: deps.now,
        ranked: (service) => usable(service).map((r) => r.origin),
        proven: deliveredBefore(ctx),
        run,
        wakeAt,
        save,
        noInstanceReason: 'error_no_instances_title',
      },
      { queue: queue.value, budgets: budgets.value },
    );
    return driver;
  };

  const manager: BatchManager = {
    async load() {
      await ensure();
    },
    async recover() {
      (await ensure()).pump();
    },
    startFromMenu: (text, mode) => menuBatch(manager, deps, text, mode),
    start: async (input) => startLinks(ctx, input, ensure),
    async startPicked({ url, service, mode, picker, servedBy }) {
      const d = await ensure();
      const ids: string[] = [];
      let n = 0;
      const newId = () => {
        const id = `${deps.now().toString(36)}-p${(n++).toString(36)}-${idPart(deps.random())}`;
        ids.push(id);
        return id;
      };
      // Register the answer before the item can be planned (change() pumps at once).
      const at = deps.now();
      d.change((queue) => {
        const next = addItems(queue, [{ url, service, mode }], at, newId);
        for (const id of ids) answered.set(id, { picker, servedBy, at });
        return next;
      });
    },
    async retry(id) {
      (await ensure()).change((queue) => retryItem(queue, id));
    },
    async cancel(id) {
      const d = await ensure();
      const stopping = unsavedDownloads(d.queue(), id);
      d.change((queue) =>
        id === null ? cancelAll(queue, deps.now()) : cancelItem(queue, id, deps.now()),
      );
      await Promise.all(stopping.map((x) => deps.discardDownload(x)));
    },
    wake() {
      driver?.pump();
    },
    async onDownloadEnded(end) {
      const origins = (service: ServiceKey) => usable(service).map((r) => r.origin);
      await batchFileEnded(ctx, await ensure(), end, watch, origins);
    },
    waiting: () => (driver ? unsavedDownloads(driver.queue(), null) : []),
    view() {
      const queue = driver?.queue() ?? EMPTY_QUEUE;
      const counts = countQueue(queue);
      return { items: queue.items, endedAt: queue.endedAt, counts };
    },
  };
  return manager;
}

/**
 * Whether an instance has delivered a service (lib/health). Health records every batch attempt
 * too (runItem's onOutcome), so a success earlier in the same batch counts.
 */
function deliveredBefore(ctx: EngineContext) {
  return (origin: string, service: ServiceKey) =>
    (ctx.state.health[healthKey(origin, service)]?.successes ?? 0) > 0;
}

/**
 * The ranked instances the queue may use for a service: the usable ones, and the ones benched
 * only because their rate-limit window is spent (an answer with nothing remaining, or a 429). A
 * single download would wait in vain there, but the queue paces each instance through its budget
 * (lib/batch/instance-budget.ts), so such an instance stays in its list and takes items again
 * when its window opens. Without this, a batch whose working instances all filled their windows
 * failed its remaining links as "no instances".
 */
function usableForBatch(
  ctx: EngineContext,
  rankFor: (service: ServiceKey) => RankedEntry[],
): (service: ServiceKey) => RankedEntry[] {
  return (service) =>
    rankFor(service).flatMap((r) => {
      if (!r.excluded) return [r];
      const record = ctx.state.health[healthKey(r.origin, service)];
      const onlyPaced =
        r.reasons.every((x) => x.effect !== '!' || x.key === REASON.quarantined) &&
        (record?.lastOutcome === 'ok' || RATE_LIMITED.has(record?.lastOutcome ?? null));
      return onlyPaced ? [{ ...r, excluded: false }] : [];
    });
}

const idPart = (r: number) => Math.floor(r * 1e9).toString(36);

/** BatchManager.start: the links of a text that are not asked about go into the queue. */
async function startLinks(
  ctx: EngineContext,
  { text, mode, again }: BatchStartInput,
  ensure: () => Promise<BatchDriver>,
): Promise<BatchStartResult> {
  const { deps } = ctx;
  const { links } = extractLinks(text);
  if (links.length === 0) return { added: 0, asked: [] };
  const policy = again === null ? ctx.state.settings.redownload : again ? 'always' : 'never';
  const sorted = sortByHistory(links, ctx.state.history, policy);
  if (sorted.ask.length > 0) return { added: 0, asked: sorted.ask };
  const d = await ensure();
  const kept = d.queue().endedAt === null ? d.queue().items.length : 0;
  let n = 0;
  d.change((queue) =>
    addItems(
      queue,
      sorted.download.map((l) => ({ ...l, mode })),
      deps.now(),
      () => `${deps.now().toString(36)}-${(n++).toString(36)}-${idPart(deps.random())}`,
    ),
  );
  return { added: d.queue().items.length - kept, asked: [] };
}

/**
 * One attempt of one item on one instance, through the single download's own chain (run-job.ts
 * with this instance first). Like a single download, an attempt still silent at its hedge delay
 * gets a second instance beside it, the next usable one the item has not tried that has delivered
 * the service and has room in its window right now (`hedge.claim` spends the unit there, as a
 * planned start does); with no such instance there is no hedge. Its timing follows what the
 * batch learns while it runs (`watchHealth`; requests still out are noted as pending). The
 * first usable answer wins; the other follows run-fallback's loser rules. The answers' status and rate-limit headers are read on the way (the fetch below)
 * so the driver can fold them into each instance's budget.
 */
async function runItem(
  ctx: EngineContext,
  item: BatchItem,
  origin: string,
  usable: readonly RankedEntry[],
  localFiles: Set<string>,
  hedge: ItemHedge,
  download: DownloadAdapter,
): Promise<ItemAttempt> {
  const { deps, state } = ctx;
  const entry = usable.find((r) => r.origin === origin);
  if (!entry) return { kind: 'no_answer' };
  const others = usable.filter((r) => r.origin !== origin && !item.tried.includes(r.origin));
  /** Hedge instances claimed, and those whose request has ended (each gives its unit back once). */
  const claimed: string[] = [];
  const settled = new Set<string>();
  const claim = (o: string) => (hedge.claim(o) ? (claimed.push(o), true) : false);
  let answer: { status: number; rateLimit: RateLimitInfo | null } | null = null;
  const fetch: FetchLike = async (input, init) => {
    const to = claimed.find((o) => input.startsWith(`${o}/`) || input === o);
    const end = (seen: { status: number; rateLimit: RateLimitInfo | null } | null) => {
      if (to === undefined || settled.has(to)) return;
      settled.add(to);
      hedge.ended(to, seen);
    };
    let response: Response;
    const target = to ?? (input.startsWith(origin) ? origin : null);
    const answered = target === null ? () => undefined : notePending(ctx, target, item.service);
    try {
      response = await deps.fetch(input, init);
    } catch (error) {
      end(null);
      throw error;
    } finally {
      answered();
    }
    const seen = {
      status: response.status,
      rateLimit: readRateLimit(response.headers, deps.now()),
    };
    if (to !== undefined) end(seen);
    else if (target !== null) answer = seen;
    return response;
  };
  let job: Job = newJob({
    id: batchJobId(item),
    tabId: null,
    service: item.service,
    mode: item.mode ?? 'auto',
    url: item.url,
    at: deps.now(),
  });
  const settings = {
    ...state.settings,
    fallback: { ...state.settings.fallback, maxAttempts: ATTEMPTS_PER_RUN },
  };
  const ended = await runJob({
    job,
    ranked: [entry, ...others],
    claim,
    settings,
    probes: state.probes,
    fetch,
    download,
    // Parts muxed on this device (docs/local-processing.md), as for a single download.
    local: deps.local,
    now: deps.now,
    health: state.health,
    // A hang is cut at its hard timeout (and recorded): the queue gives the link to another
    // instance, so keeping it as this chain's last hope only holds the item.
    othersOutside: true,
    onOutcome: (change) => void changeHealth(ctx, change),
    watchHealth: (listener) => watchHealth(ctx, listener),
    update: async (change) => (job = change(job)),
  });
  const seen = answer as { status: number; rateLimit: RateLimitInfo | null } | null;
  const status = seen?.status ?? 0;
  const rateLimit = seen?.rateLimit ?? null;
  const servedBy = ended.servedBy ?? origin;
  if (ended.state === 'downloading') {
    if (ended.localFile) localFiles.add(item.id);
    return {
      kind: 'started',
      status,
      rateLimit,
      filename: ended.filenames[0] ?? null,
      servedBy,
      downloads: ended.downloadIds,
    };
  }
  if (ended.state === 'picker' && ended.picker)
    return downloadAll(ctx, item, download, ended.picker, servedBy, status, rateLimit);
  const error = ended.error;
  // An instance-class failure (down, refused, needs a key there): the next instance tries,
  // until every usable one has (the same chain a single download walks, one step at a time).
  if (error?.kind === 'instances' || error?.kind === 'setup') {
    if (status === 429) return { kind: 'rate_limited', rateLimit };
    // Exhausted when every instance still usable was tried (instances benched since they failed
    // drop out of `usable`, so a count of tried ones would stop before the untried are asked),
    // or when the single download's attempt cap is reached (hasTriesLeft).
    const origins = usable.map((r) => r.origin);
    const tried = [...item.tried, ...claimed];
    if (!hasTriesLeft(tried, origins, state.settings.fallback.maxAttempts))
      return { kind: 'failed', status, rateLimit, reason: error.titleKey.slice(0, 100) };
    return seen ? { kind: 'elsewhere', status, rateLimit } : { kind: 'no_answer' };
  }
  // A content error (private post, too long, …) stops this item only.
  return {
    kind: 'failed',
    status,
    rateLimit,
    reason: (error?.titleKey ?? 'error_generic_title').slice(0, 100),
  };
}

/**
 * Everything a post offers: every item and its audio, each checked like any download. The item
 * is done when the browser reports every one of its files saved.
 */
async function downloadAll(
  ctx: EngineContext,
  item: BatchItem,
  download: DownloadAdapter,
  picker: PickerResult,
  servedBy: string,
  status: number,
  rateLimit: RateLimitInfo | null,
): Promise<ItemAttempt> {
  const picked = await downloadPicked(
    picker,
    picker.items.map((_, i) => i),
    picker.audio !== null,
    download,
    { saveAs: ctx.state.settings.saveAs, service: item.service },
  );
  if (picked.started.length === 0)
    return { kind: 'failed', status, rateLimit, reason: 'error_download_failed_title' };
  const filename = picked.started
    .map((s) => s.filename)
    .join(', ')
    .slice(0, 255);
  const downloads = picked.started.flatMap((s) => (typeof s.id === 'number' ? [s.id] : []));
  return { kind: 'started', status, rateLimit, filename, servedBy, downloads };
}

/** The batch ended: each settled item goes into the history, and one notification sums it up. */
async function batchEnded(ctx: EngineContext, queue: BatchQueue): Promise<void> {
  const { deps, state } = ctx;
  for (const item of queue.items) {
    if (item.state !== 'done' && item.state !== 'failed') continue;
    await remember(ctx, {
      url: item.url,
      service: item.service,
      filename: item.filename,
      servedBy: item.servedBy,
      ok: item.state === 'done',
      reason: item.reason,
      at: item.finishedAt ?? deps.now(),
    });
  }
  const counts = countQueue(queue);
  const wanted =
    counts.failed > 0
      ? state.settings.notifications.onFailure
      : state.settings.notifications.onSuccess;
  if (!wanted || counts.done + counts.failed === 0) return;
  const reasons = counts.reasons.map((r) => `${deps.text(r.reason)} ×${r.count}`).join(', ');
  deps.notify(
    `batch-${queue.endedAt ?? deps.now()}`,
    'notifyBatchTitle',
    counts.failed > 0 ? 'notifyBatchFailedMessage' : 'notifyBatchDoneMessage',
    [String(counts.done), String(counts.failed), reasons],
  );
}

/** BatchManager.startFromMenu: no page to ask in, so links downloaded before are left out. */
async function menuBatch(
  manager: BatchManager,
  deps: EngineContext['deps'],
  text: string,
  mode: DownloadMode,
): Promise<BatchStartResult> {
  const first = await manager.start({ text, mode, again: null });
  if (first.asked.length === 0 && first.added > 0) return first;
  const at = deps.now();
  if (first.asked.length === 0) {
    deps.notify(`batch-none-${at}`, 'notifyBatchTitle', 'notifyBatchNoLinks', []);
    return first;
  }
  const rest = await manager.start({ text, mode, again: false });
  deps.notify(`batch-skipped-${at}`, 'notifyBatchTitle', 'notifyBatchSkippedBefore', [
    String(first.asked.length),
  ]);
  return rest;
}
