import type { ServiceKey } from '../services/service-key';
import type {
  Instance,
  InstanceField,
  ServiceStatus,
  SourceEntry,
  SourceId,
  TrustLevel,
} from './instance';

/**
 * Every source's entries → one Instance per origin, with the source of each field recorded
 * (docs/rules.md "Sources": merge by origin, keep each field's provenance). Pure and deterministic:
 * the output is sorted by origin and does not depend on the order sources were fetched in.
 *
 * Precedence:
 * - Facts that go stale (online, version/generation, score, frontend, each service result):
 *   the first source in SOURCE_PRECEDENCE that has a value. Live trackers come first, ordered
 *   by evidence of upkeep: cobalt.directory (tests every ~10 min, code current to 2026, §6.2),
 *   instances.cobalt.best (active 2025–26, §6.3), instances.hyper.lol (code stops 2024-10,
 *   §6.1, §10); then user-added lists (unknown upkeep), the user's own entries, and last the
 *   bundled snapshot, which is static.
 * - trust: the most pessimistic label any source gives wins (not_safe > unknown > listed >
 *   safe): one tracker's warning is never outvoted. `offline` is hyper.lol replacing the label
 *   when the instance was down (§6.1), a liveness fact rather than a verdict: it only becomes
 *   the trust when no source has a real label and the merged `online` is not true. With no
 *   trust data at all the level is `listed`.
 * - codebase: the first source in SOURCE_PRECEDENCE that names one (only cobalt.directory does).
 * - turnstile: `true` from any source wins (an extension must never drive a Turnstile
 *   instance, docs/rules.md "Trust policy"); else `false` if any source says so; else null. The probe
 *   (GET / `turnstileSitekey`) is the final judge, outside this merge.
 */
const SOURCE_PRECEDENCE = ['directory', 'cobalt-best', 'hyper', 'custom', 'user', 'bundled'];
const CUSTOM_PREFIX = 'custom:';

/** Most pessimistic first. */
const TRUST_PESSIMISM: readonly TrustLevel[] = ['not_safe', 'unknown', 'listed', 'safe'];

export function sourceRank(source: SourceId): number {
  const family = source.startsWith(CUSTOM_PREFIX) ? 'custom' : source;
  const rank = SOURCE_PRECEDENCE.indexOf(family);
  return rank < 0 ? SOURCE_PRECEDENCE.length : rank;
}

/** Orders sources by precedence; custom lists among themselves by id, so the result is stable. */
export function compareSources(a: SourceId, b: SourceId): number {
  return sourceRank(a) - sourceRank(b) || (a < b ? -1 : a > b ? 1 : 0);
}

export function mergeEntries(entries: readonly SourceEntry[]): Instance[] {
  const byOrigin = new Map<string, SourceEntry[]>();
  for (const entry of entries) {
    const group = byOrigin.get(entry.origin);
    if (group) group.push(entry);
    else byOrigin.set(entry.origin, [entry]);
  }
  return [...byOrigin.keys()]
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((origin) => mergeOrigin(origin, byOrigin.get(origin) ?? []));
}

function mergeOrigin(origin: string, group: readonly SourceEntry[]): Instance {
  if (group.length === 1) return singleSource(origin, group[0] as SourceEntry);
  // Stable sort: entries of one source keep their feed order (first one wins on ties).
  const ranked = [...group].sort((a, b) => compareSources(a.source, b.source));
  const provenance: Partial<Record<InstanceField, SourceId>> = {};
  const pick = <K extends 'version' | 'online' | 'score' | 'frontend'>(field: K) => {
    const winner = ranked.find((entry) => entry[field] !== null);
    if (winner) provenance[field] = winner.source;
    return winner ?? null;
  };

  const versionEntry = pick('version');
  const codebaseEntry = ranked.find((entry) => typeof entry.codebase === 'string');
  if (codebaseEntry) provenance.codebase = codebaseEntry.source;
  const online = pick('online')?.online ?? null;
  const trust = mergeTrust(ranked, online);
  if (trust.source) provenance.trust = trust.source;
  const turnstile = mergeTurnstile(ranked);
  if (turnstile.source) provenance.turnstile = turnstile.source;

  return {
    origin,
    generation:
      versionEntry?.generation ??
      ranked.find((entry) => entry.generation !== 'unknown')?.generation ??
      'unknown',
    version: versionEntry?.version ?? null,
    trust: trust.level,
    online,
    turnstile: turnstile.value,
    score: pick('score')?.score ?? null,
    frontend: pick('frontend')?.frontend ?? null,
    ...(codebaseEntry ? { codebase: codebaseEntry.codebase } : {}),
    // Any source that saw "a key is missing" is believed: asking without one only fails.
    ...(ranked.some((entry) => entry.needsKey) ? { needsKey: true as const } : {}),
    services: mergeServices(ranked),
    provenance,
    sources: [...new Set(ranked.map((entry) => entry.source))],
  };
}

/**
 * The same result as the general merge for an origin only one source lists (the common case,
 * and every origin of a big custom list): each field is that source's, with no precedence pass.
 */
function singleSource(origin: string, entry: SourceEntry): Instance {
  const { source } = entry;
  const provenance: Partial<Record<InstanceField, SourceId>> = {};
  if (entry.version !== null) provenance.version = source;
  if (entry.online !== null) provenance.online = source;
  const trust: TrustLevel =
    entry.trust === null || (entry.trust === 'offline' && entry.online === true)
      ? 'listed'
      : entry.trust;
  provenance.trust = source;
  if (entry.turnstile !== null) provenance.turnstile = source;
  if (entry.score !== null) provenance.score = source;
  if (entry.frontend !== null) provenance.frontend = source;
  const hasCodebase = typeof entry.codebase === 'string';
  if (hasCodebase) provenance.codebase = source;
  const services: Partial<Record<ServiceKey, ServiceStatus>> = {};
  for (const key of (Object.keys(entry.services) as ServiceKey[]).sort()) {
    const ok = entry.services[key];
    if (ok !== undefined) services[key] = { ok, source };
  }
  return {
    origin,
    generation: entry.generation,
    version: entry.version,
    trust,
    online: entry.online,
    turnstile: entry.turnstile,
    score: entry.score,
    frontend: entry.frontend,
    ...(hasCodebase ? { codebase: entry.codebase } : {}),
    ...(entry.needsKey ? { needsKey: true as const } : {}),
    services,
    provenance,
    sources: [source],
  };
}

function mergeTrust(
  ranked: readonly SourceEntry[],
  online: boolean | null,
): { level: TrustLevel; source: SourceId | null } {
  for (const level of TRUST_PESSIMISM) {
    const entry = ranked.find((candidate) => candidate.trust === level);
    if (entry) return { level, source: entry.source };
  }
  const offline = ranked.find((entry) => entry.trust === 'offline');
  if (offline && online !== true) return { level: 'offline', source: offline.source };
  return { level: 'listed', source: ranked[0]?.source ?? null };
}

function mergeTurnstile(ranked: readonly SourceEntry[]): {
  value: boolean | null;
  source: SourceId | null;
} {
  const entry =
    ranked.find((candidate) => candidate.turnstile === true) ??
    ranked.find((candidate) => candidate.turnstile === false);
  return entry ? { value: entry.turnstile, source: entry.source } : { value: null, source: null };
}

function mergeServices(ranked: readonly SourceEntry[]): Partial<Record<ServiceKey, ServiceStatus>> {
  const merged = new Map<ServiceKey, ServiceStatus>();
  for (const entry of ranked) {
    for (const [key, ok] of Object.entries(entry.services) as [ServiceKey, boolean | undefined][]) {
      if (ok !== undefined && !merged.has(key)) merged.set(key, { ok, source: entry.source });
    }
  }
  const services: Partial<Record<ServiceKey, ServiceStatus>> = {};
  for (const key of [...merged.keys()].sort()) services[key] = merged.get(key);
  return services;
}
