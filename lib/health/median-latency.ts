import type { ServiceKey } from '../services/service-key';
import type { HealthTable } from './health-state';

/**
 * Median of the per-instance latencies recorded for a service (input of lib/submit's adaptive
 * hedge delay); null with no history. The median, not the mean: one instance that took 20 s
 * must not make the chain wait 40 s before hedging.
 */
export function medianLatency(table: HealthTable, service: ServiceKey): number | null {
  const values: number[] = [];
  for (const key in table) {
    const record = table[key];
    if (record?.service === service && isLatency(record.latencyMs)) values.push(record.latencyMs);
  }
  return median(values);
}

/** Median of a list (sorted copy); null when empty. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const upper = sorted[mid] ?? 0;
  return sorted.length % 2 === 1 ? upper : ((sorted[mid - 1] ?? upper) + upper) / 2;
}

export function isLatency(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}
