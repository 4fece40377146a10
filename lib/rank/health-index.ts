import type { HealthRecord, HealthTable } from '../health/health-state';
import type { ServiceKey } from '../services/service-key';

/**
 * Health records of one service by origin. Built once per health table and service, then
 * reused: tables are immutable (recordOutcome returns a new one), so the table's identity
 * is a safe cache key, and the WeakMap lets an old table and its index be collected together.
 * This replaces a `${origin}|${service}` string built and hashed per instance per call.
 */
const cache = new WeakMap<HealthTable, Map<ServiceKey, ReadonlyMap<string, HealthRecord>>>();

export function healthIndex(
  table: HealthTable,
  service: ServiceKey,
): ReadonlyMap<string, HealthRecord> {
  let byService = cache.get(table);
  if (!byService) {
    byService = new Map();
    cache.set(table, byService);
  }
  let index = byService.get(service);
  if (!index) {
    const built = new Map<string, HealthRecord>();
    for (const key in table) {
      const record = table[key];
      if (record?.service === service) built.set(record.origin, record);
    }
    byService.set(service, built);
    index = built;
  }
  return index;
}
