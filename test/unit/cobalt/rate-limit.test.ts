import { MAX_WAIT_SECONDS, readRateLimit, retryAt } from '../../../lib/cobalt/rate-limit';

const NOW = Date.UTC(2026, 10, 23, 0, 3, 52);
const headers = (init: Record<string, string>) => new Headers(init);

describe('readRateLimit', () => {
  it('reads the real 429 of 9002-post-ratelimit-4', () => {
    const info = readRateLimit(
      headers({
        'RateLimit-Policy': '3;w=60',
        'RateLimit-Limit': '3',
        'RateLimit-Remaining': '0',
        'RateLimit-Reset': '60',
        'Retry-After': '60',
      }),
      NOW,
    );
    expect(info).toEqual({ limit: 3, remaining: 0, resetSeconds: 60, retryAfterSeconds: 60 });
  });

  it('is null without any rate-limit header (header and auth refusals carry none)', () => {
    expect(readRateLimit(headers({ 'Content-Type': 'application/json' }), NOW)).toBeNull();
  });

  it('takes the limit from the policy when RateLimit-Limit is missing', () => {
    expect(readRateLimit(headers({ 'RateLimit-Policy': '20;w=60' }), NOW)?.limit).toBe(20);
  });

  it('reads lower-case and odd-case names alike', () => {
    expect(readRateLimit(headers({ 'ratelimit-remaining': '7' }), NOW)?.remaining).toBe(7);
  });

  it.each<[string, number | null]>([
    ['60', 60],
    ['0', 0],
    [' 5 ', 5],
    ['1.2', 2], // not in the spec: rounded up
    ['3600', 3600],
    ['86400', MAX_WAIT_SECONDS],
    ['999999999999', MAX_WAIT_SECONDS],
    ['-5', null],
    ['abc', null],
    ['', null],
    ['60s', null],
    ['1e9', null],
    ['0x10', null],
    ['NaN', null],
    ['Infinity', null],
    ['9'.repeat(200), null],
    // HTTP dates, relative to NOW
    [new Date(NOW + 120_000).toUTCString(), 120],
    [new Date(NOW - 120_000).toUTCString(), 0],
    [new Date(NOW + 30 * 86_400_000).toUTCString(), MAX_WAIT_SECONDS],
    ['Mon, 99 Nov 2026 00:00:00 GMT', null],
    ['tomorrow', null],
    ['2026-11-23T00:05:00Z', null],
  ])('Retry-After %j → %j', (value, seconds) => {
    const info = readRateLimit(headers({ 'Retry-After': value, 'RateLimit-Limit': '20' }), NOW);
    expect(info?.retryAfterSeconds).toBe(seconds);
  });

  it.each<[string, number | null]>([
    ['60', 60],
    ['-1', null],
    ['garbage', null],
    ['100000', MAX_WAIT_SECONDS],
  ])('RateLimit-Reset %j → %j', (value, seconds) => {
    expect(readRateLimit(headers({ 'RateLimit-Reset': value }), NOW)?.resetSeconds ?? null).toBe(
      seconds,
    );
  });

  it.each<[string, number | null]>([
    ['20', 20],
    ['0', 0],
    ['-1', null],
    ['2.5', null],
    ['99999999999', null],
    ['lots', null],
  ])('RateLimit-Remaining %j → %j', (value, count) => {
    const info = readRateLimit(
      headers({ 'RateLimit-Remaining': value, 'RateLimit-Reset': '1' }),
      NOW,
    );
    expect(info?.remaining).toBe(count);
  });
});

describe('retryAt', () => {
  it.each<[string, Parameters<typeof retryAt>[0], number | null]>([
    [
      'Retry-After wins',
      { limit: 3, remaining: 0, resetSeconds: 30, retryAfterSeconds: 60 },
      NOW + 60_000,
    ],
    [
      'reset once nothing remains',
      { limit: 3, remaining: 0, resetSeconds: 30, retryAfterSeconds: null },
      NOW + 30_000,
    ],
    [
      'no wait while requests remain',
      { limit: 3, remaining: 2, resetSeconds: 30, retryAfterSeconds: null },
      null,
    ],
    [
      'no wait without a reset',
      { limit: 3, remaining: 0, resetSeconds: null, retryAfterSeconds: null },
      null,
    ],
    [
      'Retry-After 0 is now',
      { limit: null, remaining: null, resetSeconds: null, retryAfterSeconds: 0 },
      NOW,
    ],
    ['nothing known', null, null],
  ])('%s', (_name, info, expected) => {
    expect(retryAt(info, NOW)).toBe(expected);
  });
});
