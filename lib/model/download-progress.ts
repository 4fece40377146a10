import type { DownloadEnd } from './download-end';

/**
 * What the browser says about a download this extension started and still waits for, while it
 * runs (platform/downloads.ts reads it with `downloads.search`): its state, whether the user
 * paused it, and the bytes received so far. lib/submit/judge-progress.ts judges it.
 */
export interface DownloadProgress {
  id: number;
  state: 'in_progress' | 'complete' | 'interrupted';
  /** Paused by the user (the browser's own pause button or `downloads.pause`). */
  paused: boolean;
  /** `bytesReceived`: both Chromium and Firefox report it while a download runs. */
  bytes: number;
  /**
   * Complete or interrupted: what the browser's report of the end carries, built from the same
   * download item (platform/downloads.ts), for a report that never arrived.
   */
  end?: DownloadEnd;
}
