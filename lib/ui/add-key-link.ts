import type { ServiceKey } from '../services/service-key';
import { SERVICE_KEYS } from '../services/service-key';

/**
 * The options page's address fragment that opens My instances with an origin filled in, for
 * the popup's "Add a key" on an instance that answered that a key is missing
 * (lib/health/asked-for-key.ts). `service` is what "Test now" then tries the key with. The
 * fragment stays inside the extension: the key itself is typed on the options page.
 */
export function addKeyHash(origin: string, service: ServiceKey | null): string {
  const params = new URLSearchParams({ 'add-key': origin });
  if (service) params.set('service', service);
  return `#mine?${params.toString()}`;
}

export interface AddKeyRequest {
  origin: string;
  service: ServiceKey | null;
}

/** The request in an options page fragment, or null (another fragment, or a malformed one). */
export function readAddKeyHash(hash: string): AddKeyRequest | null {
  if (!hash.startsWith('#mine?')) return null;
  const params = new URLSearchParams(hash.slice('#mine?'.length));
  const origin = httpOrigin(params.get('add-key'));
  if (origin === null) return null;
  const service = params.get('service');
  const known = (SERVICE_KEYS as readonly string[]).includes(service ?? '');
  return { origin, service: known ? (service as ServiceKey) : null };
}

function httpOrigin(value: string | null): string | null {
  if (!value) return null;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.origin : null;
  } catch {
    return null;
  }
}
