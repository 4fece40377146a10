import { healthKey, type HealthTable, type LatencySample } from '../../../lib/health/health-state';
import {
  DEFAULT_BELIEF,
  DEFAULT_MEDIAN_MS,
  DEFAULT_P95_MS,
  Z_95,
  beliefMedian,
  beliefQuantile,
  instanceBelief,
  serviceBelief,
  updateBelief,
  upperTail,
  zForUpperTail,
} from '../../../lib/health/latency-belief';

const p95 = (samples: LatencySample[]) =>
  beliefQuantile(updateBelief(DEFAULT_BELIEF, samples), Z_95);
const times = (ms: number, count: number): LatencySample[] =>
  Array.from({ length: count }, () => ({ ms }));

function table(rows: [string, LatencySample[]][]): HealthTable {
  const out: HealthTable = {};
  for (const [origin, latencySamples] of rows) {
    out[healthKey(origin, 'youtube')] = {
      origin,
      service: 'youtube',
      successes: 1,
      failures: 0,
      updatedAt: 0,
      quarantinedUntil: null,
      lastOutcome: 'ok',
      latencyMs: null,
      latencySamples,
    };
  }
  return out;
}

describe('latency belief', () => {
  it('before any history: median 1.5 s, 95th percentile 6 s', () => {
    expect(beliefMedian(DEFAULT_BELIEF)).toBeCloseTo(DEFAULT_MEDIAN_MS, 6);
    expect(beliefQuantile(DEFAULT_BELIEF, Z_95)).toBeCloseTo(DEFAULT_P95_MS, 3);
    expect(p95([])).toBeCloseTo(DEFAULT_P95_MS, 3);
    expect(beliefQuantile(serviceBelief({}, 'youtube'), Z_95)).toBeCloseTo(DEFAULT_P95_MS, 3);
  });

  it.each<[string, LatencySample[], number, number]>([
    // [name, samples, p95 at least, p95 at most]
    ['one 2.5 s answer barely moves the conservative default', times(2500, 1), 6000, 8000],
    ['sixteen answers near 300 ms: hedge well under a second', times(300, 16), 450, 800],
    ['sixteen answers near 4 s: hedge in the teens of seconds', times(4000, 16), 6000, 12_000],
    [
      'a spread of answers: the hedge sits past the slow ones',
      [800, 1000, 1200, 1500, 1500, 1800, 2000, 2500, 3000, 6000].map((ms) => ({ ms })),
      4000,
      8000,
    ],
  ])('%s', (_name, samples, low, high) => {
    const value = p95(samples);
    expect(value).toBeGreaterThanOrEqual(low);
    expect(value).toBeLessThanOrEqual(high);
  });

  it('learns: more fast answers, earlier hedge', () => {
    const hedges = [1, 2, 4, 8, 16].map((n) => p95(times(400, n)));
    for (let i = 1; i < hedges.length; i++) expect(hedges[i]!).toBeLessThan(hedges[i - 1]!);
  });

  it('a lower bound past the normal time pushes the hedge later, a short one hardly at all', () => {
    const base = times(1000, 8);
    const without = p95(base);
    const longLoser = p95([...base, { ms: 9000, lowerBound: true }]);
    const shortLoser = p95([...base, { ms: 300, lowerBound: true }]);
    expect(longLoser).toBeGreaterThan(without * 1.2);
    expect(Math.abs(shortLoser - without) / without).toBeLessThan(0.1);
    // A lower bound says at least as much as a complete answer of the same time.
    expect(longLoser).toBeGreaterThan(p95([...base, { ms: 9000 }]));
  });

  it('an instance that never answered keeps the prior: its losses alone do not stretch its hedge', () => {
    const losses: LatencySample[] = [300, 1200, 5000].map((ms) => ({ ms, lowerBound: true }));
    expect(updateBelief(DEFAULT_BELIEF, losses)).toEqual(DEFAULT_BELIEF);
  });

  it('skips samples that are not times', () => {
    expect(p95([{ ms: Number.NaN }, { ms: -5 }, { ms: Infinity }])).toBeCloseTo(DEFAULT_P95_MS, 3);
  });

  it('an instance never timed for a service takes what is normal for the service', () => {
    const health = table([
      ['https://a.example', times(400, 10)],
      ['https://b.example', times(500, 10)],
    ]);
    const service = serviceBelief(health, 'youtube');
    expect(instanceBelief(health, 'https://new.example', 'youtube')).toEqual(service);
    expect(beliefQuantile(service, Z_95)).toBeLessThan(1500);
    // Its own history wins over the service's.
    const slow = table([
      ['https://a.example', times(400, 10)],
      ['https://slow.example', times(5000, 16)],
    ]);
    expect(
      beliefQuantile(instanceBelief(slow, 'https://slow.example', 'youtube'), Z_95),
    ).toBeGreaterThan(
      beliefQuantile(instanceBelief(slow, 'https://a.example', 'youtube'), Z_95) * 3,
    );
  });

  it.each([
    [0, 0.5],
    [1.6448536, 0.05],
    [-1.6448536, 0.95],
    [3, 0.0013499],
  ])('upperTail(%d) ≈ %d', (x, p) => {
    expect(upperTail(x)).toBeCloseTo(p, 6);
  });

  it.each([
    [0.5, 0],
    [0.05, 1.6448536],
    [0.0013499, 3],
    [0.7, 0],
    [0, 9],
    [Number.NaN, 9],
  ])('zForUpperTail(%d) ≈ %d (upperTail inverted, clamped to [0, 9])', (tail, z) => {
    expect(zForUpperTail(tail)).toBeCloseTo(z, 5);
  });
});
