import type { BatchDriver, ItemAttempt } from '../batch/batch-driver';
import {
  BATCH_REASON_KEYS,
  fileEnded,
  hasTriesLeft,
  isSaving,
  itemOfDownload,
  type BatchItem,
  type BatchQueue,
  type FileEnd,
} from '../batch/batch-queue';
import type { DownloadEnd } from '../model/download-end';
import type { DownloadAdapter } from '../submit/download-adapter';
import type { ServiceKey } from '../services/service-key';
import type { DownloadVerdict } from '../submit/judge-download-end';
import type { EngineContext } from './engine-state';
import { judgeEnded } from './judge-ended';

/**
 * The end of a batch item's file (docs/rules.md "Downloads that break"): what batch-manager.ts
 * does when the browser reports that one of its items' downloads stopped, judged as a single
 * download's is (judge-ended.ts, which job-manager.ts uses too).
 */

/** What the manager keeps in memory while items run (none of it survives a worker stop). */
export interface FileWatch {
  /** Attempts under way, by item id. */
  attempts: Map<string, Promise<ItemAttempt>>;
  /**
   * The item each browser download was started for, from the moment it starts: a tiny file can
   * end before its attempt is settled into the queue, and its end then waits for that attempt.
   */
  owners: Map<number, string>;
  /** `downloads.download` calls not answered yet: an end can arrive before its id does. */
  starting: Set<Promise<unknown>>;
  /** Items whose file was made on this device: its temporary copy goes when the download ends. */
  localFiles: Set<string>;
}

export function newFileWatch(): FileWatch {
  return { attempts: new Map(), owners: new Map(), starting: new Set(), localFiles: new Set() };
}

/** Keeps item `itemId`'s attempt in `attempts` until it settles; returns it. */
export function watchAttempt(
  watch: FileWatch,
  itemId: string,
  attempt: Promise<ItemAttempt>,
): Promise<ItemAttempt> {
  const { attempts } = watch;
  attempts.set(itemId, attempt);
  const forget = () => void (attempts.get(itemId) === attempt && attempts.delete(itemId));
  void attempt.then(forget, forget);
  return attempt;
}

/**
 * The downloads adapter for item `itemId`'s attempt: each download it starts is known as the
 * item's (`owners`) the moment the browser gives its id, before the attempt settles.
 */
export function downloadsOf(
  watch: FileWatch,
  downloads: DownloadAdapter,
  itemId: string,
): DownloadAdapter {
  return {
    async download(request) {
      const call = downloads.download(request);
      watch.starting.add(call);
      try {
        const start = await call;
        if (start.ok && typeof start.id === 'number') watch.owners.set(start.id, itemId);
        return start;
      } finally {
        watch.starting.delete(call);
      }
    },
  };
}

/** The job id a batch item's attempt runs under (and its file made on this device, if any). */
export const batchJobId = (item: BatchItem) => `batch-${item.id}`;

/**
 * The browser reports download `end.id` stopped: if it is a batch item's file, it is judged,
 * removed and blamed when it is not the file, and the item done, sent to the next instance or
 * stopped (`fileEnd`). An item that stopped already (a picker's other file failed, the user
 * cancelled) has its late files judged and removed all the same; the queue ignores them.
 */
export async function batchFileEnded(
  ctx: EngineContext,
  driver: BatchDriver,
  end: DownloadEnd,
  watch: FileWatch,
  usable: (service: ServiceKey) => readonly string[],
): Promise<void> {
  let item = itemOfDownload(driver.queue(), end.id);
  if (!item && !watch.owners.has(end.id) && watch.starting.size > 0) {
    await Promise.allSettled([...watch.starting]);
  }
  const owner = watch.owners.get(end.id);
  watch.owners.delete(end.id);
  // Its attempt may still be under way: wait for that one (the driver's own `then` on it runs
  // before this), never for the others. Waiting for every attempt held a saved file's item
  // "running" for as long as another item's hang lasted (up to its hard timeout), and an e2e
  // run showed a batch that never ended.
  const attempt = owner !== undefined ? watch.attempts.get(owner) : undefined;
  if (!item && attempt) {
    await attempt.catch(() => undefined);
    item = itemOfDownload(driver.queue(), end.id);
  }
  if (!item) return;
  if (watch.localFiles.delete(item.id)) ctx.deps.local.release(batchJobId(item));
  const verdict = await judgeEnded(ctx, end, { origin: item.servedBy, service: item.service });
  const { maxAttempts } = ctx.state.settings.fallback;
  const tries = hasTriesLeft(item.tried, usable(item.service), maxAttempts);
  const { id } = item;
  const change = fileEnd(verdict, item, tries);
  driver.change((queue) => fileEnded(queue, id, end.id, change, ctx.deps.now()));
}

/**
 * The browser downloads still saving for the items a cancel stops (`id`, or all when null): a
 * file still saving is the browser's, so cancelling its item stops it there too and the partial
 * file goes (platform/downloads.ts discardDownload). This is also the way out of a download the
 * user paused: like a single download's, a saving item waits for the browser's report
 * (lib/batch/batch-queue.ts `recoverQueue`); one that stalls with no byte for a whole stall period
 * is ended as broken by the watchdog (download-watchdog.ts), which watches these same downloads.
 */
export function unsavedDownloads(queue: BatchQueue, id: string | null): number[] {
  return queue.items
    .filter((i) => isSaving(i) && (id === null || i.id === id))
    .flatMap((i) => (i.downloads ?? []).filter((x) => !(i.saved ?? []).includes(x)));
}

/** The reason an item stops with when its file was not saved, per verdict. */
const FILE_REASON: Record<'not-media' | 'broken' | 'local', string> = {
  'not-media': BATCH_REASON_KEYS.notMedia,
  broken: BATCH_REASON_KEYS.broken,
  local: BATCH_REASON_KEYS.local,
};

/**
 * What one file's end does to its item. A web page, an empty file or a broken transfer sends a
 * one-file item to the next instance it has not tried (`tries`: within maxAttempts, as a single
 * download's chain), else fails it in plain words. An item of several files (a picker's
 * "Download all") is not asked again: its files that were saved would be saved twice, so it fails
 * with the reason, as a single download's picked files are not re-asked (job-manager.ts
 * `canRetry`). The user's own cancel in the browser skips the item, as a cancel in the popup does;
 * a disk that refused the file fails it, since no instance can help.
 */
function fileEnd(verdict: DownloadVerdict, item: BatchItem, tries: boolean): FileEnd {
  switch (verdict.kind) {
    case 'saved':
      return { kind: 'saved' };
    case 'cancelled':
      return { kind: 'cancelled' };
    case 'local':
      return { kind: 'failed', reason: FILE_REASON.local };
    case 'not-media':
    case 'broken': {
      const oneFile = (item.downloads?.length ?? 0) === 1;
      return oneFile && tries
        ? { kind: 'retry' }
        : { kind: 'failed', reason: FILE_REASON[verdict.kind] };
    }
  }
}
