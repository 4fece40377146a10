/**
 * Tracker `api` values → the one origin form we store and send to (`scheme://host[:port]`,
 * lowercase, no path). cobalt is addressed by origin only: the official web app strips any path
 * from a custom instance URL and tunnels are built against the origin (docs/cobalt-api.md §1). Trackers
 * write a bare host that "may include `:port`, may be a raw IP" plus a separate `protocol`
 * (§6.1); cobalt.directory's `/api/working` writes full URLs (§6.2).
 */

export type OriginResult = { ok: true; origin: string } | { ok: false; reason: string };

const SCHEMES = new Set(['http', 'https']);
/** Feeds older than 2024-04-25 have no `protocol` key (§6.1); assume the safer scheme. */
const DEFAULT_PROTOCOL = 'https';
const EXPLICIT_SCHEME = /^([a-z][a-z0-9+.-]*):\/\//i;
/** DNS labels as hosts really spell them; `_` appears in the wild, so it is tolerated. */
const HOST_LABEL = /^(?!-)[a-z0-9_-]{1,63}(?<!-)$/;
const MAX_HOST_LENGTH = 253;
/** Quoted values in drop reasons are cut so a hostile feed cannot bloat stored diagnostics. */
const MAX_QUOTED = 80;

export function quote(value: string): string {
  const text = value.length > MAX_QUOTED ? `${value.slice(0, MAX_QUOTED)}…` : value;
  return JSON.stringify(text);
}

/**
 * @param host   the feed's `api` (bare host, host:port, or a full URL)
 * @param protocol the feed's `protocol`, if any; an explicit scheme inside `host` wins over it
 */
export function normaliseOrigin(host: string, protocol?: string | null): OriginResult {
  const raw = host.trim();
  if (raw === '') return { ok: false, reason: '"api" is empty' };
  const proto = protocol?.trim().toLowerCase().replace(/:$/, '');
  if (proto !== undefined && proto !== '' && !SCHEMES.has(proto)) {
    return { ok: false, reason: `"protocol" must be http or https, not ${quote(protocol ?? '')}` };
  }
  const explicit = EXPLICIT_SCHEME.exec(raw);
  const scheme = explicit?.[1]?.toLowerCase();
  if (scheme !== undefined && !SCHEMES.has(scheme)) {
    return { ok: false, reason: `"api" uses an unsupported scheme: ${quote(raw)}` };
  }
  if (/\s/.test(raw)) return invalidHost(raw);
  let url: URL;
  try {
    url = new URL(explicit ? raw : `${proto || DEFAULT_PROTOCOL}://${raw}`);
  } catch {
    return invalidHost(raw);
  }
  if (url.username !== '' || url.password !== '') {
    return { ok: false, reason: `"api" contains credentials: ${quote(raw)}` };
  }
  // A trailing dot is the same host in DNS; strip it so the origin is canonical.
  const hostname = url.hostname.replace(/\.$/, '');
  if (!isValidHostname(hostname)) return invalidHost(raw);
  const port = url.port === '' ? '' : `:${url.port}`;
  return { ok: true, origin: `${url.protocol}//${hostname}${port}` };
}

function invalidHost(raw: string): OriginResult {
  return { ok: false, reason: `"api" is not a valid host: ${quote(raw)}` };
}

function isValidHostname(hostname: string): boolean {
  if (hostname === '' || hostname.length > MAX_HOST_LENGTH) return false;
  // IPv6 literals were already validated by the URL parser.
  if (hostname.startsWith('[') && hostname.endsWith(']')) return true;
  return hostname.split('.').every((label) => HOST_LABEL.test(label));
}

/** A feed's frontend host → `https://host` (or the scheme it spells), null for "None"/absent. */
export function frontendOrigin(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const text = value.trim();
  // hyper.lol writes the literal "None" (never null); others drop the key (§9.17).
  if (text === '' || NO_FRONTEND.has(text.toLowerCase())) return null;
  const result = normaliseOrigin(text, DEFAULT_PROTOCOL);
  return result.ok ? result.origin : null;
}

const NO_FRONTEND = new Set(['none', 'null', 'n/a']);
