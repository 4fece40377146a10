import { SERVICE_KEYS } from './service-key';
import type { HostRule } from './service-spec';
import { SERVICE_TABLE } from './service-table';

/**
 * WebExtension match patterns for every host in the service table, for the context menu's
 * `targetUrlPatterns` / `documentUrlPatterns` and the badge. They select by host only: the menu
 * handler still runs `matchService` on the link, which decides. `*` as the scheme means http and
 * https, the two schemes `matchService` reads; a host wildcard is only ever a leading `*.`.
 */

const ANY_HTTP_SCHEME = '*';

function hostsOf(rule: HostRule): string[] {
  if (rule.subdomains === '*') return [`*.${rule.domain}`];
  return rule.subdomains.map((subdomain) =>
    subdomain === '' ? rule.domain : `${subdomain}.${rule.domain}`,
  );
}

const PATTERNS: readonly string[] = [
  ...new Set(
    SERVICE_KEYS.flatMap((service) => SERVICE_TABLE[service].hosts.flatMap(hostsOf)).map(
      (host) => `${ANY_HTTP_SCHEME}://${host}/*`,
    ),
  ),
];

export function menuUrlPatterns(): string[] {
  return [...PATTERNS];
}
