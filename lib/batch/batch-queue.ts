import type { BatchItem, BatchItemState, BatchQueue } from '../model/batch-item';
import type { BatchCounts } from '../model/batch-view';
import type { ServiceKey } from '../services/service-key';
import type { DownloadMode } from '../settings/schema';

export type { BatchItem, BatchItemState, BatchQueue };

/** Why an item was skipped: i18n keys the popup shows (every locale has them). */
export const BATCH_REASON_KEYS = {
  cancelled: 'batchCancelled',
  skippedBefore: 'batchSkippedBefore',
  /** Its file was a web page or empty, and no instance was left to ask (or it was one of several). */
  notMedia: 'batchFileNotMedia',
  /** Its file broke off, and no instance was left to ask (or it was one of several). */
  broken: 'batchFileBroken',
  /** This computer could not save its file (disk full, no permission): no instance can help. */
  local: 'batchFileLocal',
} as const;

export const EMPTY_QUEUE: BatchQueue = { items: [], endedAt: null };
/** A queue holds at most this many items (storage stays small; the popup stays readable). */
export const MAX_QUEUE_ITEMS = 500;
/** Files one item follows (a picker's "Download all"; cobalt's pickers hold far fewer). */
export const MAX_ITEM_DOWNLOADS = 100;

const SETTLED: readonly BatchItemState[] = ['done', 'failed', 'skipped'];
const isSettled = (item: BatchItem): boolean => SETTLED.includes(item.state);

/**
 * Adds links; a link already waiting or running is not added twice, and `skip` marks links the
 * user chose not to download again (the history said they were). Finished items stay
 * until the next batch starts, so the popup can show what happened.
 */
export function addItems(
  queue: BatchQueue,
  links: readonly { url: string; service: ServiceKey; skip?: boolean; mode?: DownloadMode }[],
  now: number,
  newId: () => string,
): BatchQueue {
  const active = queue.endedAt === null ? queue.items : [];
  const pending = new Set(active.filter((i) => !isSettled(i)).map((i) => i.url));
  const added: BatchItem[] = [];
  for (const link of links) {
    if (pending.has(link.url)) continue;
    pending.add(link.url);
    added.push({
      id: newId(),
      url: link.url,
      service: link.service,
      ...(link.mode ? { mode: link.mode } : {}),
      state: link.skip ? 'skipped' : 'waiting',
      reason: link.skip ? BATCH_REASON_KEYS.skippedBefore : null,
      tried: [],
      filename: null,
      servedBy: null,
      addedAt: now,
      finishedAt: link.skip ? now : null,
    });
  }
  const items = [...active, ...added].slice(-MAX_QUEUE_ITEMS);
  return settle({ items, endedAt: null }, now);
}

export function startItem(queue: BatchQueue, id: string, origin: string): BatchQueue {
  return update(queue, id, (i) =>
    i.state === 'waiting'
      ? { ...i, state: 'running', tried: [...i.tried, origin], asking: [origin] }
      : i,
  );
}

/**
 * A running item's link also went to `origin` (a hedge beside its attempt, batch-driver.ts): it
 * counts as tried there, for privacy and for where a retry goes.
 */
export function hedgeItem(queue: BatchQueue, id: string, origin: string): BatchQueue {
  return update(queue, id, (i) =>
    i.state === 'running' && !i.tried.includes(origin)
      ? { ...i, tried: [...i.tried, origin], asking: [...(i.asking ?? []), origin] }
      : i,
  );
}

export function finishItem(
  queue: BatchQueue,
  id: string,
  outcome:
    { ok: true; filename: string | null; servedBy: string | null } | { ok: false; reason: string },
  now: number,
): BatchQueue {
  // A waiting item can fail without running: no instance serves its service.
  const next = update(queue, id, (i) =>
    i.state !== 'running' && i.state !== 'waiting'
      ? i
      : outcome.ok
        ? {
            ...i,
            state: 'done',
            filename: outcome.filename,
            servedBy: outcome.servedBy,
            finishedAt: now,
          }
        : { ...i, state: 'failed', reason: outcome.reason, finishedAt: now },
  );
  return settle(next, now);
}

/**
 * The instance served the item and its files started (browser ids in `downloads`): it stays
 * running, saving, until the browser reports how each one ended (`fileEnded`). Nothing to follow
 * (no id came back) is done at once.
 */
export function fileStarted(
  queue: BatchQueue,
  id: string,
  started: { filename: string | null; servedBy: string; downloads: readonly number[] },
  now: number,
): BatchQueue {
  const downloads = started.downloads.slice(0, MAX_ITEM_DOWNLOADS);
  const { filename, servedBy } = started;
  if (downloads.length === 0) return finishItem(queue, id, { ok: true, filename, servedBy }, now);
  return update(queue, id, (i) =>
    i.state === 'running' ? { ...i, filename, servedBy, downloads, saved: [] } : i,
  );
}

/**
 * How one of an item's files ended, as the background decided from the browser's report
 * (lib/app/batch-manager.ts over lib/submit/judge-download-end.ts): `retry` sends the item to
 * the next instance, `failed` stops it with a reason key, `cancelled` (the user stopped the
 * download in the browser) skips it as a cancel in the popup does.
 */
export type FileEnd =
  | { kind: 'saved' }
  | { kind: 'retry' }
  | { kind: 'failed'; reason: string }
  | { kind: 'cancelled' };

/** The item following browser download `downloadId`, in any state (a late end is still judged). */
export function itemOfDownload(queue: BatchQueue, downloadId: number): BatchItem | undefined {
  return queue.items.find((i) => i.downloads?.includes(downloadId));
}

/**
 * One of a saving item's files ended. Saved: the item is done once all its files are. Retry:
 * back to waiting with its `tried` list (the planner asks another instance first), its files
 * forgotten. Failed or cancelled: it stops at once; its other files, if any, are still judged
 * when they end, but change nothing here. An item that is not running any more is left alone.
 */
export function fileEnded(
  queue: BatchQueue,
  id: string,
  downloadId: number,
  end: FileEnd,
  now: number,
): BatchQueue {
  const item = queue.items.find((i) => i.id === id);
  if (item?.state !== 'running' || !item.downloads?.includes(downloadId)) return queue;
  switch (end.kind) {
    case 'saved': {
      const saved = [...new Set([...(item.saved ?? []), downloadId])];
      const all = item.downloads.every((d) => saved.includes(d));
      const next = update(queue, id, (i) => ({ ...i, saved }));
      if (!all) return next;
      const { filename, servedBy } = item;
      return finishItem(next, id, { ok: true, filename, servedBy }, now);
    }
    case 'retry':
      return update(queue, id, (i) => ({
        ...i,
        state: 'waiting',
        filename: null,
        servedBy: null,
        downloads: [],
        saved: [],
      }));
    case 'failed':
      return finishItem(queue, id, { ok: false, reason: end.reason }, now);
    case 'cancelled':
      return cancelItem(queue, id, now);
  }
}

/**
 * Whether an item may go to another instance: fewer than `maxAttempts` instances tried and a
 * usable one it has not tried (the single download's rule: each instance at most once per link).
 */
export function hasTriesLeft(
  tried: readonly string[],
  usable: readonly string[],
  maxAttempts: number,
): boolean {
  return new Set(tried).size < maxAttempts && usable.some((o) => !tried.includes(o));
}

/**
 * The item's request was refused for its rate (a 429 we could not foresee) or never answered:
 * it goes back to waiting, keeping the instance in `tried` so the planner prefers another.
 */
export function requeueItem(queue: BatchQueue, id: string): BatchQueue {
  return update(queue, id, (i) => (i.state === 'running' ? { ...i, state: 'waiting' } : i));
}

/** A failed or skipped item is tried again from the start. */
export function retryItem(queue: BatchQueue, id: string): BatchQueue {
  const next = update(queue, id, (i) =>
    i.state === 'failed' || i.state === 'skipped'
      ? {
          ...i,
          state: 'waiting',
          reason: null,
          tried: [],
          filename: null,
          servedBy: null,
          downloads: [],
          saved: [],
          finishedAt: null,
        }
      : i,
  );
  return next === queue ? queue : { ...next, endedAt: null };
}

/** Cancelling a waiting or running item skips it; a running request's answer is then ignored. */
export function cancelItem(queue: BatchQueue, id: string, now: number): BatchQueue {
  return settle(
    update(queue, id, (i) => cancelled(i, now)),
    now,
  );
}

export function cancelAll(queue: BatchQueue, now: number): BatchQueue {
  const items = queue.items.map((i) => askingOnlyWhileAsking(cancelled(i, now)));
  return settle({ ...queue, items }, now);
}

/** A running item whose files started: it waits for the browser, not for an instance. */
export const isSaving = (item: BatchItem): boolean =>
  item.state === 'running' && (item.downloads?.length ?? 0) > 0;

/**
 * Items that were running when the worker stopped: an item still asking an instance lost its
 * answer, so it runs again; an item saving keeps running, since its files are the browser's and
 * the browser reports their end to the next worker (entrypoints/background `watchDownloads`),
 * as a single download in `downloading` waits (lib/app/job.ts `recoverJob` keeps it).
 */
export function recoverQueue(queue: BatchQueue): BatchQueue {
  const lost = (i: BatchItem) => i.state === 'running' && !isSaving(i);
  if (!queue.items.some(lost)) return queue;
  return {
    ...queue,
    items: queue.items.map((i) => {
      if (!lost(i)) return i;
      // The instances it was asking never answered: they count as not tried, so the item is
      // not failed as "every instance tried" for a request the stop cut. Asking one of them
      // again sends the link to no one new.
      const { asking = [], ...rest } = i;
      return { ...rest, state: 'waiting', tried: i.tried.filter((o) => !asking.includes(o)) };
    }),
  };
}

type QueueCounts = BatchCounts;

export function countQueue(queue: BatchQueue): QueueCounts {
  const counts: QueueCounts = {
    waiting: 0,
    running: 0,
    done: 0,
    failed: 0,
    skipped: 0,
    reasons: [],
  };
  const reasons = new Map<string, number>();
  for (const item of queue.items) {
    counts[item.state] += 1;
    if (item.state === 'failed' && item.reason)
      reasons.set(item.reason, (reasons.get(item.reason) ?? 0) + 1);
  }
  counts.reasons = [...reasons]
    .map(([reason, count]) => ({ reason, count }))
    .sort((a, b) => b.count - a.count);
  return counts;
}

function cancelled(item: BatchItem, now: number): BatchItem {
  return item.state === 'waiting' || item.state === 'running'
    ? { ...item, state: 'skipped', reason: BATCH_REASON_KEYS.cancelled, finishedAt: now }
    : item;
}

function update(queue: BatchQueue, id: string, change: (item: BatchItem) => BatchItem): BatchQueue {
  let changed = false;
  const items = queue.items.map((item) => {
    if (item.id !== id) return item;
    const next = askingOnlyWhileAsking(change(item));
    changed ||= next !== item;
    return next;
  });
  return changed ? { ...queue, items } : queue;
}

/** `asking` lives only while the item waits for an instance's answer (running, not saving). */
function askingOnlyWhileAsking(item: BatchItem): BatchItem {
  if (item.asking === undefined || (item.state === 'running' && !isSaving(item))) return item;
  const { asking: _, ...rest } = item;
  return rest;
}

/** The batch ends when its last item settles. */
function settle(queue: BatchQueue, now: number): BatchQueue {
  if (queue.endedAt !== null || queue.items.length === 0 || !queue.items.every(isSettled))
    return queue;
  return { ...queue, endedAt: now };
}
