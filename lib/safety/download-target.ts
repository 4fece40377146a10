import type { ServiceKey } from '../services/service-key';
import { MEDIA_HOSTS } from '../services/service-table';
import { classifyIpHost } from './ip-literal';
import { isLocalName } from './local-name';
import { registrableDomain } from './registrable-domain';
import { safeDownloadUrl } from './safe-download-url';

/**
 * Where a URL an instance gave us may point (docs/security.md, "Where a download may point").
 * Every URL handed to the downloads API or shown on an instance's word goes through here:
 * tunnels, redirects, picker items, thumbnails and picker audio.
 *
 * Why: the downloads API fetches from the user's own network with the user's cookies for the
 * target site. A hostile instance could otherwise make the browser send cookie-bearing GETs to
 * any site, to the user's router, or to services on the user's own machine.
 *
 * What cobalt itself hands out (so anything else is not cobalt's doing):
 * - tunnels on its own API URL, `new URL('/tunnel', env.apiURL)`
 *   (https://github.com/imputnet/cobalt/blob/main/api/src/stream/manage.js); picker items,
 *   thumbnails and tiktok's picker audio go through the same `createStream` when proxied;
 * - redirects and direct picker items on the service's own media hosts (MEDIA_HOSTS in
 *   lib/services/service-table.ts, read from cobalt's service modules).
 *
 * Rules:
 * - a tunnel is on the instance's own origin, or on the API URL the instance reports in `GET /`
 *   (`cobalt.url`) when that URL is on the same registrable domain as the instance;
 * - any other URL (redirect, picker item, thumbnail, audio) that is not on such a tunnel origin
 *   must be on a public host (no IP literal outside public unicast, no local-looking name, no
 *   non-default port) AND on one of the service's media hosts.
 */

export type TargetKind = 'tunnel' | 'redirect' | 'picker-item' | 'thumbnail' | 'picker-audio';

export interface TargetContext {
  /** Origin the answer came from (the instance we POSTed to). */
  instanceOrigin: string;
  /** `cobalt.url` from the instance's `GET /`, when the probe saw one. */
  reportedApiUrl: string | null;
  service: ServiceKey;
}

/**
 * Why a URL was refused; each has a plain-words trail message (lib/submit/trail-message-key.ts).
 * - unsafe: not http(s), credentials, unparseable (lib/safety/safe-download-url.ts);
 * - local-network: an address or name on the user's own machine or network;
 * - port: a non-default port on a host that is not the instance;
 * - foreign-tunnel: a tunnel on a site that is not the instance;
 * - not-media-host: a public host, but not one the service serves media from.
 */
export type TargetRefusal =
  'unsafe' | 'local-network' | 'port' | 'foreign-tunnel' | 'not-media-host';

export type TargetVerdict = { ok: true; url: string } | { ok: false; reason: TargetRefusal };

/** The one entry point: may the instance in `ctx` name `raw` as a `kind`? */
export function checkDownloadTarget(
  raw: unknown,
  kind: TargetKind,
  ctx: TargetContext,
): TargetVerdict {
  const safe = safeDownloadUrl(raw);
  if (!safe.ok) return { ok: false, reason: 'unsafe' };
  const url = new URL(safe.url);
  if (tunnelOrigins(ctx).has(url.origin)) return { ok: true, url: safe.url };
  if (kind === 'tunnel') return { ok: false, reason: 'foreign-tunnel' };
  const host = publicHostRefusal(url);
  if (host !== null) return { ok: false, reason: host };
  return isMediaHost(url.hostname, ctx.service)
    ? { ok: true, url: safe.url }
    : { ok: false, reason: 'not-media-host' };
}

/**
 * Tunnels of a local-processing answer (`tunnel[]`) are tunnels like any other; named for the
 * local-processing code, which fetches them itself.
 */
export function checkLocalProcessingTunnel(raw: unknown, ctx: TargetContext): TargetVerdict {
  return checkDownloadTarget(raw, 'tunnel', ctx);
}

/**
 * Origins a tunnel may be on: the instance's own, and its reported API URL's when that is on the
 * same registrable domain (an instance at `cobalt.example.com` whose API URL is
 * `https://api.cobalt.example.com/`). The reported URL may not downgrade https to http.
 */
function tunnelOrigins(ctx: TargetContext): Set<string> {
  const origins = new Set<string>();
  let instance: URL;
  try {
    instance = new URL(ctx.instanceOrigin);
  } catch {
    return origins;
  }
  origins.add(instance.origin);
  const reported = ctx.reportedApiUrl === null ? null : safeDownloadUrl(ctx.reportedApiUrl);
  if (reported?.ok) {
    const api = new URL(reported.url);
    const downgrade = instance.protocol === 'https:' && api.protocol !== 'https:';
    const sameOwner = registrableDomain(api.hostname) === registrableDomain(instance.hostname);
    // A public instance may not vouch for a host on the user's network under its own domain
    // (a DNS record of theirs pointing at 192.168.1.1 is still their domain).
    const local =
      publicHostRefusal(api) === 'local-network' && publicHostRefusal(instance) === null;
    if (!downgrade && sameOwner && !local) origins.add(api.origin);
  }
  return origins;
}

/** Null when `url` is on a public host on its default port. */
function publicHostRefusal(url: URL): 'local-network' | 'port' | null {
  const ip = classifyIpHost(url.hostname);
  if (ip !== null && ip !== 'public') return 'local-network';
  if (ip === null && isLocalName(url.hostname)) return 'local-network';
  // URL.port is '' for the scheme's default port.
  if (url.port !== '') return 'port';
  return null;
}

/** Is `hostname` one of the service's media hosts or a subdomain of one? */
function isMediaHost(hostname: string, service: ServiceKey): boolean {
  const host = hostname.replace(/\.$/, '').toLowerCase();
  return MEDIA_HOSTS[service].some((domain) => host === domain || host.endsWith(`.${domain}`));
}
