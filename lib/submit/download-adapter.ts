import { sanitizeFilename } from '../safety/sanitize-filename';
import { isSafeDownloadUrl } from '../safety/safe-download-url';
import { SUBMIT_CODES } from './submit-codes';

/**
 * The one door from lib/submit to the browser's downloads API (docs/rules.md "Architecture": the browser
 * is reached only through small adapters passed into lib). The background implements it with
 * the browser's downloads API (platform/downloads.ts); tests pass a fake.
 */
export interface DownloadRequest {
  /** http(s), checked before the adapter is called; or the `blob:` URL of a file made here (saveLocalFile). */
  url: string;
  /** Always sanitised: no path separators, reserved names or control characters. */
  filename: string;
  /** Ask where to save (settings.saveAs). */
  saveAs: boolean;
}

export type DownloadStart = { ok: true; id: number | string } | { ok: false; message: string };

export interface DownloadAdapter {
  download(req: DownloadRequest): Promise<DownloadStart>;
}

export type DeliverFailureCode =
  | typeof SUBMIT_CODES.unsafeUrl
  | typeof SUBMIT_CODES.needsLocalProcessing
  | typeof SUBMIT_CODES.downloadFailed;

export type StartOutcome =
  | { ok: true; id: number | string; filename: string }
  | { ok: false; code: DeliverFailureCode; message: string };

/**
 * Starts one download: refuses non-http(s) URLs, sanitises the name, and turns an adapter
 * failure or exception into a typed outcome, so a picker of ten items survives one bad item.
 */
export async function startDownload(
  download: DownloadAdapter,
  url: string,
  filename: string,
  fallbackName: string,
  saveAs: boolean,
): Promise<StartOutcome> {
  if (!isSafeDownloadUrl(url)) {
    return {
      ok: false,
      code: SUBMIT_CODES.unsafeUrl,
      message: 'Refused a download address that is not http(s)',
    };
  }
  // The instance's name wins; the caller's stands in when nothing usable is left of it.
  const safeName = sanitizeFilename(filename, { fallbackBase: fallbackName });
  return handOver(download, url, safeName, saveAs);
}

/**
 * Saves a file made on this device (docs/local-processing.md): `url` is the object URL the local
 * processor created for it, never an address an instance gave, so it is the one `blob:` URL the
 * downloads API is handed. The name is sanitised as any other.
 */
export async function saveLocalFile(
  download: DownloadAdapter,
  url: string,
  filename: string,
  fallbackName: string,
  saveAs: boolean,
): Promise<StartOutcome> {
  if (!url.startsWith('blob:')) {
    return { ok: false, code: SUBMIT_CODES.unsafeUrl, message: 'Not a file made on this device' };
  }
  const safeName = sanitizeFilename(filename, { fallbackBase: fallbackName });
  return handOver(download, url, safeName, saveAs);
}

/** The adapter's answer or exception as a typed outcome, so one bad file never throws. */
async function handOver(
  download: DownloadAdapter,
  url: string,
  safeName: string,
  saveAs: boolean,
): Promise<StartOutcome> {
  try {
    const started = await download.download({ url, filename: safeName, saveAs });
    return started.ok
      ? { ok: true, id: started.id, filename: safeName }
      : { ok: false, code: SUBMIT_CODES.downloadFailed, message: started.message };
  } catch (error) {
    return {
      ok: false,
      code: SUBMIT_CODES.downloadFailed,
      message: error instanceof Error ? error.message : String(error),
    };
  }
}
