import type { HealthRecord } from '../../../lib/health/health-state';
import type { ApiGeneration, Instance, TrustLevel } from '../../../lib/instances/instance';
import type { ProbeResult } from '../../../lib/probe/probe-result';
import { rank } from '../../../lib/rank/rank';
import type { RankState } from '../../../lib/rank/ranked-entry';
import { SERVICE_KEYS, type ServiceKey } from '../../../lib/services/service-key';
import { inst, KEY, NOW, probe, record, settingsWith, stateOf } from './rank-fixtures';

/** A small deterministic PRNG (mulberry32), so the "random" world is the same every run. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(random: () => number, values: readonly T[]): T {
  return values[Math.floor(random() * values.length)] as T;
}

function shuffled<T>(random: () => number, values: readonly T[]): T[] {
  const copy = [...values];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

const TRUSTS: TrustLevel[] = ['safe', 'unknown', 'listed', 'not_safe', 'offline'];
const GENERATIONS: ApiGeneration[] = ['v7', 'v10', 'v11', 'unknown'];

/** 300 instances with every kind of evidence, many of them tied on score. */
function world(seed: number): RankState {
  const random = prng(seed);
  const instances: Instance[] = [];
  const probes: ProbeResult[] = [];
  const records: HealthRecord[] = [];
  for (let i = 0; i < 300; i++) {
    const origin =
      random() < 0.1 ? `http://10.0.0.${i % 250}:${9000 + i}` : `https://i${i}.example`;
    const services: Instance['services'] = {};
    for (const service of SERVICE_KEYS) {
      if (random() < 0.5) services[service] = { ok: random() < 0.7, source: 'hyper' };
    }
    instances.push(
      inst(origin, {
        trust: pick(random, TRUSTS),
        generation: pick(random, GENERATIONS),
        online: random() < 0.9,
        turnstile: random() < 0.05,
        // Few distinct scores: ties are the point.
        score: random() < 0.3 ? null : pick(random, [0, 50, 100]),
        services,
      }),
    );
    if (random() < 0.4) {
      probes.push(probe(origin, { ok: random() < 0.8, latencyMs: pick(random, [50, 200, 900]) }));
    }
    if (random() < 0.3) {
      const service: ServiceKey = pick(random, ['youtube', 'tiktok']);
      records.push(
        record(origin, service, {
          successes: pick(random, [0, 1, 2]),
          failures: pick(random, [0, 1]),
          quarantinedUntil: random() < 0.2 ? NOW + 60_000 : null,
          lastOutcome: random() < 0.5 ? 'ok' : 'error.api.fetch.fail',
        }),
      );
    }
  }
  return stateOf(instances, probes, records);
}

const settings = settingsWith({
  trust: { allowUnknown: true, allowLegacyV7: true },
  pinned: ['https://i7.example', 'https://i3.example', 'https://unlisted.example'],
  blocked: ['https://i11.example', 'https://i3.example'],
  myInstances: [{ origin: 'https://i42.example', apiKey: KEY }, { origin: 'http://10.9.9.9' }],
});

describe('rank: determinism', () => {
  it.each([1, 2, 3])('same inputs → deep-equal output (world %d)', (seed) => {
    const state = world(seed);
    const first = rank('youtube', state, settings, NOW);
    const again = rank('youtube', structuredClone(state), structuredClone(settings), NOW);
    expect(again).toEqual(first);
  });

  it.each([1, 2, 3])('shuffled instance order → the same output (world %d)', (seed) => {
    const state = world(seed);
    const expected = rank('youtube', state, settings, NOW);
    const random = prng(seed * 7919);
    for (let round = 0; round < 5; round++) {
      const shuffledState = { ...state, instances: shuffled(random, state.instances) };
      expect(rank('youtube', shuffledState, settings, NOW)).toEqual(expected);
    }
  });

  it('does not modify its inputs', () => {
    const state = world(4);
    const before = structuredClone(state);
    const settingsBefore = structuredClone(settings);
    rank('tiktok', state, settings, NOW);
    expect(state).toEqual(before);
    expect(settings).toEqual(settingsBefore);
  });

  it('included entries come first in score order, excluded ones after, by origin', () => {
    const list = rank('youtube', world(5), settings, NOW);
    const firstExcluded = list.findIndex((e) => e.excluded);
    const included = list.slice(0, firstExcluded);
    const excluded = list.slice(firstExcluded);
    expect(included.length).toBeGreaterThan(10);
    expect(excluded.every((e) => e.excluded && e.score === null)).toBe(true);
    expect(excluded.map((e) => e.origin)).toEqual(excluded.map((e) => e.origin).sort());
    const unpinned = included.filter((e) => !e.pinned);
    for (let i = 1; i < unpinned.length; i++) {
      const [prev, cur] = [unpinned[i - 1]!, unpinned[i]!];
      expect(
        prev.score! > cur.score! || (prev.score === cur.score && prev.origin < cur.origin),
      ).toBe(true);
    }
  });

  it('every excluded entry says why; every included entry carries no exclusion', () => {
    for (const entry of rank('youtube', world(6), settings, NOW)) {
      expect(entry.reasons.some((r) => r.effect === '!')).toBe(entry.excluded);
    }
  });

  it('ranks every instance exactly once', () => {
    const state = world(7);
    const origins = rank('youtube', state, settings, NOW).map((e) => e.origin);
    expect(new Set(origins).size).toBe(origins.length);
    for (const instance of state.instances) expect(origins).toContain(instance.origin);
  });
});
