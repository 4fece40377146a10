import type { Instance } from '../../../lib/instances/instance';
import type { ProbeResult } from '../../../lib/probe/probe-result';
import type { HealthRecord } from '../../../lib/health/health-state';
import { rank } from '../../../lib/rank/rank';
import { REASON } from '../../../lib/rank/reason-keys';
import {
  BASE_SCORE,
  GENERATION_POINTS,
  OWN_KEY_POINTS,
  TRACKER_SERVICE_OK_POINTS,
} from '../../../lib/rank/rank-weights';
import { latencyPoints } from '../../../lib/rank/score-instance';
import {
  entryOf,
  inst,
  KEY,
  NOW,
  probe,
  reasonOf,
  record,
  settingsWith,
  stateOf,
  type SettingsPatch,
} from './rank-fixtures';

const A = 'https://a.example';
const B = 'https://b.example';
const C = 'https://c.example';

interface Side {
  instance?: Partial<Instance>;
  probe?: Partial<ProbeResult>;
  health?: Partial<HealthRecord>;
}

/** Ranks two otherwise identical instances: `better` (origin B) and `worse` (origin A). */
function order(better: Side, worse: Side, settings: SettingsPatch = {}): string[] {
  const sides: [string, Side][] = [
    [B, better],
    [A, worse],
  ];
  const state = stateOf(
    sides.map(([origin, side]) => inst(origin, side.instance)),
    sides.flatMap(([origin, side]) => (side.probe ? [probe(origin, side.probe)] : [])),
    sides.flatMap(([origin, side]) =>
      side.health ? [record(origin, 'youtube', side.health)] : [],
    ),
  );
  return rank('youtube', state, settingsWith(settings), NOW).map((e) => e.origin);
}

// B must outrank A although A wins the origin tie-break: the factor alone decides.
describe('rank: each factor moves the order', () => {
  it.each<[string, Side, Side, SettingsPatch?]>([
    [
      'tracker test passed vs. unknown',
      { instance: { services: { youtube: { ok: true, source: 'hyper' } } } },
      {},
    ],
    ['tracker score 90 vs. 40', { instance: { score: 90 } }, { instance: { score: 40 } }],
    ['trust safe vs. listed', {}, { instance: { trust: 'listed' } }],
    [
      'trust listed vs. unknown',
      { instance: { trust: 'listed' } },
      { instance: { trust: 'unknown' } },
      { trust: { allowUnknown: true } },
    ],
    ['probe latency 80 ms vs. 600 ms', { probe: { latencyMs: 80 } }, { probe: { latencyMs: 600 } }],
    [
      'a probe that answered vs. one that failed',
      { probe: {} },
      { probe: { ok: false, latencyMs: null } },
    ],
    ['recent successes vs. none', { health: { successes: 2, lastOutcome: 'ok' } }, {}],
    [
      'no history vs. recent failures',
      {},
      { health: { failures: 1, lastOutcome: 'error.api.fetch.fail' } },
    ],
    [
      'fresh failure weighs more than an old one',
      { health: { failures: 1, updatedAt: NOW - 12 * 3_600_000 } },
      { health: { failures: 1 } },
    ],
    ['v11 vs. v10', {}, { instance: { generation: 'v10' } }],
    [
      'v10 vs. unknown',
      { instance: { generation: 'v10' } },
      { instance: { generation: 'unknown' } },
    ],
    [
      'unknown vs. v7',
      { instance: { generation: 'unknown' } },
      { instance: { generation: 'v7' } },
      { trust: { allowLegacyV7: true } },
    ],
    ['my own instance vs. a public one', {}, {}, { myInstances: [{ origin: B }] }],
    [
      'my key vs. my own without a key',
      {},
      {},
      { myInstances: [{ origin: B, apiKey: KEY }, { origin: A }] },
    ],
  ])('%s', (_name, better, worse, settings) => {
    expect(order(better, worse, settings)).toEqual([B, A]);
  });

  it('equal instances are ordered by origin', () => {
    expect(order({}, {})).toEqual([A, B]);
  });

  it('a probe is ignored when probing is off', () => {
    expect(order({}, { probe: { latencyMs: 10 } }, { probe: { enabled: false } })).toEqual([A, B]);
  });

  it('a probe older than its relevance window is ignored', () => {
    const stale = NOW - 3 * 3_600_000;
    expect(order({}, { probe: { latencyMs: 10, at: stale } })).toEqual([A, B]);
  });
});

describe('rank: pins', () => {
  it('pinned instances come first in the user order, whatever their scores', () => {
    const state = stateOf([
      inst(A, { score: 100, services: { youtube: { ok: true, source: 'hyper' } } }),
      inst(B, { trust: 'listed', score: 0 }),
      inst(C, { generation: 'v10', score: 10 }),
      inst('https://d.example', { score: 60 }),
    ]);
    const list = rank('youtube', state, settingsWith({ pinned: [C, B] }), NOW);
    expect(list.map((e) => e.origin)).toEqual([C, B, A, 'https://d.example']);
    expect(list.map((e) => e.pinned)).toEqual([true, true, false, false]);
    expect(reasonOf(entryOf(list, C), REASON.pinned)).toEqual({
      key: REASON.pinned,
      params: ['1'],
      effect: '+',
    });
    expect(reasonOf(entryOf(list, B), REASON.pinned)?.params).toEqual(['2']);
  });

  it('a pinned instance that is excluded goes with the excluded ones', () => {
    const state = stateOf([inst(A), inst(B, { turnstile: true })]);
    const list = rank('youtube', state, settingsWith({ pinned: [B] }), NOW);
    expect(list.map((e) => [e.origin, e.excluded])).toEqual([
      [A, false],
      [B, true],
    ]);
  });

  it('ranks pinned and own origins that no tracker lists', () => {
    const home = 'http://192.168.1.20:9000';
    const list = rank(
      'youtube',
      stateOf([inst(A)], [probe(home, { latencyMs: 5 })]),
      settingsWith({ pinned: [C], myInstances: [{ origin: home, apiKey: KEY }] }),
      NOW,
    );
    expect(list.map((e) => e.origin)).toEqual([C, home, A]);
    expect(entryOf(list, home)).toMatchObject({ excluded: false, hasKey: true, pinned: false });
    expect(entryOf(list, home).instance.sources).toEqual(['user']);
    expect(entryOf(list, C).instance.trust).toBe('unknown');
  });

  it('an origin both pinned and mine appears once', () => {
    const list = rank(
      'youtube',
      stateOf([]),
      settingsWith({ pinned: [A], myInstances: [{ origin: A }] }),
      NOW,
    );
    expect(list.map((e) => e.origin)).toEqual([A]);
  });
});

describe('rank: reasons and scores', () => {
  it('names every factor that contributed, with its parameters', () => {
    const state = stateOf(
      [inst(B, { score: 80, services: { youtube: { ok: true, source: 'hyper' } } })],
      [probe(B, { latencyMs: 123.4 })],
      [record(B, 'youtube', { successes: 2, failures: 0.5, lastOutcome: 'ok' })],
    );
    const settings = settingsWith({ pinned: [B], myInstances: [{ origin: B, apiKey: KEY }] });
    const [entry] = rank('youtube', state, settings, NOW);
    expect(entry?.reasons).toEqual([
      { key: REASON.pinned, params: ['1'], effect: '+' },
      { key: REASON.ownKey, effect: '+' },
      { key: REASON.trackerServiceOk, effect: '+' },
      { key: REASON.trackerScore, params: ['80'], effect: '+' },
      { key: REASON.trustSafe, effect: '+' },
      { key: REASON.latency, params: ['123'], effect: '+' },
      { key: REASON.recentSuccesses, params: ['2.0'], effect: '+' },
      { key: REASON.recentFailures, params: ['0.5'], effect: '-' },
      { key: REASON.generation, params: ['v11'], effect: '+' },
    ]);
  });

  it.each<[string, Side, { key: string; effect: string; params?: string[] }]>([
    [
      'a low tracker score',
      { instance: { score: 20 } },
      { key: REASON.trackerScore, params: ['20'], effect: '-' },
    ],
    [
      'a slow probe',
      { probe: { latencyMs: 2500 } },
      { key: REASON.latency, params: ['2500'], effect: '-' },
    ],
    [
      'a failed probe (excludes an instance the user did not choose)',
      { probe: { ok: false, latencyMs: null, error: 'timeout' } },
      { key: REASON.probeFailed, effect: '!' },
    ],
    [
      'unknown trust',
      { instance: { trust: 'unknown' } },
      { key: REASON.trustUnknown, effect: '-' },
    ],
    [
      'a tracker failure our success overrode',
      {
        instance: { services: { youtube: { ok: false, source: 'hyper' } } },
        health: { successes: 1, lastOutcome: 'ok' },
      },
      { key: REASON.trackerServiceFailed, effect: '-' },
    ],
    [
      'v10',
      { instance: { generation: 'v10' } },
      { key: REASON.generation, params: ['v10'], effect: '+' },
    ],
  ])('%s is a reason', (_name, side, reason) => {
    const state = stateOf(
      [inst(A, side.instance)],
      side.probe ? [probe(A, side.probe)] : [],
      side.health ? [record(A, 'youtube', side.health)] : [],
    );
    const [entry] = rank('youtube', state, settingsWith({ trust: { allowUnknown: true } }), NOW);
    expect(entry?.reasons).toContainEqual(reason);
  });

  it('a key that unlocks a service GET / does not list: included, with a penalty reason', () => {
    const state = stateOf([inst(A)], [probe(A, { services: ['tiktok'] })]);
    const [entry] = rank(
      'youtube',
      state,
      settingsWith({ myInstances: [{ origin: A, apiKey: KEY }] }),
      NOW,
    );
    expect(entry?.excluded).toBe(false);
    expect(entry?.reasons).toContainEqual({ key: REASON.serviceDisabled, effect: '-' });
  });

  it('adds the documented points', () => {
    const state = stateOf([inst(A, { services: { youtube: { ok: true, source: 'hyper' } } })]);
    const settings = settingsWith({ myInstances: [{ origin: A, apiKey: KEY }] });
    const [entry] = rank('youtube', state, settings, NOW);
    expect(entry?.score).toBe(
      BASE_SCORE + OWN_KEY_POINTS + TRACKER_SERVICE_OK_POINTS + 8 + GENERATION_POINTS.v11,
    );
  });

  it('has no reasons for factors it knows nothing about', () => {
    const [entry] = rank(
      'youtube',
      stateOf([inst(A, { trust: 'listed', generation: 'unknown' })]),
      settingsWith(),
      NOW,
    );
    expect(entry).toMatchObject({ score: BASE_SCORE, reasons: [] });
  });
});

describe('latencyPoints', () => {
  it.each([
    [0, 15],
    [400, 7.5],
    [800, 0],
    [1200, -7.5],
    [1600, -15],
    [60_000, -15],
  ])('%d ms → %d points', (ms, points) => {
    expect(latencyPoints(ms)).toBeCloseTo(points, 10);
  });
});

describe('rank: answer time against the other instances, never against itself', () => {
  const times = (ms: number, n = 8) => Array.from({ length: n }, () => ({ ms }));
  const timed = (origin: string, service: 'youtube' | 'twitter', ms: number, successes = 3) =>
    record(origin, service, {
      successes,
      lastOutcome: 'ok',
      latencyMs: ms,
      latencySamples: times(ms),
    });
  const answerReason = (records: HealthRecord[], origin: string) => {
    const state = stateOf([inst(A), inst(B), inst(C)], [], records);
    const entry = entryOf(rank('youtube', state, settingsWith(), NOW), origin);
    return reasonOf(entry, REASON.answerTime);
  };

  it('the only instance timed for a service is measured against the user’s other services', () => {
    // A takes 4.5 s for YouTube; every answer for Twitter came back in 1.5 s.
    const reason = answerReason([timed(A, 'youtube', 4500), timed(B, 'twitter', 1500)], A);
    expect(reason?.effect).toBe('-');
    expect(Number(reason?.params?.[0])).toBeGreaterThan(4000);
  });

  it('…and with nothing timed anywhere else, against the default (1.5 s)', () => {
    expect(answerReason([timed(A, 'youtube', 4500)], A)).toMatchObject({ effect: '-' });
    expect(answerReason([timed(A, 'youtube', 1500)], A)).toBeUndefined();
  });

  it('a slower instance ranks below a faster one it shares the service with', () => {
    const state = stateOf(
      [inst(A), inst(B)],
      [],
      [timed(A, 'youtube', 3000), timed(B, 'youtube', 1000)],
    );
    const ranked = rank('youtube', state, settingsWith(), NOW);
    expect(ranked.map((e) => e.origin)).toEqual([B, A]);
    expect(reasonOf(entryOf(ranked, A), REASON.answerTime)?.effect).toBe('-');
    expect(reasonOf(entryOf(ranked, B), REASON.answerTime)?.effect).toBe('+');
  });
});
