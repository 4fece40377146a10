import { browser, type Browser } from 'wxt/browser';
import type { DownloadEnd } from '../lib/model/download-end';
import type { DownloadProgress } from '../lib/model/download-progress';
import { createTurnsPerName } from '../lib/submit/turns-per-name';

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

/**
 * How long a same-named download waits for the one before it to be under way, at most: a tunnel
 * expires 90 s after it was made (docs/cobalt-api.md §3.7), so a stalled download must not hold
 * the next one for long.
 */
const UNDER_WAY_WAIT_MS = 10_000;
const UNDER_WAY_POLL_MS = 100;

export function createDownloadAdapter() {
  // Same-named downloads start one after the other is under way. Firefox picks a free name
  // before it makes the file ("This has a race", conflictAction handling in
  // https://searchfox.org/mozilla-central/source/toolkit/components/extensions/parent/ext-downloads.js)
  // and makes its placeholder file only when the download starts, so downloads of one name
  // started in the same instant can all get the same path and end as one file (five batch items
  // became one file in the e2e selection batch). Once a download has bytes, or ended, its
  // placeholder exists and the next one of that name is numbered. Chromium reserves names
  // itself; there the wait only orders same-named downloads.
  const turns = createTurnsPerName();
  return {
    async download(req: DownloadRequest): Promise<DownloadStart> {
      const end = await turns.take(req.filename);
      try {
        const id = await browser.downloads.download({
          url: req.url,
          filename: req.filename,
          saveAs: req.saveAs,
          conflictAction: 'uniquify',
        });
        void untilUnderWay(id).finally(end);
        return { ok: true, id };
      } catch (error) {
        end();
        return { ok: false, message: error instanceof Error ? error.message : String(error) };
      }
    },
  };
}

/** Resolves once the download has received bytes or ended (or after UNDER_WAY_WAIT_MS). */
async function untilUnderWay(id: number): Promise<void> {
  for (let waited = 0; waited < UNDER_WAY_WAIT_MS; waited += UNDER_WAY_POLL_MS) {
    const item = await describe(id);
    if (!item || item.state !== 'in_progress' || item.bytesReceived > 0) return;
    await new Promise((resolve) => setTimeout(resolve, UNDER_WAY_POLL_MS));
  }
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
      onEnd(endOf(delta.id, state, delta.error?.current, item)),
    );
  });
}

type DownloadItem = Browser.downloads.DownloadItem;

/** A download's end as the engine reads it, from the report and the browser's item. */
function endOf(
  id: number,
  state: 'complete' | 'interrupted',
  error: string | undefined,
  item: DownloadItem | undefined,
): DownloadEnd {
  return {
    id,
    state,
    ...(error ? { error } : {}),
    ...(item?.mime ? { mime: item.mime } : {}),
    ...(item && state === 'complete' ? { bytes: bytesOnDisk(item) } : {}),
    ...(item && item.totalBytes > 0 ? { expectedBytes: item.totalBytes } : {}),
  };
}

/**
 * How these downloads stand now, for the stall watchdog (lib/app/download-watchdog.ts): one
 * `downloads.search` per id (a query by several ids does not exist); ids the browser no longer
 * knows (erased by the user) are left out. Chromium and Firefox both report `state`, `paused` and
 * `bytesReceived` on a running download, and `error` on an interrupted one, so both browsers
 * share this path.
 */
export async function describeDownloads(ids: number[]): Promise<DownloadProgress[]> {
  const items = await Promise.all(ids.map(describe));
  return items.flatMap((item): DownloadProgress[] => {
    if (!item) return [];
    const { id, state, paused, bytesReceived: bytes } = item;
    if (state === 'in_progress') return [{ id, state, paused, bytes }];
    if (state !== 'complete' && state !== 'interrupted') return [];
    // An ended one carries its end, for a report that never arrived (download-watchdog.ts).
    return [{ id, state, paused, bytes, end: endOf(id, state, item.error, item) }];
  });
}

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
