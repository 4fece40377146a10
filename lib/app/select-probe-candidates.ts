import type { RankedEntry } from '../rank/ranked-entry';
import { REASON } from '../rank/reason-keys';
import type { Settings } from '../settings/schema';

/**
 * At most 12 probes per service: the fallback chain rarely gets past its fifth instance
 * (settings.fallback.maxAttempts ≤ 10), so probing beyond the top dozen spends requests on
 * instances that would not be tried anyway.
 */
export const MAX_PROBE_CANDIDATES = 12;

/**
 * Exclusions only a `GET /` can settle: the code it runs (`git.remote`, for "only instances
 * running imputnet/cobalt") and whether its answers are still closed to us (host access may
 * have been granted since). The probe carries no user data (lib/probe/probe-instance.ts).
 */
const PROBE_SETTLES: ReadonlySet<string> = new Set([
  REASON.codebaseUnknown,
  REASON.fork,
  REASON.needsPermission,
]);

/**
 * Which instances are worth a `GET /` for this ranking: the best `limit` that passed every
 * hard filter, in rank order, then those excluded only for what a probe settles
 * (PROBE_SETTLES). Other excluded instances (blocked, not_safe, offline, Turnstile,
 * quarantined…) are never contacted (docs/rules.md "Trust policy"). Nothing when probing is off.
 */
export function selectProbeCandidates(
  ranked: readonly RankedEntry[],
  settings: Settings,
  limit: number = MAX_PROBE_CANDIDATES,
): string[] {
  if (!settings.probe.enabled) return [];
  const origins: string[] = [];
  for (const entry of ranked) {
    if (origins.length >= limit) break;
    if (!entry.excluded || onlyProbeSettles(entry)) origins.push(entry.origin);
  }
  return origins;
}

function onlyProbeSettles(entry: RankedEntry): boolean {
  return entry.reasons.every((r) => r.effect !== '!' || PROBE_SETTLES.has(r.key));
}
