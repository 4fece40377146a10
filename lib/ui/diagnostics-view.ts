import type { DiagnosticsRow } from '../model/diagnostics-row';
import type { TrustLevel } from '../instances/instance';
import type { ServiceKey } from '../services/service-key';

/** Sorting and filtering of the options page's instance table (pure, deterministic). */
export type DiagnosticsSortKey =
  'origin' | 'version' | 'trust' | 'online' | 'turnstile' | 'services' | 'latency' | 'health';

export interface DiagnosticsSort {
  key: DiagnosticsSortKey;
  dir: 'asc' | 'desc';
}

export interface DiagnosticsFilter {
  /** Substring of origin or version, case-insensitive. */
  text: string;
  trust: TrustLevel | '';
  /** Only instances that report this service; their status for it is shown. */
  service: ServiceKey | '';
  onlineOnly: boolean;
}

export const EMPTY_FILTER: DiagnosticsFilter = {
  text: '',
  trust: '',
  service: '',
  onlineOnly: false,
};

const TRUST_ORDER: Record<TrustLevel, number> = {
  safe: 0,
  listed: 1,
  unknown: 2,
  not_safe: 3,
  offline: 4,
};

function versionParts(version: string | null): number[] {
  if (!version) return [];
  return version.split(/[.-]/).map((part) => Number.parseInt(part, 10) || 0);
}

function compareVersions(a: string | null, b: string | null): number {
  const pa = versionParts(a);
  const pb = versionParts(b);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? -1) - (pb[i] ?? -1);
    if (d !== 0) return d;
  }
  return 0;
}

/** true > null > false, so "online" sorts first ascending. */
function triRank(value: boolean | null): number {
  return value === true ? 0 : value === null ? 1 : 2;
}

export function servicesOk(row: DiagnosticsRow): number {
  return Object.values(row.services).filter(Boolean).length;
}

export function servicesKnown(row: DiagnosticsRow): number {
  return Object.values(row.services).filter((v) => v !== undefined).length;
}

/** Share of successful outcomes; rows without outcomes sit in the middle. */
function healthRatio(row: DiagnosticsRow): number {
  const total = row.health.ok + row.health.failed;
  return total === 0 ? 0.5 : row.health.ok / total;
}

type Comparator = (a: DiagnosticsRow, b: DiagnosticsRow) => number;

/**
 * Comparators in their natural "best first" ascending order; numbers where larger is better
 * (services, health) are negated so ascending shows the best first everywhere.
 */
const COMPARATORS: Record<DiagnosticsSortKey, Comparator> = {
  origin: (a, b) => (a.origin < b.origin ? -1 : a.origin > b.origin ? 1 : 0),
  version: (a, b) => compareVersions(b.version, a.version),
  trust: (a, b) => TRUST_ORDER[a.trust] - TRUST_ORDER[b.trust],
  online: (a, b) => triRank(a.online) - triRank(b.online),
  turnstile: (a, b) => triRank(b.turnstile) - triRank(a.turnstile),
  services: (a, b) => servicesOk(b) - servicesOk(a),
  health: (a, b) => healthRatio(b) - healthRatio(a),
  latency: () => 0, // handled in sortRows: unknown latency is last in both directions
};

export function filterRows(
  rows: readonly DiagnosticsRow[],
  filter: DiagnosticsFilter,
): DiagnosticsRow[] {
  const text = filter.text.trim().toLowerCase();
  return rows.filter((row) => {
    if (
      text &&
      !row.origin.toLowerCase().includes(text) &&
      !(row.version ?? '').toLowerCase().includes(text)
    )
      return false;
    if (filter.trust && row.trust !== filter.trust) return false;
    if (filter.service && row.services[filter.service] === undefined) return false;
    if (filter.onlineOnly && row.online !== true) return false;
    return true;
  });
}

export function sortRows(rows: readonly DiagnosticsRow[], sort: DiagnosticsSort): DiagnosticsRow[] {
  const sign = sort.dir === 'asc' ? 1 : -1;
  const byOrigin = COMPARATORS.origin;
  return [...rows].sort((a, b) => {
    if (sort.key === 'latency') {
      if (a.latencyMs === null || b.latencyMs === null) {
        if (a.latencyMs === b.latencyMs) return byOrigin(a, b);
        return a.latencyMs === null ? 1 : -1;
      }
      return sign * (a.latencyMs - b.latencyMs) || byOrigin(a, b);
    }
    return sign * COMPARATORS[sort.key](a, b) || byOrigin(a, b);
  });
}

export function viewRows(
  rows: readonly DiagnosticsRow[],
  filter: DiagnosticsFilter,
  sort: DiagnosticsSort,
): DiagnosticsRow[] {
  return sortRows(filterRows(rows, filter), sort);
}
