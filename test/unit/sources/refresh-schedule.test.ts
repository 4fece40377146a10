import {
  BACKOFF_CAP_MS,
  backoffDelayMs,
  nextRefreshDelayMinutes,
  successDelayMs,
} from '../../../lib/sources/refresh-schedule';

const MINUTE = 60_000;

describe('nextRefreshDelayMinutes (±10 % jitter)', () => {
  it.each([
    [60, 0, 54],
    [60, 0.5, 60],
    [60, 0.75, 63],
    [60, 1, 66],
    [15, 0, 13.5],
    [1440, 0.25, 1440 * 0.95],
    [1, 0, 1],
  ])('%i min with random %d → %d min', (minutes, random, expected) => {
    expect(nextRefreshDelayMinutes(minutes, () => random)).toBeCloseTo(expected, 9);
  });

  it('stays within ±10 % for any random value', () => {
    for (let i = 0; i < 1000; i += 1) {
      const delay = nextRefreshDelayMinutes(60, Math.random);
      expect(delay).toBeGreaterThanOrEqual(54);
      expect(delay).toBeLessThanOrEqual(66);
    }
  });
});

describe('backoffDelayMs (quarter interval, doubling, 24 h cap)', () => {
  it.each([
    [1, 60, 15 * MINUTE],
    [2, 60, 30 * MINUTE],
    [3, 60, 60 * MINUTE],
    [4, 60, 120 * MINUTE],
    [7, 60, 960 * MINUTE],
    [8, 60, BACKOFF_CAP_MS],
    [1000, 60, BACKOFF_CAP_MS],
    [0, 60, 15 * MINUTE],
    [1, 15, 3.75 * MINUTE],
    [1, 1440, 360 * MINUTE],
    [3, 1440, BACKOFF_CAP_MS],
  ])('failure %i at %i min → %i ms', (failures, minutes, expected) => {
    expect(backoffDelayMs(failures, minutes)).toBe(expected);
  });
});

describe('successDelayMs', () => {
  it.each([
    [60, 30 * MINUTE],
    [15, 7.5 * MINUTE],
  ])('%i min → %i ms (half the interval)', (minutes, expected) => {
    expect(successDelayMs(minutes)).toBe(expected);
  });
});
