import { SERVICE_KEYS, type ServiceKey } from './service-key';
import type { HostRule } from './service-spec';
import { SERVICE_TABLE } from './service-table';

/**
 * Host → service lookup over the table. The registrable domain is compared exactly and the
 * subdomain is whatever precedes it, so `youtube.com.evil.example` and `evilyoutube.com` never
 * match `youtube.com`.
 */

export interface HostMatch {
  service: ServiceKey;
  rule: HostRule;
}

const RULES: readonly HostMatch[] = SERVICE_KEYS.flatMap((service) =>
  SERVICE_TABLE[service].hosts.map((rule) => ({ service, rule })),
);

/** '' for the bare domain, the subdomain for a host under it, null for any other host. */
function subdomainOf(hostname: string, domain: string): string | null {
  if (hostname === domain) return '';
  const suffix = `.${domain}`;
  return hostname.endsWith(suffix) ? hostname.slice(0, -suffix.length) : null;
}

function accepts(rule: HostRule, subdomain: string): boolean {
  return rule.subdomains === '*' || rule.subdomains.includes(subdomain);
}

/** The table rule that accepts this exact host, or null. */
export function findHostRule(hostname: string): HostMatch | null {
  for (const entry of RULES) {
    const subdomain = subdomainOf(hostname, entry.rule.domain);
    if (subdomain !== null && accepts(entry.rule, subdomain)) return entry;
  }
  return null;
}

/**
 * The service whose site this host belongs to, even when the table does not accept the host
 * itself (studio.youtube.com, redd.it): the page is the service's, just not a media link.
 */
export function serviceOfSite(hostname: string): ServiceKey | null {
  return RULES.find((entry) => subdomainOf(hostname, entry.rule.domain) !== null)?.service ?? null;
}
