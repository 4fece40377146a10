import { HEALTH_HALF_LIFE_MS } from '../../../lib/health/decayed-counts';
import { healthKey, type HealthRecord, type HealthTable } from '../../../lib/health/health-state';
import { FORGOTTEN_WEIGHT, LATENCY_MEMORY_MS, pruneHealth } from '../../../lib/health/prune-health';

const NOW = 1_700_000_000_000;
const H = HEALTH_HALF_LIFE_MS;

function record(origin: string, over: Partial<HealthRecord> = {}): HealthRecord {
  return {
    origin,
    service: 'reddit',
    successes: 1,
    failures: 0,
    updatedAt: NOW,
    quarantinedUntil: null,
    lastOutcome: 'ok',
    latencyMs: 100,
    ...over,
  };
}

function tableOf(...records: HealthRecord[]): HealthTable {
  return Object.fromEntries(records.map((r) => [healthKey(r.origin, r.service), r]));
}

describe('pruneHealth', () => {
  it.each<[string, Partial<HealthRecord>, boolean]>([
    ['a fresh record', {}, true],
    ['a record one half-life old', { updatedAt: NOW - H }, true],
    ['a single outcome a day and a half old', { updatedAt: NOW - 6 * H }, false],
    ['a heavy history a day and a half old', { successes: 100, updatedAt: NOW - 6 * H }, true],
    ['an all-zero record', { successes: 0 }, false],
    [
      'only lower bounds, an hour old (an instance that only lost races)',
      { successes: 0, updatedAt: NOW - 3_600_000, latencySamples: [{ ms: 900, lowerBound: true }] },
      true,
    ],
    [
      'only lower bounds, older than LATENCY_MEMORY_MS',
      {
        successes: 0,
        updatedAt: NOW - LATENCY_MEMORY_MS,
        latencySamples: [{ ms: 900, lowerBound: true }],
      },
      false,
    ],
    [
      'a decayed record still quarantined',
      { successes: 0, failures: 0.01, quarantinedUntil: NOW + 1000 },
      true,
    ],
    [
      'a decayed record whose quarantine is over',
      { successes: 0, failures: 0.01, quarantinedUntil: NOW - 1 },
      false,
    ],
  ])('%s → kept: %s', (_name, over, kept) => {
    const table = tableOf(record('https://a.example', over));
    expect(Object.keys(pruneHealth(table, NOW)).length).toBe(kept ? 1 : 0);
  });

  it('forgets below the documented weight', () => {
    const justAbove = record('https://a.example', { successes: FORGOTTEN_WEIGHT * 1.01 });
    const justBelow = record('https://b.example', { successes: FORGOTTEN_WEIGHT * 0.99 });
    expect(Object.keys(pruneHealth(tableOf(justAbove, justBelow), NOW))).toEqual([
      healthKey('https://a.example', 'reddit'),
    ]);
  });

  it('returns the same table when nothing is dropped (no storage write needed)', () => {
    const table = tableOf(record('https://a.example'), record('https://b.example'));
    expect(pruneHealth(table, NOW)).toBe(table);
  });

  it('caps the size, keeping the most recently updated, ties broken by key', () => {
    const records = [
      record('https://old.example', { updatedAt: NOW - 3 * H, successes: 50 }),
      record('https://b.example', { updatedAt: NOW }),
      record('https://a.example', { updatedAt: NOW }),
      record('https://mid.example', { updatedAt: NOW - H }),
    ];
    const pruned = pruneHealth(tableOf(...records), NOW, 3);
    expect(Object.keys(pruned).sort()).toEqual(
      ['https://a.example', 'https://b.example', 'https://mid.example']
        .map((o) => healthKey(o, 'reddit'))
        .sort(),
    );
    const tie = pruneHealth(tableOf(...records), NOW, 1);
    expect(Object.keys(tie)).toEqual([healthKey('https://a.example', 'reddit')]);
  });
});
