import type { DownloadProgress } from '../model/download-progress';

/**
 * How long a running download may go without one more byte before it counts as stalled and is
 * ended as a broken transfer (docs/rules.md "Downloads that break").
 *
 * Why 60 s: an instance may sit at 0 bytes a while before it streams (cobalt's tunnel first
 * fetches from the service, and a remux or transcode through ffmpeg sends its first bytes only
 * once ffmpeg has output: https://github.com/imputnet/cobalt/blob/main/api/src/stream/ffmpeg.js),
 * so a short period would cut slow but working instances. A tunnel lives 90 s from its creation
 * (docs/cobalt-api.md §3.7): a download still at 0 bytes a minute in is unlikely to be saved by
 * that tunnel, and the browser's own resume of a broken transfer (Chromium's auto-resume) needs
 * the tunnel alive. Ending it by 60 s leaves the next instance a fresh tunnel while the user is
 * still waiting, rather than an item that spins until someone cancels it by hand.
 */
export const DOWNLOAD_STALL_MS = 60_000;

/** How often a watched download is looked at within one stall period. */
export const CHECKS_PER_STALL = 6;

/** The bytes a download had when they last changed, and when that was seen. */
export interface ProgressMark {
  bytes: number;
  since: number;
  /** Seen complete or interrupted at that look: the browser's report of its end is due. */
  ended?: true;
}

export type ProgressVerdict =
  /** Still running: keep this mark for the next look. */
  | { kind: 'watching'; mark: ProgressMark }
  /** No byte for a whole stall period while running and not paused: end it as broken. */
  | { kind: 'stalled' }
  /**
   * Complete or interrupted: the browser reports its end itself (platform/downloads.ts), which
   * normally arrives within milliseconds. Keep the mark for the next look.
   */
  | { kind: 'ended'; mark: ProgressMark }
  /**
   * Seen ended at the look before too, and still waited for: the browser's report was never
   * handled (an e2e run showed a download complete in the browser, its item waiting for good),
   * so the watchdog delivers the end from what the browser says of the download.
   */
  | { kind: 'unreported' };

/**
 * One look at a waited-for download, against the mark of the look before (none on the first look,
 * or after a worker restart: the period then starts again, which can only end a download later,
 * never sooner). A download the user paused is never stalled: its pause time does not count, and
 * after a resume it gets a whole period again. Any change of the byte count counts as progress
 * (a browser that resumed a broken transfer may restart from fewer bytes).
 */
export function judgeProgress(
  seen: DownloadProgress,
  mark: ProgressMark | undefined,
  now: number,
  stallMs: number = DOWNLOAD_STALL_MS,
): ProgressVerdict {
  if (seen.state !== 'in_progress') {
    if (mark?.ended) return { kind: 'unreported' };
    return { kind: 'ended', mark: { bytes: seen.bytes, since: now, ended: true } };
  }
  const fresh: ProgressVerdict = { kind: 'watching', mark: { bytes: seen.bytes, since: now } };
  if (seen.paused || !mark || mark.bytes !== seen.bytes) return fresh;
  return now - mark.since >= stallMs ? { kind: 'stalled' } : { kind: 'watching', mark };
}
