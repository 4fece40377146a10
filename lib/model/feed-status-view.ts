import type { FeedFailure } from './feed-failure';

/** One tracker feed's status as the options page shows it. */
export interface FeedStatusView {
  source: string;
  enabled: boolean;
  lastSuccess: number | null;
  lastError: string | null;
  lastAttempt: number | null;
  entries: number;
  dropped: number;
  nextAttempt: number | null;
  /** The kind of the current failure (lib/sources/feed-failure.ts); null while it works. */
  failure: FeedFailure | null;
  /** Failing for a day or more, so asked once a day (lib/sources/refresh-limits.ts). */
  daily: boolean;
  /** When the list still in use from this source was fetched; null when none is held. */
  listFrom: number | null;
}
