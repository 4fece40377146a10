import { HEDGE_FLOOR_MS, attemptTiming } from '../../../lib/submit/hedge-delay';

const LIMITS = { ceilingMs: 20_000, deadlineMs: 45_000 };

describe('attemptTiming', () => {
  it.each<[string, number, { ceilingMs: number; deadlineMs: number }, number, number]>([
    ['hedges at the learned 95th percentile', 6000, LIMITS, 6000, 18_000],
    ['a fast instance: 3 × its percentile to be called hung', 900, LIMITS, 900, 2700],
    ['never sooner than the floor', 40, LIMITS, HEDGE_FLOOR_MS, 3 * HEDGE_FLOOR_MS],
    [
      'the user’s ceiling caps the hedge, not the hang verdict',
      9000,
      { ...LIMITS, ceilingMs: 2000 },
      2000,
      27_000,
    ],
    ['a ceiling below the floor wins', 6000, { ...LIMITS, ceilingMs: 100 }, 100, 18_000],
    ['the hard timeout leaves a third of the deadline', 16_000, LIMITS, 16_000, 30_000],
    [
      '…but never comes before the hedge',
      20_000,
      { ceilingMs: 20_000, deadlineMs: 15_000 },
      20_000,
      20_000,
    ],
    [
      'a garbage percentile counts as the floor',
      Number.NaN,
      LIMITS,
      HEDGE_FLOOR_MS,
      3 * HEDGE_FLOOR_MS,
    ],
    ['garbage limits are ignored', 3000, { ceilingMs: Number.NaN, deadlineMs: -1 }, 3000, 9000],
  ])('%s', (_name, p95, limits, hedgeMs, hardTimeoutMs) => {
    expect(attemptTiming(p95, limits)).toEqual({ hedgeMs, hardTimeoutMs });
  });
});
