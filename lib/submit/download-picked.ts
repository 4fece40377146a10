import type { DeliverFailureCode, DownloadAdapter } from './download-adapter';
import { startDownload } from './download-adapter';
import type { PickerResult } from './deliver-result';
import { defaultAudioFilename, pickedAudioFilename, pickedFilename } from './picked-filename';
import { SUBMIT_CODES } from './submit-codes';

/** Which picker entry: an item's index in the post, or the post's audio track. */
type PickedItem = number | 'audio';

export interface DownloadPickedOutcome {
  started: { item: PickedItem; id: number | string; filename: string }[];
  failed: {
    item: PickedItem;
    code: DeliverFailureCode | typeof SUBMIT_CODES.badPick;
    message: string;
  }[];
}

export interface DownloadPickedOptions {
  /** Ask where to save each file (settings.saveAs). */
  saveAs?: boolean;
  /** Service key for the names (`<service>-<n>.<ext>`); the result itself does not carry it. */
  service?: string;
}

/** Name stem when the caller does not say which service the post came from. */
const DEFAULT_SERVICE_STEM = 'cobalt';

/**
 * Downloads what the user picked from a picker, in the post's order, then the audio. Each item
 * is started on its own: one refused URL does not stop the rest. Item URLs are usually direct
 * CDN URLs (docs/cobalt-api.md §3.4), checked like any other download URL.
 */
export async function downloadPicked(
  result: PickerResult,
  indexes: readonly number[],
  audio: boolean,
  download: DownloadAdapter,
  options: DownloadPickedOptions = {},
): Promise<DownloadPickedOutcome> {
  const service = options.service ?? DEFAULT_SERVICE_STEM;
  const saveAs = options.saveAs ?? false;
  const outcome: DownloadPickedOutcome = { started: [], failed: [] };
  const picked = [...new Set(indexes)].sort((a, b) => a - b);

  for (const index of picked) {
    const item = Number.isInteger(index) ? result.items[index] : undefined;
    if (item === undefined) {
      outcome.failed.push({
        item: index,
        code: SUBMIT_CODES.badPick,
        message: 'No such item in this post',
      });
      continue;
    }
    const name = pickedFilename(service, index, item);
    const one = await startDownload(download, item.url, name, name, saveAs);
    if (one.ok) outcome.started.push({ item: index, id: one.id, filename: one.filename });
    else outcome.failed.push({ item: index, code: one.code, message: one.message });
  }

  if (audio) {
    if (result.audio === null) {
      outcome.failed.push({
        item: 'audio',
        code: SUBMIT_CODES.badPick,
        message: 'This post has no audio',
      });
    } else {
      const fallback = defaultAudioFilename(service);
      const one = await startDownload(
        download,
        result.audio,
        pickedAudioFilename(service, result),
        fallback,
        saveAs,
      );
      if (one.ok) outcome.started.push({ item: 'audio', id: one.id, filename: one.filename });
      else outcome.failed.push({ item: 'audio', code: one.code, message: one.message });
    }
  }
  return outcome;
}
