/**
 * Limits on top of the refresh schedule (refresh-schedule.ts), so a tracker that is down, or
 * that has put a browser check in front of its API, is not asked again and again:
 *
 * - a source failing for a day or more is asked once a day (and the options page says so);
 * - never more than DAILY_REQUEST_LIMIT requests to one source in any 24 hours, whatever the
 *   refresh interval, failures or "Refresh now" clicks; a refresh over the limit sends nothing.
 *
 * Pure: times in, times out (epoch ms).
 */
export const DAY_MS = 24 * 60 * 60 * 1000;
export const DAILY_REQUEST_LIMIT = 24;

/** The attempts that still count against the limit at `at` (the last 24 hours), oldest first. */
export function attemptsInWindow(attempts: readonly number[], at: number): number[] {
  return attempts.filter((t) => t > at - DAY_MS && t <= at).sort((a, b) => a - b);
}

/** Whether one more request may go out at `at`. */
export function mayRequest(attempts: readonly number[], at: number): boolean {
  return attemptsInWindow(attempts, at).length < DAILY_REQUEST_LIMIT;
}

/** Whether a failing streak that began at `failingSince` has lasted a day, so checks go daily. */
export function isFailingForDays(failingSince: number | null, at: number): boolean {
  return failingSince !== null && at - failingSince >= DAY_MS;
}

export interface LimitInput {
  /** When this attempt went out. */
  at: number;
  /** The schedule's next due time (refresh-schedule.ts). */
  proposed: number;
  /** Start of the current failing streak; null after a success. */
  failingSince: number | null;
  /** Attempts in the window, this one included. */
  attempts: readonly number[];
}

/** The next due time once the limits apply. */
export function limitNextAttempt(input: LimitInput): number {
  const { at, proposed } = input;
  let next = proposed;
  if (isFailingForDays(input.failingSince, at)) next = Math.max(next, at + DAY_MS);
  const window = attemptsInWindow(input.attempts, at);
  if (window.length >= DAILY_REQUEST_LIMIT) {
    // The oldest of the last 24 leaves the window a day after it went out.
    const oldest = window[window.length - DAILY_REQUEST_LIMIT] ?? at;
    next = Math.max(next, oldest + DAY_MS);
  }
  return next;
}
