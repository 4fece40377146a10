import {
  decayFactor,
  decayedCounts,
  HEALTH_HALF_LIFE_MS,
} from '../../../lib/health/decayed-counts';
import type { HealthRecord } from '../../../lib/health/health-state';

const H = HEALTH_HALF_LIFE_MS;

const record: HealthRecord = {
  origin: 'https://a.example',
  service: 'youtube',
  successes: 8,
  failures: 4,
  updatedAt: 1_000_000,
  quarantinedUntil: null,
  lastOutcome: 'ok',
  latencyMs: null,
};

describe('decayFactor', () => {
  it.each([
    [0, 1],
    [H, 0.5],
    [2 * H, 0.25],
    [3 * H, 0.125],
    [H / 2, Math.SQRT1_2],
  ])('after %d ms keeps %d of the weight', (elapsed, expected) => {
    expect(decayFactor(elapsed)).toBeCloseTo(expected, 10);
  });

  it.each([[-H], [Number.NaN], [-Infinity]])(
    'never inflates counts for a backwards or garbage elapsed time (%d)',
    (elapsed) => {
      expect(decayFactor(elapsed)).toBe(1);
    },
  );
});

describe('decayedCounts', () => {
  it.each([
    [0, 8, 4],
    [H, 4, 2],
    [2 * H, 2, 1],
  ])('%d ms after the update: %d successes, %d failures', (elapsed, successes, failures) => {
    const counts = decayedCounts(record, record.updatedAt + elapsed);
    expect(counts.successes).toBeCloseTo(successes, 10);
    expect(counts.failures).toBeCloseTo(failures, 10);
  });

  it('does not modify the record', () => {
    const copy = structuredClone(record);
    decayedCounts(record, record.updatedAt + H);
    expect(record).toEqual(copy);
  });
});
