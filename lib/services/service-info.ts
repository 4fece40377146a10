import { SERVICE_KEYS, type ServiceKey } from './service-key';
import { SERVICE_TABLE } from './service-table';

/** Per-service facts read from the table, for the UI, ranking, probing and the request builder. */

/** Every service the table covers, in SERVICE_KEYS order. */
export const SUPPORTED_SERVICES: readonly ServiceKey[] = SERVICE_KEYS.filter(
  (service) => SERVICE_TABLE[service] !== undefined,
);

/** Can cobalt give this service's audio alone? Not for vk, ok, loom (docs/cobalt-api.md §5.2). */
export function supportsAudioOnly(service: ServiceKey): boolean {
  return SERVICE_TABLE[service].audio;
}

/** Oldest cobalt version that knows the service (newgrounds: 11.4), or null for any v10+. */
export function minVersionFor(service: ServiceKey): string | null {
  return SERVICE_TABLE[service].minVersion;
}

/** The trackers' public test link for the service, for the user-requested deep test (§6.4). */
export function deepTestLink(service: ServiceKey): string {
  return SERVICE_TABLE[service].testLink;
}
