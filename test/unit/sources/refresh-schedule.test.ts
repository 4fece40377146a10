import { BACKOFF_CAP_MS, nextRefreshDelayMs } from '../../../lib/sources/refresh-schedule';

const MINUTE = 60_000;
const never = () => {
  throw new Error('the backoff does not draw a jitter');
};

describe('nextRefreshDelayMs after a success: the interval ±10 %', () => {
  it.each([
    [60, 0, 54],
    [60, 0.5, 60],
    [60, 0.75, 63],
    [60, 0.999_999, 66],
    [15, 0, 13.5],
    [1440, 0.25, 1440 * 0.95],
  ])('%i min with random %d → %d min', (minutes, random, expected) => {
    expect(nextRefreshDelayMs(0, minutes, () => random) / MINUTE).toBeCloseTo(expected, 4);
  });

  it('stays within 54–66 minutes at the default hour for any random value', () => {
    for (let i = 0; i < 1000; i += 1) {
      const delay = nextRefreshDelayMs(0, 60, Math.random);
      expect(delay).toBeGreaterThanOrEqual(54 * MINUTE);
      expect(delay).toBeLessThanOrEqual(66 * MINUTE);
      expect(Number.isInteger(delay)).toBe(true); // stored as a whole-ms timestamp
    }
  });
});

describe('nextRefreshDelayMs after failures: a quarter interval, doubling, 24 h cap', () => {
  it.each([
    [1, 60, 15 * MINUTE],
    [2, 60, 30 * MINUTE],
    [3, 60, 60 * MINUTE],
    [4, 60, 120 * MINUTE],
    [5, 60, 240 * MINUTE],
    [6, 60, 480 * MINUTE],
    [7, 60, 960 * MINUTE],
    [8, 60, BACKOFF_CAP_MS],
    [9, 60, BACKOFF_CAP_MS],
    [1000, 60, BACKOFF_CAP_MS],
    [1, 15, 3.75 * MINUTE],
    [2, 15, 7.5 * MINUTE],
    [1, 1440, 360 * MINUTE],
    [3, 1440, BACKOFF_CAP_MS],
  ])('failure %i at %i min → %i ms', (failures, minutes, expected) => {
    expect(nextRefreshDelayMs(failures, minutes, never)).toBe(expected);
  });
});
