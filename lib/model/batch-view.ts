import type { ServiceKey } from '../services/service-key';
import type { BatchItem } from './batch-item';

export interface BatchCounts {
  waiting: number;
  running: number;
  done: number;
  failed: number;
  skipped: number;
  /** Failure reasons (i18n keys) with how often each happened, most frequent first. */
  reasons: { reason: string; count: number }[];
}

/** The batch queue as the popup shows it (lib/app/batch-manager.ts). */
export interface BatchView {
  items: BatchItem[];
  endedAt: number | null;
  counts: BatchCounts;
}

/**
 * The answer to 'batch/start': how many links were queued, or, when the setting says ask, the
 * links the history says were downloaded before (nothing was queued; the popup asks).
 */
export interface BatchStartResult {
  added: number;
  asked: string[];
}

/** What the popup's paste field will queue (the background's extraction, shown before starting). */
export interface PastePreview {
  links: { url: string; service: ServiceKey }[];
  /** Web addresses found that no service takes, plus any beyond the batch's cap. */
  ignored: number;
}
