/**
 * When to refresh (docs/rules.md "Sources": an alarm, default hourly, jittered; backoff on failure).
 *
 * - The alarm period is the user's interval ±10 %, so many installs do not hit a tracker in
 *   lockstep (the trackers themselves run every 10–30 min, §6.1–6.2: hourly is plenty).
 * - After a failure the source waits a quarter of the interval (15 min at the default hour),
 *   doubling per consecutive failure, capped at 24 h: 15 m, 30 m, 1 h, 2 h, … 24 h.
 * - After a success it is due again after half the interval: the next jittered alarm (at least
 *   90 % of the interval later) always finds it due, while repeated manual refreshes within
 *   half an interval do not refetch.
 */
export const JITTER_FRACTION = 0.1;
export const BACKOFF_BASE_FRACTION = 0.25;
export const BACKOFF_CAP_MS = 24 * 60 * 60 * 1000;
export const SUCCESS_GAP_FRACTION = 0.5;
/** The alarms API rejects shorter periods in packed extensions. */
export const MIN_ALARM_MINUTES = 1;
const MINUTE_MS = 60 * 1000;
/** 2^20 × any base is far past the cap: stop doubling there. */
const MAX_DOUBLINGS = 20;

/** The next alarm delay: `refreshMinutes` ± 10 %, `random` returning [0, 1). */
export function nextRefreshDelayMinutes(refreshMinutes: number, random: () => number): number {
  const spread = (random() * 2 - 1) * JITTER_FRACTION;
  return Math.max(MIN_ALARM_MINUTES, refreshMinutes * (1 + spread));
}

/** Wait after the `failures`-th consecutive failure (1 = first). */
export function backoffDelayMs(failures: number, refreshMinutes: number): number {
  const base = refreshMinutes * MINUTE_MS * BACKOFF_BASE_FRACTION;
  const doublings = Math.min(Math.max(failures - 1, 0), MAX_DOUBLINGS);
  return Math.min(BACKOFF_CAP_MS, base * 2 ** doublings);
}

/** Wait after a success before the source is due again. */
export function successDelayMs(refreshMinutes: number): number {
  return refreshMinutes * MINUTE_MS * SUCCESS_GAP_FRACTION;
}
