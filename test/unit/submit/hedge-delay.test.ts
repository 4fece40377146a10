import {
  HEDGE_DEFAULT_MS,
  HEDGE_FLOOR_MS,
  HEDGE_LATENCY_MULTIPLE,
  hedgeDelay,
} from '../../../lib/submit/hedge-delay';

describe('hedgeDelay', () => {
  it.each([
    { name: 'no history: the default', median: null, ceiling: 2000, expected: HEDGE_DEFAULT_MS },
    { name: 'a fast service: the floor', median: 50, ceiling: 2000, expected: HEDGE_FLOOR_MS },
    {
      name: 'a typical service: a multiple of its median',
      median: 300,
      ceiling: 2000,
      expected: 300 * HEDGE_LATENCY_MULTIPLE,
    },
    { name: 'a slow service: the ceiling', median: 4000, ceiling: 2000, expected: 2000 },
    { name: 'a ceiling below the floor wins', median: 50, ceiling: 250, expected: 250 },
    { name: 'a ceiling below the default wins', median: null, ceiling: 300, expected: 300 },
    { name: 'fractional medians round', median: 333.3, ceiling: 2000, expected: 667 },
    { name: 'a nonsense median counts as none', median: Number.NaN, ceiling: 2000, expected: 600 },
    { name: 'a negative median counts as none', median: -5, ceiling: 2000, expected: 600 },
    { name: 'a nonsense ceiling is ignored', median: 300, ceiling: Number.NaN, expected: 600 },
  ])('$name', ({ median, ceiling, expected }) => {
    expect(hedgeDelay(median, ceiling)).toBe(expected);
  });

  // The failover budget (benchmark): three hanging instances ahead of a healthy one that answers
  // in 300 ms must give a download URL within 2.5 s. Instance N starts at N × hedge (run-fallback).
  it.each([
    { name: 'with no history', median: null },
    { name: 'with the healthy instance’s own latency as history', median: 300 },
  ])('meets the 2.5 s failover budget $name, with margin', ({ median }) => {
    const hedge = hedgeDelay(median, 2000);
    const marginMs = 200;
    expect(3 * hedge + 300 + marginMs).toBeLessThanOrEqual(2500);
  });
});
