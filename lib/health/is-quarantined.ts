import type { ServiceKey } from '../services/service-key';
import { healthKey, type HealthTable } from './health-state';

/** Is this instance benched for this service at `now`? */
export function isQuarantined(
  table: HealthTable,
  origin: string,
  service: ServiceKey,
  now: number,
): boolean {
  const until = table[healthKey(origin, service)]?.quarantinedUntil;
  return typeof until === 'number' && until > now;
}
