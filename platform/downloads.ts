import { browser, type Browser } from 'wxt/browser';
import type { DownloadEnd } from '../lib/model/download-end';

/**
 * The downloads adapter lib/submit hands results to. Tunnels expire 90 s after creation
 * (docs/cobalt-api.md §3.7), so this starts the download at once and reports the browser's id; the
 * outcome (complete / interrupted) arrives later through `watchDownloads`.
 */
export interface DownloadRequest {
  url: string;
  filename: string;
  saveAs: boolean;
}

export type DownloadStart = { ok: true; id: number } | { ok: false; message: string };

export function createDownloadAdapter() {
  return {
    async download(req: DownloadRequest): Promise<DownloadStart> {
      try {
        const id = await browser.downloads.download({
          url: req.url,
          filename: req.filename,
          saveAs: req.saveAs,
          conflictAction: 'uniquify',
        });
        return { ok: true, id };
      } catch (error) {
        return { ok: false, message: error instanceof Error ? error.message : String(error) };
      }
    },
  };
}

/**
 * Calls back when a download this extension started finishes or fails, with the type and size
 * the browser saw: a finished web page is not the file (lib/submit/judge-download-end.ts).
 */
export function watchDownloads(onEnd: (end: DownloadEnd) => void): void {
  browser.downloads.onChanged.addListener((delta) => {
    const state = delta.state?.current;
    if (state !== 'complete' && state !== 'interrupted') return;
    void describe(delta.id).then((item) =>
      onEnd({
        id: delta.id,
        state,
        ...(delta.error?.current ? { error: delta.error.current } : {}),
        ...(item?.mime ? { mime: item.mime } : {}),
        ...(item && state === 'complete' ? { bytes: bytesOnDisk(item) } : {}),
        ...(item && item.totalBytes > 0 ? { expectedBytes: item.totalBytes } : {}),
      }),
    );
  });
}

type DownloadItem = Browser.downloads.DownloadItem;

async function describe(id: number): Promise<DownloadItem | undefined> {
  try {
    const [item] = await browser.downloads.search({ id });
    return item;
  } catch {
    return undefined;
  }
}

/** `fileSize` is -1 when unknown (Chromium, Firefox); then the bytes the browser received. */
function bytesOnDisk(item: DownloadItem): number {
  return item.fileSize >= 0 ? item.fileSize : item.bytesReceived;
}

/**
 * Removes a stopped download's file and its entry in the browser's list. A finished file goes
 * with `removeFile`; an interrupted one is cancelled, which deletes the partial file the browser
 * keeps for resuming (Chromium's `.crdownload`, Firefox's `.part`). Each step may fail when the
 * user already removed the file: what is gone stays gone.
 */
export async function discardDownload(id: number): Promise<void> {
  const item = await describe(id);
  if (!item) return;
  if (item.state === 'complete') await browser.downloads.removeFile(id).catch(() => undefined);
  else await browser.downloads.cancel(id).catch(() => undefined);
  await browser.downloads.erase({ id }).catch(() => undefined);
}
