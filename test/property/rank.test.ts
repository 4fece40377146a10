import fc from 'fast-check';
import type { HealthRecord, HealthTable } from '../../lib/health/health-state';
import type { ApiGeneration, Instance, TrustLevel } from '../../lib/instances/instance';
import type { ProbeResult, ProbeTable } from '../../lib/probe/probe-result';
import { rank } from '../../lib/rank/rank';
import type { RankedEntry } from '../../lib/rank/ranked-entry';
import { PROBE_RELEVANCE_MIN_MS } from '../../lib/rank/rank-weights';
import { SERVICE_KEYS, type ServiceKey } from '../../lib/services/service-key';
import { DEFAULT_SETTINGS, type Settings } from '../../lib/settings/schema';
import { RUNS } from './arbitraries';

/**
 * rank() for arbitrary instances, probes, health and settings: an excluded instance never comes
 * before (or counts as) an included one, what must never be contacted is never included, pins
 * come first in the user's order, and the same facts in another order give the same ranking.
 */

const NOW = 1_800_000_000_000;
const KEY = '582f214c-8531-40d5-9a5c-7f51ae99319d';
const TRUSTS: TrustLevel[] = ['safe', 'unknown', 'listed', 'not_safe', 'offline'];
const GENERATIONS: ApiGeneration[] = ['v7', 'v10', 'v11', 'unknown'];

/** A pool of origins of every kind the policy cares about (official, http, IP-only, plain). */
const ORIGINS = [
  'https://a.example',
  'https://b.example',
  'https://c.example',
  'https://d.example:8443',
  'https://e.example',
  'https://f.example',
  'http://g.example',
  'http://10.0.0.7:9000',
  'https://192.168.1.2',
  'https://[2001:db8::1]',
  'https://api.cobalt.tools',
  'https://kityune.imput.net',
  'https://unlisted-1.example',
  'https://unlisted-2.example',
];
const origin = fc.constantFrom(...ORIGINS);
const service = fc.constantFrom(...SERVICE_KEYS);
const MINUTE = 60_000;
/** Moments around every boundary that matters (probe relevance, quarantine end, decay). */
const time = fc.oneof(
  fc.constantFrom(
    NOW,
    NOW - MINUTE,
    NOW - 20 * MINUTE,
    NOW - 59 * MINUTE,
    NOW - 61 * MINUTE,
    NOW - 6 * 60 * MINUTE,
    NOW - 3 * 1440 * MINUTE,
    NOW + MINUTE,
    NOW + 60 * MINUTE,
  ),
  fc.integer({ min: NOW - 3 * 1440 * MINUTE, max: NOW + 60 * MINUTE }),
);

const instance = (at: string): fc.Arbitrary<Instance> =>
  fc
    .record({
      generation: fc.constantFrom(...GENERATIONS),
      trust: fc.constantFrom(...TRUSTS),
      online: fc.constantFrom(true, false, null),
      turnstile: fc.constantFrom(true, false, null),
      score: fc.option(fc.integer({ min: 0, max: 100 }), { nil: null }),
      codebase: fc.constantFrom(null, 'imputnet/cobalt', 'someone/cobalt-fork'),
      services: fc.dictionary(
        fc.constantFrom(...SERVICE_KEYS),
        fc.record({ ok: fc.boolean(), source: fc.constant('hyper' as const) }),
        { maxKeys: 4 },
      ),
    })
    .map((facts) => ({
      origin: at,
      version: null,
      frontend: null,
      provenance: {},
      sources: ['hyper'],
      ...facts,
    }));

const probe = (at: string): fc.Arbitrary<ProbeResult> =>
  fc.record({
    origin: fc.constant(at),
    at: time,
    ok: fc.boolean(),
    latencyMs: fc.option(fc.integer({ min: 0, max: 20_000 }), { nil: null }),
    generation: fc.constantFrom(...GENERATIONS),
    version: fc.constant(null),
    services: fc.option(fc.subarray([...SERVICE_KEYS]), { nil: null }),
    turnstile: fc.boolean(),
    codebase: fc.constantFrom(null, 'imputnet/cobalt', 'other/fork'),
    needsHostAccess: fc.boolean(),
  });

const record = (at: string): fc.Arbitrary<HealthRecord> =>
  fc.record({
    origin: fc.constant(at),
    service,
    successes: fc.double({ min: 0, max: 20, noNaN: true }),
    failures: fc.double({ min: 0, max: 20, noNaN: true }),
    updatedAt: time,
    quarantinedUntil: fc.option(time, { nil: null }),
    lastOutcome: fc.constant(null),
    latencyMs: fc.option(fc.integer({ min: 0, max: 20_000 }), { nil: null }),
    consecutiveFailures: fc.nat({ max: 5 }),
  });

interface World {
  service: ServiceKey;
  instances: Instance[];
  probes: ProbeTable;
  health: HealthTable;
  settings: Settings;
}

const world: fc.Arbitrary<World> = fc
  .record({
    service,
    listed: fc.uniqueArray(origin, { maxLength: 12 }),
    probed: fc.uniqueArray(origin, { maxLength: 8 }),
    healthy: fc.uniqueArray(origin, { maxLength: 8 }),
    // duplicates included: the first position counts
    pinned: fc.array(origin, { maxLength: 5 }),
    blocked: fc.uniqueArray(origin, { maxLength: 4 }),
    mine: fc.uniqueArray(fc.tuple(origin, fc.boolean()), {
      maxLength: 3,
      selector: ([at]) => at,
    }),
    trust: fc.record({
      allowListed: fc.boolean(),
      allowUnknown: fc.boolean(),
      allowHttp: fc.boolean(),
      allowIpOnly: fc.boolean(),
      allowLegacyV7: fc.boolean(),
      onlyUpstream: fc.boolean(),
    }),
    probeEnabled: fc.boolean(),
  })
  .chain((shape) =>
    fc.record({
      service: fc.constant(shape.service),
      instances: fc.tuple(...shape.listed.map(instance)),
      probes: fc.tuple(...shape.probed.map(probe)),
      records: fc.tuple(...shape.healthy.map(record)),
      settings: fc.constant({
        ...DEFAULT_SETTINGS,
        trust: shape.trust,
        pinned: shape.pinned,
        blocked: shape.blocked,
        myInstances: shape.mine.map(([at, keyed]) =>
          keyed ? { origin: at, apiKey: KEY } : { origin: at },
        ),
        probe: { ...DEFAULT_SETTINGS.probe, enabled: shape.probeEnabled },
      }),
    }),
  )
  .map(({ service: s, instances, probes, records, settings }) => ({
    service: s,
    instances,
    probes: Object.fromEntries(probes.map((p) => [p.origin, p])),
    health: Object.fromEntries(records.map((r) => [`${r.origin}|${r.service}`, r])),
    settings,
  }));

function rankWorld(w: World): RankedEntry[] {
  return rank(
    w.service,
    { instances: w.instances, probes: w.probes, health: w.health },
    w.settings,
    NOW,
  );
}

function check(condition: boolean, what: string, value: unknown): void {
  if (!condition) throw new Error(`${what}: ${JSON.stringify(value)?.slice(0, 600)}`);
}

/** What must never be contacted for this service, from the facts alone (docs/rules.md "Trust policy"). */
function mustExclude(w: World, entry: RankedEntry): string | null {
  const { origin: at, instance: inst } = entry;
  const keyed = w.settings.myInstances.some((m) => m.origin === at && m.apiKey);
  const stored = w.probes[at];
  const window = Math.max(w.settings.probe.cacheMinutes * 60_000, PROBE_RELEVANCE_MIN_MS);
  const relevant = w.settings.probe.enabled && stored !== undefined && stored.at >= NOW - window;
  const probeOk = relevant && stored.ok;
  const host = new URL(at).hostname;
  if (w.settings.blocked.includes(at)) return 'blocked';
  if (inst.trust === 'not_safe') return 'not_safe';
  if ((inst.online === false || inst.trust === 'offline') && !probeOk) return 'offline';
  if (inst.turnstile === true || (probeOk && stored.turnstile)) return 'turnstile';
  const official = host === 'api.cobalt.tools' || host.endsWith('.imput.net');
  if (official && !keyed) return 'official without a key';
  const record = w.health[`${at}|${w.service}`];
  if (record?.quarantinedUntil != null && record.quarantinedUntil > NOW) return 'quarantined';
  return null;
}

function shuffle<T>(values: readonly T[], order: readonly number[]): T[] {
  const copy = [...values];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = (order[i % order.length] ?? 0) % (i + 1);
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

describe('rank() for arbitrary instances, probes, health and settings', () => {
  it('excluded entries never come before included ones, and carry their reasons', () => {
    fc.assert(
      fc.property(world, (w) => {
        const ranked = rankWorld(w);
        const firstExcluded = ranked.findIndex((e) => e.excluded);
        const lastIncluded = ranked.map((e) => e.excluded).lastIndexOf(false);
        check(
          firstExcluded === -1 || lastIncluded < firstExcluded,
          'excluded before included',
          ranked.map((e) => [e.origin, e.excluded]),
        );
        for (const entry of ranked) {
          const blocking = entry.reasons.some((r) => r.effect === '!');
          check(entry.excluded === blocking, 'excluded ≠ has a "!" reason', entry);
          check(entry.excluded === (entry.score === null), 'excluded entry has a score', entry);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('never includes what must not be contacted (blocked, not_safe, offline, Turnstile, official without key, quarantined)', () => {
    fc.assert(
      fc.property(world, (w) => {
        for (const entry of rankWorld(w)) {
          const rule = mustExclude(w, entry);
          check(rule === null || entry.excluded, `included although ${rule}`, entry.origin);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('pins that are not excluded come first, in the user order; the rest by score, then origin', () => {
    let withPins = 0;
    let withOrder = 0;
    fc.assert(
      fc.property(world, (w) => {
        const included = rankWorld(w).filter((e) => !e.excluded);
        const firstIndex = (at: string) => w.settings.pinned.indexOf(at);
        const pins = included.filter((e) => firstIndex(e.origin) >= 0);
        check(
          included.slice(0, pins.length).every((e) => e.pinned),
          'an unpinned entry before a pin',
          included.map((e) => e.origin),
        );
        for (let i = 1; i < pins.length; i++) {
          check(
            firstIndex(pins[i - 1]!.origin) < firstIndex(pins[i]!.origin),
            'pins out of the user order',
            pins.map((e) => e.origin),
          );
        }
        // Every pinned origin is ranked once (even when no tracker lists it).
        const all = rankWorld(w).map((e) => e.origin);
        check(new Set(all).size === all.length, 'an origin ranked twice', all);
        for (const at of w.settings.pinned) check(all.includes(at), 'a pin is missing', at);
        const rest = included.slice(pins.length);
        for (let i = 1; i < rest.length; i++) {
          const [a, b] = [rest[i - 1]!, rest[i]!];
          const ordered = a.score! > b.score! || (a.score === b.score && a.origin < b.origin);
          check(
            ordered,
            'not ordered by score, then origin',
            [a, b].map((e) => [e.origin, e.score]),
          );
        }
        if (pins.length > 1) withPins += 1;
        if (rest.length > 1) withOrder += 1;
      }),
      { numRuns: RUNS },
    );
    // The worlds really had several included pins, and several scored entries to order.
    expect(withPins).toBeGreaterThan(RUNS / 50);
    expect(withOrder).toBeGreaterThan(RUNS / 50);
  });

  it('is deterministic: the same facts in any order rank the same', () => {
    fc.assert(
      fc.property(world, fc.array(fc.nat(), { minLength: 1, maxLength: 16 }), (w, order) => {
        const first = rankWorld(w);
        const reordered: World = {
          ...w,
          instances: shuffle(w.instances, order),
          probes: Object.fromEntries(shuffle(Object.entries(w.probes), order)),
          health: Object.fromEntries(shuffle(Object.entries(w.health), order)),
          settings: {
            ...w.settings,
            blocked: shuffle(w.settings.blocked, order),
            myInstances: shuffle(w.settings.myInstances, order),
          },
        };
        const again = rankWorld(reordered);
        const view = (entries: RankedEntry[]) =>
          JSON.stringify(entries.map(({ instance: _instance, ...rest }) => rest));
        check(view(first) === view(again), 'order of the facts changed the ranking', {
          first: first.map((e) => e.origin),
          again: again.map((e) => e.origin),
        });
        check(view(rankWorld(w)) === view(first), 'two calls disagree', w.service);
      }),
      { numRuns: RUNS },
    );
  });
});
