import type { RankedEntry } from '../rank/ranked-entry';
import type { Settings } from '../settings/schema';

/**
 * At most 12 probes per service: the fallback chain rarely gets past its fifth instance
 * (settings.fallback.maxAttempts ≤ 10), so probing beyond the top dozen spends requests on
 * instances that would not be tried anyway.
 */
export const MAX_PROBE_CANDIDATES = 12;

/**
 * Which instances are worth a `GET /` for this ranking: the best `limit` that passed every
 * hard filter, in rank order. Excluded instances (blocked, not_safe, offline, Turnstile,
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
    if (!entry.excluded) origins.push(entry.origin);
  }
  return origins;
}
