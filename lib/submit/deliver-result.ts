import type { CobaltResult } from '../cobalt/cobalt-result';
import type { PickerItemView } from '../model/job-view';
import { isSafeDownloadUrl } from '../safety/safe-download-url';
import { startDownload, type DeliverFailureCode, type DownloadAdapter } from './download-adapter';
import { SUBMIT_CODES } from './submit-codes';

export type PickerResult = Extract<CobaltResult, { status: 'picker' }>;

/** What the popup shows for a picker (JobView.picker). */
export interface PickerView {
  items: PickerItemView[];
  hasAudio: boolean;
}

export type DeliverOutcome =
  | { kind: 'downloading'; id: number | string; filename: string }
  /** The user chooses; then downloadPicked(). */
  | { kind: 'picker'; result: PickerResult; view: PickerView }
  | { kind: 'failed'; code: DeliverFailureCode; message: string };

export interface DeliverResultOptions {
  result: CobaltResult;
  download: DownloadAdapter;
  /** Name to use when the instance gave none (or an unusable one), e.g. `<service>-<id>`. */
  filenameFallback: string;
  saveAs: boolean;
}

/**
 * Hands a winning result to the downloads API (docs/rules.md "Results"). Called as soon as the chain
 * succeeds: tunnels expire 90 s after cobalt creates them (docs/cobalt-api.md §3.7), so nothing waits in
 * between. `redirect` is a direct CDN URL and is downloaded the same way.
 */
export async function deliverResult(options: DeliverResultOptions): Promise<DeliverOutcome> {
  const { result, download, filenameFallback, saveAs } = options;
  switch (result.status) {
    case 'tunnel':
    case 'redirect':
      return started(
        await startDownload(download, result.url, result.filename ?? '', filenameFallback, saveAs),
      );
    case 'local-processing': {
      const file = result.tunnel[0];
      if (result.type !== 'proxy' || file === undefined) {
        // acceptDeliverable() keeps these out of a chain; this guards callers that skip it.
        return {
          kind: 'failed',
          code: SUBMIT_CODES.needsLocalProcessing,
          message: `local-processing of type "${result.type}" needs muxing, which the extension cannot do`,
        };
      }
      // `proxy` is the one ready file: saved as-is, no ffmpeg step (docs/cobalt-api.md §3.4).
      return started(
        await startDownload(download, file, result.filename ?? '', filenameFallback, saveAs),
      );
    }
    case 'picker':
      return { kind: 'picker', result, view: pickerView(result) };
  }
}

/**
 * Only http(s) thumbnails reach the popup; an unsafe one is dropped (the grid shows a
 * placeholder) rather than hiding the item, whose own URL is checked again on download.
 */
export function pickerView(result: PickerResult): PickerView {
  return {
    items: result.items.map((item, index) => ({
      index,
      type: item.type,
      thumb: item.thumb !== null && isSafeDownloadUrl(item.thumb) ? item.thumb : null,
    })),
    hasAudio: result.audio !== null && isSafeDownloadUrl(result.audio),
  };
}

function started(outcome: Awaited<ReturnType<typeof startDownload>>): DeliverOutcome {
  return outcome.ok
    ? { kind: 'downloading', id: outcome.id, filename: outcome.filename }
    : { kind: 'failed', code: outcome.code, message: outcome.message };
}
