/**
 * When a tracker feed is due again: the one refresh schedule of the extension (README "Where a
 * rule lives"; `sources.refreshMinutes` in docs/settings.md). Pure, so a new rule (say, a cap
 * for a source that has failed for days) is one more row in its table test.
 *
 * - After a success: the user's interval ±10 %, drawn anew each time, so installs started
 *   together do not hit a tracker in lockstep (the trackers themselves refresh every 10–30
 *   minutes: hourly is plenty).
 * - After the n-th consecutive failure: a quarter of the interval, doubling per failure, capped
 *   at 24 h — 15 m, 30 m, 1 h, 2 h, … 24 h at the default hour.
 */
const JITTER_FRACTION = 0.1;
const BACKOFF_BASE_FRACTION = 0.25;
export const BACKOFF_CAP_MS = 24 * 60 * 60 * 1000;
const MINUTE_MS = 60 * 1000;
/** 2^20 × any base is far past the cap: stop doubling there. */
const MAX_DOUBLINGS = 20;

/**
 * Whole milliseconds (stored times are integers) until a source is due again, after `failures`
 * consecutive failures (0 after a success). `random` returns [0, 1) and is read only after a
 * success (the jitter).
 */
export function nextRefreshDelayMs(
  failures: number,
  refreshMinutes: number,
  random: () => number,
): number {
  const interval = refreshMinutes * MINUTE_MS;
  if (failures <= 0) return Math.round(interval * (1 + (random() * 2 - 1) * JITTER_FRACTION));
  const doublings = Math.min(failures - 1, MAX_DOUBLINGS);
  return Math.min(BACKOFF_CAP_MS, interval * BACKOFF_BASE_FRACTION * 2 ** doublings);
}
