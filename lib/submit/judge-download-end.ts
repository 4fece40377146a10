import type { DownloadEnd } from '../model/download-end';
import { SUBMIT_CODES } from './submit-codes';

/**
 * What a stopped download means for its job (docs/rules.md "Downloads that break"):
 *
 * - `saved`: a file of media.
 * - `not-media`: the browser finished, but what it saved is a web page or error document, or
 *   nothing at all. An instance that hands that over failed the user: the file is removed and the
 *   chain moves on.
 * - `broken`: the transfer stopped on a network or server error (a tunnel that expired or died
 *   half-way): the partial file is removed and the link is asked of the next instance.
 * - `cancelled`: the user stopped it; never retried.
 * - `local`: this computer's disk refused the file (full, no access, name too long): no instance
 *   can help, so nothing is retried or held against one.
 *
 * InterruptReason values: https://developer.chrome.com/docs/extensions/reference/api/downloads#type-InterruptReason
 * (Firefox uses the same names: https://developer.mozilla.org/en-US/docs/Mozilla/Add-ons/WebExtensions/API/downloads/InterruptReason).
 */
export type DownloadVerdict =
  | { kind: 'saved' }
  | { kind: 'not-media'; code: typeof SUBMIT_CODES.downloadNotMedia }
  | { kind: 'broken'; code: typeof SUBMIT_CODES.downloadBroken }
  | { kind: 'cancelled' }
  | { kind: 'local'; code: typeof SUBMIT_CODES.downloadLocal };

/**
 * Types that are never a media file cobalt hands over: a block page, a login wall, a JSON error.
 * cobalt's tunnels and the services' media hosts serve video, audio and images
 * (https://github.com/imputnet/cobalt/blob/main/api/src/stream/proxy.js and ffmpeg.js).
 */
const NOT_MEDIA_TYPES = new Set(['text/html', 'application/xhtml+xml', 'application/json']);

function essence(mime: string): string {
  return mime.split(';')[0]!.trim().toLowerCase();
}

export function judgeDownloadEnd(end: DownloadEnd): DownloadVerdict {
  if (end.state === 'complete') {
    const webPage = end.mime !== undefined && NOT_MEDIA_TYPES.has(essence(end.mime));
    if (webPage || end.bytes === 0)
      return { kind: 'not-media', code: SUBMIT_CODES.downloadNotMedia };
    // Finished short of the announced length: a connection that closed early, which a browser
    // may report as complete (https://bugzilla.mozilla.org/show_bug.cgi?id=237623).
    const short =
      end.expectedBytes !== undefined && end.bytes !== undefined && end.bytes < end.expectedBytes;
    return short ? { kind: 'broken', code: SUBMIT_CODES.downloadBroken } : { kind: 'saved' };
  }
  const reason = end.error ?? '';
  if (reason === 'USER_CANCELED') return { kind: 'cancelled' };
  if (reason.startsWith('FILE_')) return { kind: 'local', code: SUBMIT_CODES.downloadLocal };
  // NETWORK_*, SERVER_*, CRASH, USER_SHUTDOWN and reasons newer than this list: the transfer
  // broke, which another instance's fresh tunnel can mend.
  return { kind: 'broken', code: SUBMIT_CODES.downloadBroken };
}
