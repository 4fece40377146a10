import type { ServiceKey } from '../services/service-key';
import type { DownloadMode } from '../settings/schema';

export type BatchItemState = 'waiting' | 'running' | 'done' | 'failed' | 'skipped';

/** One link of a batch (lib/batch/batch-queue.ts keeps them; the popup shows them). */
export interface BatchItem {
  id: string;
  /** The link as sent to cobalt (lib/services matchService). */
  url: string;
  service: ServiceKey;
  /** The mode chosen when the batch started; absent in queues stored before it existed: auto. */
  mode?: DownloadMode;
  state: BatchItemState;
  /** A failed item's reason, an i18n key of a user error (lib/submit/user-error.ts); skipped: why. */
  reason: string | null;
  /** Instances tried for this item so far, in order. */
  tried: string[];
  /**
   * While running and not yet saving: the instances its attempt has asked (the planned one and
   * any hedge). An attempt the worker lost with it (stopped mid-request) had no answer from them,
   * so after a restart they may be asked again (lib/batch/batch-queue.ts `recoverQueue`).
   */
  asking?: string[];
  filename: string | null;
  servedBy: string | null;
  /**
   * The browser's ids of the files this item started (one, or a picker's several). While a
   * running item has them it is saving: it is done only when the browser reports every one
   * saved (lib/batch/batch-queue.ts `fileEnded`). Absent in queues stored before it existed.
   */
  downloads?: number[];
  /** Which of `downloads` the browser reported saved. */
  saved?: number[];
  addedAt: number;
  finishedAt: number | null;
}

/** A batch: its items in the order they were given, and when it ended. */
export interface BatchQueue {
  items: BatchItem[];
  /** Set when the last item settles, so the "batch ended" notice is sent once. */
  endedAt: number | null;
}
