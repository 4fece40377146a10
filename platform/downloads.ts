import { browser } from 'wxt/browser';

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

export type DownloadEnd = { id: number; state: 'complete' | 'interrupted'; error?: string };

/** Calls back when a download this extension started finishes or fails. */
export function watchDownloads(onEnd: (end: DownloadEnd) => void): void {
  browser.downloads.onChanged.addListener((delta) => {
    const state = delta.state?.current;
    if (state === 'complete' || state === 'interrupted') {
      onEnd({ id: delta.id, state, error: delta.error?.current });
    }
  });
}
