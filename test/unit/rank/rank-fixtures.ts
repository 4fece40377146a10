import type { HealthRecord, HealthTable } from '../../../lib/health/health-state';
import { healthKey } from '../../../lib/health/health-state';
import type { Instance } from '../../../lib/instances/instance';
import type { RankReason } from '../../../lib/model/rank-reason';
import type { ProbeResult, ProbeTable } from '../../../lib/probe/probe-result';
import type { RankedEntry, RankState } from '../../../lib/rank/ranked-entry';
import type { ServiceKey } from '../../../lib/services/service-key';
import { DEFAULT_SETTINGS, type Settings } from '../../../lib/settings/schema';

/** Shared builders for the rank tests: a plain, trusted v11 instance unless told otherwise. */

export const NOW = 1_700_000_000_000;
export const KEY = '0b0e5e9a-3c3e-4c8e-9a8e-2f1e0d9c8b7a';

export function inst(origin: string, over: Partial<Instance> = {}): Instance {
  return {
    origin,
    generation: 'v11',
    version: '11.7.1',
    trust: 'safe',
    online: true,
    turnstile: false,
    score: null,
    frontend: null,
    services: {},
    provenance: {},
    sources: ['hyper'],
    ...over,
  };
}

export interface SettingsPatch {
  trust?: Partial<Settings['trust']>;
  probe?: Partial<Settings['probe']>;
  pinned?: string[];
  blocked?: string[];
  myInstances?: Settings['myInstances'];
}

export function settingsWith(patch: SettingsPatch = {}): Settings {
  return {
    ...DEFAULT_SETTINGS,
    trust: { ...DEFAULT_SETTINGS.trust, ...patch.trust },
    probe: { ...DEFAULT_SETTINGS.probe, ...patch.probe },
    pinned: patch.pinned ?? [],
    blocked: patch.blocked ?? [],
    myInstances: patch.myInstances ?? [],
  };
}

export function probe(origin: string, over: Partial<ProbeResult> = {}): ProbeResult {
  return {
    origin,
    at: NOW - 60_000,
    ok: true,
    latencyMs: 200,
    generation: 'v11',
    version: '11.7.1',
    services: null,
    turnstile: false,
    ...over,
  };
}

export function record(
  origin: string,
  service: ServiceKey,
  over: Partial<HealthRecord> = {},
): HealthRecord {
  return {
    origin,
    service,
    successes: 0,
    failures: 0,
    updatedAt: NOW,
    quarantinedUntil: null,
    lastOutcome: null,
    latencyMs: null,
    ...over,
  };
}

export function stateOf(
  instances: Instance[],
  probes: ProbeResult[] = [],
  records: HealthRecord[] = [],
): RankState {
  const probeTable: ProbeTable = Object.fromEntries(probes.map((p) => [p.origin, p]));
  const health: HealthTable = Object.fromEntries(
    records.map((r) => [healthKey(r.origin, r.service), r]),
  );
  return { instances, probes: probeTable, health };
}

export function entryOf(list: RankedEntry[], origin: string): RankedEntry {
  const entry = list.find((e) => e.origin === origin);
  if (!entry) throw new Error(`${origin} is not in the ranking`);
  return entry;
}

export function reasonOf(entry: RankedEntry, key: string): RankReason | undefined {
  return entry.reasons.find((r) => r.key === key);
}

export function keysWith(entry: RankedEntry, effect: RankReason['effect']): string[] {
  return entry.reasons.filter((r) => r.effect === effect).map((r) => r.key);
}

/** Ranked entries for these origins, in this order, none excluded (for the engine's tests). */
export function rankedEntries(origins: readonly string[]): RankedEntry[] {
  return origins.map((origin) => ({
    origin,
    score: 50,
    excluded: false,
    reasons: [],
    pinned: false,
    hasKey: false,
    instance: inst(origin),
  }));
}
