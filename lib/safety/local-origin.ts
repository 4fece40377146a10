import { classifyIpHost } from './ip-literal';
import { isLocalName } from './local-name';

/**
 * Is an instance origin on the user's own machine or network: an IP literal outside public
 * unicast (loopback, private, link-local, CGNAT…, in any notation the URL parser accepts) or a
 * local-looking name (`localhost`, a single label, `.local`, `.lan`, `.home.arpa`…)?
 *
 * A tracker listing such an origin is steering the browser at the user's router or machine, so
 * ranking excludes it (lib/rank/check-filters.ts) and nothing probes or tests it. Only the
 * user's own instances (settings "My instances") may live there: self-hosting on a LAN works.
 * An origin that does not parse counts as local (refused rather than guessed at).
 */
export function isLocalOrigin(origin: string): boolean {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return true;
  }
  const ip = classifyIpHost(url.hostname);
  return ip === null ? isLocalName(url.hostname) : ip !== 'public';
}
