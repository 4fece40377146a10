import { decayedCounts } from './decayed-counts';
import { isQuarantined } from './is-quarantined';
import type { HealthTable } from './health-state';

/**
 * A record whose decayed weight fell below this says nothing any more: one outcome gets here
 * after about 26 h (4.3 half-lives), so a day-old single failure is forgotten.
 */
export const FORGOTTEN_WEIGHT = 0.05;

/**
 * A record that holds latency samples but no outcome weight (only lower bounds: an instance that
 * only ever lost races) is kept this long after its last update: as long as a single outcome
 * takes to be forgotten (FORGOTTEN_WEIGHT after 26 h).
 */
export const LATENCY_MEMORY_MS = 26 * 60 * 60 * 1000;

/**
 * At most this many records are persisted: a heavy user touches a few dozen instances ×
 * a handful of services; 1,000 keeps storage writes small while never evicting live data.
 */
const MAX_HEALTH_RECORDS = 1000;

/**
 * Drops records that have decayed to nothing (unless still quarantined, or holding latency
 * samples younger than LATENCY_MEMORY_MS), then keeps the
 * `maxRecords` most recently updated. Returns the same table when nothing was dropped, so a
 * caller can skip a storage write.
 */
export function pruneHealth(
  table: HealthTable,
  now: number,
  maxRecords: number = MAX_HEALTH_RECORDS,
): HealthTable {
  const kept: string[] = [];
  let dropped = false;
  for (const key in table) {
    const record = table[key];
    if (!record) continue;
    const { successes, failures } = decayedCounts(record, now);
    const quarantined = isQuarantined(record, now);
    const timed =
      (record.latencySamples?.length ?? 0) > 0 && now - record.updatedAt < LATENCY_MEMORY_MS;
    if (quarantined || timed || successes + failures >= FORGOTTEN_WEIGHT) kept.push(key);
    else dropped = true;
  }
  if (kept.length > maxRecords) {
    // Newest first; the key breaks ties so the result does not depend on insertion order.
    kept.sort(
      (a, b) => (table[b]?.updatedAt ?? 0) - (table[a]?.updatedAt ?? 0) || (a < b ? -1 : 1),
    );
    kept.length = Math.max(0, maxRecords);
    dropped = true;
  }
  if (!dropped) return table;
  const result: HealthTable = {};
  for (const key of kept) {
    const record = table[key];
    if (record) result[key] = record;
  }
  return result;
}
