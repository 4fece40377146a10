/** One instance tried for a download, as the popup's fallback trail shows it. */
export type TrailOutcome = 'running' | 'ok' | 'failed' | 'skipped' | 'cancelled';

export interface TrailEntry {
  origin: string;
  outcome: TrailOutcome;
  /** cobalt error code or client code; never contains a key or the page URL. */
  code?: string;
  /** i18n key for a plain-words reason. */
  messageKey?: string;
  ms: number;
}
