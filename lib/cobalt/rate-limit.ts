import type { RateLimitInfo } from './cobalt-result';

/**
 * cobalt's rate-limit headers (express-rate-limit draft-6, docs/cobalt-api.md §3.3): `RateLimit-Limit`,
 * `-Remaining`, `-Reset` (seconds), `-Policy` (`<limit>;w=<window>`), and `Retry-After` on 429
 * (seconds, or an HTTP date from proxies). Values come from a third party, so garbage is
 * dropped, negatives are dropped, and waits are clamped to an hour: a hostile or broken header
 * can neither bench an instance for a week nor make the client hammer it.
 */

/** Longest wait believed; cobalt's default window is 60 s. */
export const MAX_WAIT_SECONDS = 3600;
/** Larger counts are not believable limits (and not safe integers for arithmetic). */
const MAX_COUNT = 1_000_000_000;
const HEADER_MAX_LENGTH = 100;

export interface HeaderSource {
  get(name: string): string | null;
}

/** Reads the rate-limit headers; null when the answer carries none. */
export function readRateLimit(headers: HeaderSource, now: number): RateLimitInfo | null {
  const read = (name: string) => {
    const value = headers.get(name);
    return value === null || value.length > HEADER_MAX_LENGTH ? null : value.trim();
  };
  const policyLimit = parsePolicyLimit(read('ratelimit-policy'));
  const info: RateLimitInfo = {
    limit: parseCount(read('ratelimit-limit')) ?? policyLimit,
    remaining: parseCount(read('ratelimit-remaining')),
    resetSeconds: parseSeconds(read('ratelimit-reset')),
    retryAfterSeconds: parseRetryAfter(read('retry-after'), now),
  };
  const empty = Object.values(info).every((value) => value === null);
  return empty ? null : info;
}

/**
 * When the instance may be asked again (ms epoch), or null when nothing says it must wait:
 * `Retry-After` first (it is the server's answer to this request), then `RateLimit-Reset`
 * once nothing remains in the window.
 */
export function retryAt(info: RateLimitInfo | null, now: number): number | null {
  if (!info) return null;
  if (info.retryAfterSeconds !== null) return now + info.retryAfterSeconds * 1000;
  if (info.remaining === 0 && info.resetSeconds !== null) return now + info.resetSeconds * 1000;
  return null;
}

function parseCount(value: string | null): number | null {
  if (value === null || !/^\d{1,10}$/.test(value)) return null;
  const count = Number(value);
  return count <= MAX_COUNT ? count : null;
}

/** Non-negative whole seconds, clamped; fractions (not in the spec) are rounded up. */
function parseSeconds(value: string | null): number | null {
  if (value === null || !/^\d{1,12}(\.\d{1,6})?$/.test(value)) return null;
  return Math.min(MAX_WAIT_SECONDS, Math.ceil(Number(value)));
}

/** `20;w=60` → 20 (only used when RateLimit-Limit is missing). */
function parsePolicyLimit(value: string | null): number | null {
  const first = value?.split(/[;,]/)[0]?.trim() ?? null;
  return parseCount(first);
}

/** RFC 9110: delay-seconds or an HTTP-date; a date in the past means "now" (0). */
function parseRetryAfter(value: string | null, now: number): number | null {
  if (value === null || value === '') return null;
  if (/^\d/.test(value) || value.startsWith('-')) return parseSeconds(value);
  // IMF-fixdate and the two obsolete forms all name a weekday and end in GMT
  if (!/^[A-Za-z]{3}/.test(value) || !/GMT$/i.test(value)) return null;
  const at = Date.parse(value);
  if (!Number.isFinite(at)) return null;
  return Math.min(MAX_WAIT_SECONDS, Math.max(0, Math.ceil((at - now) / 1000)));
}
