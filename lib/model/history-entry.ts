import type { ServiceKey } from '../services/service-key';

/** One download in the history (lib/batch/download-history.ts keeps the last 500). */
export interface HistoryEntry {
  /** The link as sent to cobalt (lib/services matchService), so spellings of one post match. */
  url: string;
  service: ServiceKey;
  filename: string | null;
  servedBy: string | null;
  ok: boolean;
  /** A failure's reason (an i18n key of a user error). */
  reason: string | null;
  at: number;
}
