/**
 * Does a host name look like it lives on the user's own machine or network? Such names resolve
 * through the user's own resolver (router, mDNS, corporate DNS), so a download handed one would
 * reach a device the instance could never reach itself.
 *
 * - `localhost` and `*.localhost`: RFC 6761 §6.3, browsers answer them with loopback;
 * - a single label (`router`, `nas`): completed by the local resolver's search domains;
 * - `.local` (mDNS, RFC 6762), `.home.arpa` (RFC 8375), `.internal` (ICANN's private-use TLD,
 *   2024), `.lan`, `.home`, `.corp`, `.intranet`, `.private` (RFC 6762 appendix G: in common
 *   private use).
 *
 * Input is `URL.hostname` (lower-case, punycode); a trailing dot (`localhost.`) is ignored.
 */
const LOCAL_SUFFIXES = [
  'localhost',
  'local',
  'home.arpa',
  'internal',
  'lan',
  'home',
  'corp',
  'intranet',
  'private',
];

export function isLocalName(hostname: string): boolean {
  const name = hostname.replace(/\.$/, '').toLowerCase();
  if (!name.includes('.')) return true;
  return LOCAL_SUFFIXES.some((suffix) => name === suffix || name.endsWith(`.${suffix}`));
}
