import type { ClassifiedError } from '../cobalt/error-action';
import type { RateLimitInfo } from '../cobalt/cobalt-result';

const MINUTE = 60_000;

/**
 * Quarantine after 1, 2, 3+ consecutive instance-class failures. The first failure may be a
 * blip (a restart, one blocked request), so it costs only 2 min; a second in a row suggests a
 * real block (10 min); a third means the instance is broken for this service for now (1 h,
 * after which one more try is cheap compared to never retrying).
 */
export const ESCALATING_QUARANTINE_MS = [2 * MINUTE, 10 * MINUTE, 60 * MINUTE] as const;

/**
 * A rate limit never benches an instance longer than 1 h: cobalt's default window is 60 s
 * (docs/cobalt-api.md §3.3) and owners rarely set hours, so a longer reset is more likely garbage than
 * policy.
 */
export const RATE_LIMIT_MAX_MS = 60 * MINUTE;

/**
 * …and never shorter than 5 s: a reset "already due" still needs a moment, because the
 * instance's limiter clock can run slightly behind ours.
 */
export const RATE_LIMIT_MIN_MS = 5_000;

/** With no usable reset time: cobalt's default `RATELIMIT_WINDOW` of 60 s (docs/cobalt-api.md §3.3). */
export const RATE_LIMIT_DEFAULT_MS = MINUTE;

/** Quarantine length after `consecutiveFailures` (≥ 1) instance-class failures in a row. */
export function escalatingQuarantineMs(consecutiveFailures: number): number {
  const last = ESCALATING_QUARANTINE_MS.length - 1;
  // NaN or < 1 counts as the first failure; past the table, the longest step repeats.
  const index = Math.min(Math.max(1, Math.floor(consecutiveFailures) || 1) - 1, last);
  return ESCALATING_QUARANTINE_MS[index] ?? ESCALATING_QUARANTINE_MS[2];
}

/**
 * A silence (`client.timeout`: an attempt that never answered within its hard timeout) benches
 * an instance only when it is the second instance-class failure in a row. One silence from an
 * instance that otherwise answers may be the far tail of its answer times (a healthy instance
 * takes over three times its 95th percentile about once in 600 attempts, lib/submit/hedge-delay.ts);
 * a hanging instance is silent every time, so its second try benches it.
 */
export const SILENCES_BEFORE_QUARANTINE = 2;

/** Is this failure a silence (no answer at all), as opposed to an error the instance sent? */
export function isSilence(error: ClassifiedError): boolean {
  return error.code === 'client.timeout';
}

/** Is this failure the instance's rate limiter (as opposed to a broken instance)? */
export function isRateLimitError(error: ClassifiedError): boolean {
  return error.code === 'error.api.rate_exceeded' || error.action === 'retry-later';
}

/**
 * When a rate-limited instance may be tried again, bounded to
 * [now + RATE_LIMIT_MIN_MS, now + RATE_LIMIT_MAX_MS]. Sources in order of precision: the
 * classifier's absolute `retryAt`, then `Retry-After`, then `RateLimit-Reset`. Non-finite or
 * negative values are skipped, so a garbage header can neither bench an instance for a week
 * nor let it be hammered at once.
 */
export function rateLimitUntil(
  retryAt: number | undefined,
  rateLimit: RateLimitInfo | null | undefined,
  now: number,
): number {
  const wanted =
    validTime(retryAt) ??
    secondsFromNow(rateLimit?.retryAfterSeconds, now) ??
    secondsFromNow(rateLimit?.resetSeconds, now) ??
    now + RATE_LIMIT_DEFAULT_MS;
  return Math.min(now + RATE_LIMIT_MAX_MS, Math.max(now + RATE_LIMIT_MIN_MS, wanted));
}

function validTime(value: number | undefined): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function secondsFromNow(seconds: number | null | undefined, now: number): number | null {
  if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds < 0) return null;
  return now + seconds * 1000;
}
