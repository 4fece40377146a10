import type { HealthRecord } from './health-state';

/**
 * Half-life of an outcome's weight: 6 h. Instances recover from blocks and rate limits within
 * hours (a YouTube block is lifted, a limiter window resets), so yesterday's failures must not
 * outweigh this morning's successes; a shorter half-life would forget a flaky instance between
 * two downloads of the same evening.
 */
export const HEALTH_HALF_LIFE_MS = 6 * 60 * 60 * 1000;

/** The weight an outcome keeps after `elapsedMs`: 1 now, ½ after one half-life. */
export function decayFactor(elapsedMs: number): number {
  // A clock that went backwards (or garbage) must never inflate old counts.
  if (!(elapsedMs > 0)) return 1;
  return Math.pow(0.5, elapsedMs / HEALTH_HALF_LIFE_MS);
}

export interface DecayedCounts {
  successes: number;
  failures: number;
}

/** A record's success and failure weights as seen at `now`. */
export function decayedCounts(record: HealthRecord, now: number): DecayedCounts {
  const factor = decayFactor(now - record.updatedAt);
  return { successes: record.successes * factor, failures: record.failures * factor };
}
