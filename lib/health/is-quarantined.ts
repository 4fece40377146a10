import type { HealthRecord } from './health-state';

/**
 * Is this (instance, service) benched at `now`? The one reading of `quarantinedUntil`: ranking
 * (lib/rank/check-filters.ts), pruning and the diagnostics view ask here.
 */
export function isQuarantined(
  record: HealthRecord | undefined,
  now: number,
): record is HealthRecord & { quarantinedUntil: number } {
  const until = record?.quarantinedUntil;
  return typeof until === 'number' && until > now;
}
