import type { RateLimitInfo } from '../../../lib/cobalt/cobalt-result';
import {
  ESCALATING_QUARANTINE_MS,
  escalatingQuarantineMs,
  isRateLimitError,
  RATE_LIMIT_DEFAULT_MS,
  RATE_LIMIT_MAX_MS,
  RATE_LIMIT_MIN_MS,
  rateLimitUntil,
} from '../../../lib/health/quarantine-until';

const NOW = 1_700_000_000_000;
const MIN = 60_000;

function rl(over: Partial<RateLimitInfo>): RateLimitInfo {
  return { limit: 20, remaining: 0, resetSeconds: null, retryAfterSeconds: null, ...over };
}

describe('escalatingQuarantineMs', () => {
  it.each([
    [1, 2 * MIN],
    [2, 10 * MIN],
    [3, 60 * MIN],
    [4, 60 * MIN],
    [50, 60 * MIN],
    [0, 2 * MIN],
    [Number.NaN, 2 * MIN],
  ])('after %d consecutive failures benches for %d ms', (streak, ms) => {
    expect(escalatingQuarantineMs(streak)).toBe(ms);
  });

  it('grows with each step', () => {
    const steps = [...ESCALATING_QUARANTINE_MS];
    expect(steps).toEqual([...steps].sort((a, b) => a - b));
  });
});

describe('rateLimitUntil', () => {
  it.each<[string, number | undefined, RateLimitInfo | null, number]>([
    ['retryAt from the classifier', NOW + 30_000, null, NOW + 30_000],
    ['retryAt wins over headers', NOW + 30_000, rl({ retryAfterSeconds: 90 }), NOW + 30_000],
    ['Retry-After', undefined, rl({ retryAfterSeconds: 42 }), NOW + 42_000],
    [
      'Retry-After wins over RateLimit-Reset',
      undefined,
      rl({ retryAfterSeconds: 42, resetSeconds: 7 }),
      NOW + 42_000,
    ],
    ['RateLimit-Reset', undefined, rl({ resetSeconds: 17 }), NOW + 17_000],
    ['no information: the default window', undefined, null, NOW + RATE_LIMIT_DEFAULT_MS],
    [
      'a reset hours away is capped',
      undefined,
      rl({ resetSeconds: 86_400 }),
      NOW + RATE_LIMIT_MAX_MS,
    ],
    ['retryAt a year away is capped', NOW + 365 * 86_400_000, null, NOW + RATE_LIMIT_MAX_MS],
    ['retryAt in the past waits the minimum', NOW - 10_000, null, NOW + RATE_LIMIT_MIN_MS],
    [
      'retryAt in epoch seconds by mistake waits the minimum',
      NOW / 1000,
      null,
      NOW + RATE_LIMIT_MIN_MS,
    ],
    ['a zero reset waits the minimum', undefined, rl({ resetSeconds: 0 }), NOW + RATE_LIMIT_MIN_MS],
    [
      'NaN retryAt falls through to the headers',
      Number.NaN,
      rl({ resetSeconds: 20 }),
      NOW + 20_000,
    ],
    ['Infinity retryAt falls through to the default', Infinity, null, NOW + RATE_LIMIT_DEFAULT_MS],
    [
      'negative Retry-After falls through to Reset',
      undefined,
      rl({ retryAfterSeconds: -5, resetSeconds: 20 }),
      NOW + 20_000,
    ],
    [
      'NaN headers fall through to the default',
      undefined,
      rl({ retryAfterSeconds: Number.NaN, resetSeconds: Number.NaN }),
      NOW + RATE_LIMIT_DEFAULT_MS,
    ],
  ])('%s', (_name, retryAt, rateLimit, expected) => {
    expect(rateLimitUntil(retryAt, rateLimit, NOW)).toBe(expected);
  });
});

describe('isRateLimitError', () => {
  it.each([
    ['error.api.rate_exceeded', 'failover', true],
    ['error.api.rate_exceeded', 'retry-later', true],
    ['client.http_429', 'retry-later', true],
    ['error.api.fetch.rate', 'failover', false],
    ['error.api.fetch.fail', 'failover', false],
  ] as const)('%s (%s) → %s', (code, action, expected) => {
    expect(isRateLimitError({ code, action, errorClass: 'instance' })).toBe(expected);
  });
});
