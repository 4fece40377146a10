/**
 * Is this host a raw IP address (with or without a port)? The trust policy keeps IP-only
 * instances off by default (docs/rules.md "Trust policy"): in the final CobaltTester input list 83 of
 * 162 entries are raw IPs or IP:port (docs/cobalt-api.md §6.1), which carry no name anyone vouches for.
 *
 * Accepts `1.2.3.4`, `1.2.3.4:9000`, `::1`, `[::1]`, `[2001:db8::1]:9000`, and, for
 * convenience, a whole origin (`http://1.2.3.4:9000`).
 */

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;
const MAX_OCTET = 255;
const PORT = /^\d{1,5}$/;
const IPV6_CHARS = /^[0-9a-f:.]+$/;

export function isIpHost(host: string): boolean {
  let value = host.trim().toLowerCase();
  if (value.includes('://')) {
    try {
      value = new URL(value).host;
    } catch {
      return false;
    }
  }
  if (value.startsWith('[')) {
    const end = value.indexOf(']');
    if (end < 0) return false;
    const rest = value.slice(end + 1);
    if (rest !== '' && !(rest.startsWith(':') && PORT.test(rest.slice(1)))) return false;
    return isIpv6(value.slice(1, end));
  }
  // Two or more colons without brackets can only be a bare IPv6 address.
  if ((value.match(/:/g) ?? []).length >= 2) return isIpv6(value);
  const colon = value.indexOf(':');
  if (colon >= 0 && !PORT.test(value.slice(colon + 1))) return false;
  return isIpv4(colon >= 0 ? value.slice(0, colon) : value);
}

function isIpv4(value: string): boolean {
  const match = IPV4.exec(value);
  return match !== null && match.slice(1).every((octet) => Number(octet) <= MAX_OCTET);
}

function isIpv6(value: string): boolean {
  if (!value.includes(':') || !IPV6_CHARS.test(value)) return false;
  // The WHATWG URL parser is the reference IPv6 grammar and exists in every runtime lib targets.
  try {
    new URL(`http://[${value}]/`);
    return true;
  } catch {
    return false;
  }
}
