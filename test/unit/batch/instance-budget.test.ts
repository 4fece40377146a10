import type { RateLimitInfo } from '../../../lib/cobalt/cobalt-result';
import {
  available,
  freshBudget,
  nextFreeAt,
  onAnswer,
  onNoAnswer,
  onSend,
  type InstanceBudget,
} from '../../../lib/batch/instance-budget';

const info = (over: Partial<RateLimitInfo>): RateLimitInfo => ({
  limit: null,
  remaining: null,
  resetSeconds: null,
  retryAfterSeconds: null,
  ...over,
});

function sendN(budget: InstanceBudget, n: number, now: number): InstanceBudget {
  let b = budget;
  for (let i = 0; i < n; i += 1) b = onSend(b, now);
  return b;
}

describe('instance budget', () => {
  it("assumes cobalt's default 20 per window before any answer", () => {
    expect(available(freshBudget(), 0)).toBe(20);
    expect(available(sendN(freshBudget(), 20, 0), 0)).toBe(0);
  });

  it.each<[string, RateLimitInfo, number]>([
    [
      'server reports fewer remaining (shared allowance): believe it',
      info({ limit: 20, remaining: 5, resetSeconds: 50 }),
      5,
    ],
    [
      'server has not seen our in-flight requests yet: keep our count',
      info({ limit: 20, remaining: 18, resetSeconds: 50 }),
      16,
    ],
    [
      'a lower limit than assumed shrinks what is left',
      info({ limit: 10, remaining: 9, resetSeconds: 50 }),
      6,
    ],
    ['no headers: our count stands', info({}), 16],
  ])('%s', (_name, headers, left) => {
    const sent = sendN(freshBudget(), 4, 0);
    const answered = onAnswer(sent, headers, 200, 1000);
    expect(available(answered, 1000)).toBe(left);
  });

  it('gives the window back once RateLimit-Reset has passed, counting what is still in flight', () => {
    let b = sendN(freshBudget(), 20, 0);
    b = onAnswer(b, info({ limit: 20, remaining: 0, resetSeconds: 60 }), 200, 1000);
    expect(available(b, 60_999)).toBe(0);
    expect(nextFreeAt(b, 30_000)).toBe(61_000);
    // 18 of the 20 are still in flight at the reset: they may land in the new window.
    expect(available(b, 61_000)).toBe(20 - 19);
  });

  it('rests after a 429 until Retry-After, and a bare 429 for a default window', () => {
    const b = onAnswer(sendN(freshBudget(), 1, 0), info({ retryAfterSeconds: 30 }), 429, 0);
    expect(available(b, 29_999)).toBe(0);
    expect(nextFreeAt(b, 0)).toBe(30_000);
    expect(available(b, 30_000)).toBeGreaterThan(0);
    const bare = onAnswer(sendN(freshBudget(), 1, 0), null, 429, 0);
    expect(available(bare, 59_999)).toBe(0);
    expect(available(bare, 60_000)).toBeGreaterThan(0);
  });

  it('a 429 with a short wait inside a longer known window does not end that window early', () => {
    let b = sendN(freshBudget(), 20, 0);
    b = onAnswer(b, info({ limit: 20, remaining: 0, resetSeconds: 60 }), 200, 1000);
    // Other users' limit (a shared address) answers 429 "again in 10 s" at 30 s.
    b = onAnswer(
      b,
      info({ limit: 20, remaining: 0, resetSeconds: 10, retryAfterSeconds: 10 }),
      429,
      30_000,
    );
    expect(available(b, 40_000)).toBe(0);
    expect(nextFreeAt(b, 40_000)).toBe(61_000);
  });

  it('keeps the unit spent when a request got no answer', () => {
    const b = onNoAnswer(sendN(freshBudget(), 3, 0), 10);
    expect(b.inFlight).toBe(2);
    expect(available(b, 10)).toBe(17);
  });

  // 20 sent together at 0 arrive together: the server's window ends at 60 s for all of them,
  // but each answer's RateLimit-Reset is counted from its ARRIVAL, so a slower answer names a
  // later end for the same window. It must not be taken for a new window (the first to arrive
  // says 19 remaining): nothing is left until 61 s.
  it.each<[string, number]>([
    ['1 s slower', 2_000],
    ['2 s slower', 3_000],
    ['25 s slower', 26_000],
  ])('an answer of the same window %s than the first does not open a new one', (_name, at) => {
    let b = sendN(freshBudget(), 20, 0);
    b = onAnswer(b, info({ limit: 20, remaining: 0, resetSeconds: 60 }), 200, 1000);
    b = onAnswer(b, info({ limit: 20, remaining: 19, resetSeconds: 60 }), 200, at);
    expect(available(b, at)).toBe(0);
    expect(nextFreeAt(b, at)).toBe(61_000);
  });

  it('a new server window after ours ended resets to its count less what is in flight', () => {
    let b = sendN(freshBudget(), 20, 0);
    b = onAnswer(b, info({ limit: 20, remaining: 0, resetSeconds: 60 }), 200, 1000);
    for (let i = 0; i < 19; i += 1) b = onAnswer(b, null, 200, 2000);
    b = sendN(b, 2, 61_000);
    b = onAnswer(b, info({ limit: 20, remaining: 19, resetSeconds: 60 }), 200, 62_000);
    expect(available(b, 62_000)).toBe(18);
    expect(b.resetAt).toBe(122_000);
  });
});
