import type { LatencySample } from '../../../lib/health/health-state';
import { hedgeZ } from '../../../lib/health/hedge-quantile';
import { Z_95, upperTail } from '../../../lib/health/latency-belief';

const answers = (count: number): LatencySample[] =>
  Array.from({ length: count }, (_, i) => ({ ms: 1000 + i }));
const rescued: LatencySample = { ms: 9000, lowerBound: true, silent: true };
const lostHedge: LatencySample = { ms: 300, lowerBound: true };

describe('hedgeZ: hedge once a silence is as likely a hang as a slow answer', () => {
  it.each<[string, LatencySample[] | undefined, number]>([
    // Odds (rescued + ¼) / (answers + 5): ¼ / 5 = 1 : 20 → the 95th percentile.
    ['no history: the 95th percentile', undefined, 0.05],
    ['no samples at all: the same', [], 0.05],
    ['16 answers, never rescued: later (odds ¼ : 21)', answers(16), 0.25 / 21],
    [
      '3 rescues beside 13 answers: sooner (odds 3¼ : 18)',
      [...answers(13), ...Array(3).fill(rescued)],
      3.25 / 18,
    ],
    ['hedges that lost say nothing about hangs', [...answers(16), lostHedge, lostHedge], 0.25 / 21],
  ])('%s', (_name, samples, tail) => {
    expect(upperTail(hedgeZ(samples))).toBeCloseTo(tail, 6);
  });

  it('the default is exactly the 95th percentile', () => {
    expect(hedgeZ(undefined)).toBeCloseTo(Z_95, 6);
  });

  it('an instance that is mostly silent is hedged at its median, never sooner', () => {
    expect(hedgeZ(Array(10).fill(rescued))).toBe(0);
  });

  it('moves monotonically: each rescue brings the hedge sooner, each answer later', () => {
    const base = [...answers(8), rescued];
    expect(hedgeZ([...base, rescued])).toBeLessThan(hedgeZ(base));
    expect(hedgeZ([...base, { ms: 1200 }])).toBeGreaterThan(hedgeZ(base));
  });
});
