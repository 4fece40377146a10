/**
 * The one door from an untrusted string (a tab's URL, a link under the context menu, a pasted
 * link) to a URL the service table may look at. Uses the WHATWG URL parser, which lower-cases
 * the host, decodes percent-escapes in it, maps IDN to punycode and moves user-info out of the
 * host: `https://youtube.com@evil.example/` has the host `evil.example`.
 */

/** Longer input is not a link anyone clicked; refusing it bounds the work per call. */
const MAX_INPUT_LENGTH = 16_384;

/** Letters-only TLD, LDH labels: rules out IPv4/IPv6 literals and odd hosts in one test. */
const DOMAIN_NAME = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
/** IDN labels: no service in the table uses one, homographs of them all do. */
const PUNYCODE_PREFIX = 'xn--';
const HTTP_PROTOCOLS = new Set(['http:', 'https:']);

export interface PageUrl {
  /** Lower-case domain name without the trailing dot of a fully-qualified `youtube.com.`. */
  hostname: string;
  pathname: string;
  searchParams: URLSearchParams;
}

/** An http(s) URL, or null for anything else (empty, relative, chrome://, about:, file:, junk). */
export function parseHttpUrl(input: unknown): URL | null {
  if (typeof input !== 'string' || input.length === 0 || input.length > MAX_INPUT_LENGTH) {
    return null;
  }
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    return null;
  }
  return HTTP_PROTOCOLS.has(url.protocol) ? url : null;
}

/** The URL's domain name when it is one a service could own, else null (IPs, IDN, odd hosts). */
export function domainNameOf(url: URL): string | null {
  // A fully-qualified name (`youtube.com.`) is the same host; any other empty label is not.
  const hostname = url.hostname.endsWith('.') ? url.hostname.slice(0, -1) : url.hostname;
  if (!DOMAIN_NAME.test(hostname)) return null;
  if (hostname.split('.').some((label) => label.startsWith(PUNYCODE_PREFIX))) return null;
  return hostname;
}

/** http(s) URL with a plausible domain name, split into the parts the matcher reads. */
export function parsePageUrl(input: unknown): PageUrl | null {
  const url = parseHttpUrl(input);
  if (!url) return null;
  const hostname = domainNameOf(url);
  if (!hostname) return null;
  return { hostname, pathname: url.pathname, searchParams: url.searchParams };
}
