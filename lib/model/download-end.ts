/**
 * What the browser says when a download this extension started stops (platform/downloads.ts reads
 * it from the downloads API): finished or interrupted, the browser's reason, the type it saw and
 * the bytes it wrote.
 */
export interface DownloadEnd {
  id: number;
  state: 'complete' | 'interrupted';
  /** The downloads API's InterruptReason (`NETWORK_FAILED`, `USER_CANCELED`, …). */
  error?: string;
  /** The MIME type the server declared, as the browser reports it. */
  mime?: string;
  /** Bytes on disk (`fileSize`, else `bytesReceived`); absent when the browser did not say. */
  bytes?: number;
  /** The length the server announced (`totalBytes`), when it did. */
  expectedBytes?: number;
}
