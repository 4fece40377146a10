import type { HealthRecord, HealthTable } from '../health/health-state';
import { pooledBelief, pooledBeliefsWithout, type LatencyBelief } from '../health/latency-belief';
import type { ApiGeneration, Instance } from '../instances/instance';
import type { ProbeResult } from '../probe/probe-result';
import type { ServiceKey } from '../services/service-key';
import type { Settings } from '../settings/schema';
import { healthIndex } from './health-index';
import { originFacts, type OriginFacts } from './origin-host';
import type { RankState } from './ranked-entry';
import { PROBE_RELEVANCE_MIN_MS } from './rank-weights';

/** What one rank() call needs besides the instance itself; built once per call. */
export interface RankContext {
  service: ServiceKey;
  settings: Settings;
  now: number;
  /** Pinned origin → position in the user's order. */
  pinIndex: ReadonlyMap<string, number>;
  blocked: ReadonlySet<string>;
  /** Origins in settings.myInstances. */
  mine: ReadonlySet<string>;
  /** Origins in settings.myInstances with an API key. */
  keyed: ReadonlySet<string>;
  /** Probes at or after this time count; null when probing is off (ranking ignores probes). */
  probesSince: number | null;
  /** This service's health records by origin. */
  health: ReadonlyMap<string, HealthRecord>;
  /**
   * What an instance's answer time for this service is compared with (answerTimeReference):
   * what the other instances take for it, or what cobalt answers take for this user elsewhere.
   */
  answerTimeReference(origin: string): LatencyBelief;
}

/** What is known about one instance for this call's service. */
export interface Evidence {
  /** A probe recent enough to count, or null. */
  probe: ProbeResult | null;
  /** The probe's generation when it knows one, else the tracker's. */
  generation: ApiGeneration;
  record: HealthRecord | undefined;
  host: OriginFacts;
  pinIndex: number | undefined;
  mine: boolean;
  hasKey: boolean;
  /** Pinned or one of the user's own instances: the user chose it, waiving trust/http/IP rules. */
  chosen: boolean;
  /** `owner/repo` it runs (knownCodebase), or null when nothing says. */
  codebase: string | null;
}

export function rankContext(
  service: ServiceKey,
  state: RankState,
  settings: Settings,
  now: number,
): RankContext {
  const pinIndex = new Map<string, number>();
  settings.pinned.forEach((origin, index) => {
    if (!pinIndex.has(origin)) pinIndex.set(origin, index);
  });
  const mine = new Set<string>();
  const keyed = new Set<string>();
  for (const { origin, apiKey } of settings.myInstances) {
    mine.add(origin);
    if (apiKey) keyed.add(origin);
  }
  const health = healthIndex(state.health, service);
  const relevanceMs = Math.max(settings.probe.cacheMinutes * 60_000, PROBE_RELEVANCE_MIN_MS);
  return {
    service,
    settings,
    now,
    pinIndex,
    blocked: new Set(settings.blocked),
    mine,
    keyed,
    probesSince: settings.probe.enabled ? now - relevanceMs : null,
    health,
    answerTimeReference: answerTimeReference(health, state.health),
  };
}

/**
 * The yardstick for an instance's answer time for a service (score-instance.ts, reason
 * `answerTime`): what the *other* instances we timed for this service take; when we have timed
 * no other one, what every instance we timed takes for every service (a user whose downloads
 * usually come back in 1.5 s should not stay on an instance that takes 5 s for this service
 * only because nothing else was tried for it); with no times at all, the default
 * (latency-belief.ts). Comparing an instance with a pool that holds its own times would make a
 * slow instance look normal whenever it is the only one we know, which is exactly the case
 * that sticks: it keeps serving, so nothing else ever gets timed.
 */
function answerTimeReference(
  service: ReadonlyMap<string, HealthRecord>,
  table: HealthTable,
): (origin: string) => LatencyBelief {
  const others = pooledBeliefsWithout(service.values());
  let everywhere: LatencyBelief | null = null;
  return (origin) =>
    others(origin) ?? (everywhere ??= pooledBelief(Object.values(table).filter(hasAnswer)));
}

function hasAnswer(record: HealthRecord): boolean {
  return record.latencySamples?.some((s) => !s.lowerBound) ?? false;
}

export function evidenceFor(instance: Instance, state: RankState, ctx: RankContext): Evidence {
  const { origin } = instance;
  const stored = ctx.probesSince === null ? undefined : state.probes[origin];
  const probe = stored && stored.at >= (ctx.probesSince ?? 0) ? stored : null;
  const generation =
    probe?.ok && probe.generation !== 'unknown' ? probe.generation : instance.generation;
  const pinIndex = ctx.pinIndex.get(origin);
  const mine = ctx.mine.has(origin);
  return {
    probe,
    generation,
    record: ctx.health.get(origin),
    host: originFacts(origin),
    pinIndex,
    mine,
    hasKey: ctx.keyed.has(origin),
    chosen: mine || pinIndex !== undefined,
    codebase: knownCodebase(instance, probe),
  };
}

/**
 * The code an instance runs: its own `GET /` `git.remote` when a probe that got an answer read
 * one (newer than any list), else the tracker's `codebase` (docs/cobalt-api.md §3.5, §6.2).
 */
export function knownCodebase(
  instance: Pick<Instance, 'codebase'>,
  probe: ProbeResult | null | undefined,
): string | null {
  if (probe?.ok && probe.codebase) return probe.codebase;
  return instance.codebase ?? null;
}

/**
 * The user's own or pinned origin that no tracker lists: it is still ranked (the user chose
 * it), knowing nothing but what probes and outcomes say.
 */
export function userInstance(origin: string): Instance {
  return {
    origin,
    generation: 'unknown',
    version: null,
    trust: 'unknown',
    online: null,
    turnstile: null,
    score: null,
    frontend: null,
    services: {},
    provenance: {},
    sources: ['user'],
  };
}
