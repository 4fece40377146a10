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
}
