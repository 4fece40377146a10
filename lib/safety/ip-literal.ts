/**
 * What kind of network an IP-literal host points at. Only `public` may be named by an instance
 * for a redirect or picker item (lib/safety/download-target.ts): the downloads API fetches from
 * the user's own network, so anything else reaches the user's router, machine or LAN.
 *
 * Input is `URL.hostname` as the WHATWG URL parser leaves it: IPv4 in any notation a browser
 * accepts (`0x7f.1`, `2130706433`, `017700000001`, `127.1`) is already dotted decimal, and IPv6
 * is bracketed and compressed (`[::ffff:7f00:1]`). Classifying the parser's output, not the
 * raw string, is what makes odd notations harmless: they are judged as the browser will use them.
 *
 * Ranges: https://www.iana.org/assignments/iana-ipv4-special-registry and
 * https://www.iana.org/assignments/iana-ipv6-special-registry, RFC 6598 (CGNAT).
 */
export type IpClass =
  | 'public'
  | 'private'
  | 'loopback'
  | 'link-local'
  | 'cgnat'
  | 'multicast'
  | 'unspecified'
  | 'reserved';

interface V4Range {
  base: number;
  bits: number;
  kind: Exclude<IpClass, 'public'>;
}

const v4 = (a: number, b: number, c: number, d: number): number =>
  ((a << 24) >>> 0) + (b << 16) + (c << 8) + d;

/** First match wins, so the narrower ranges inside 0/8 and 192/8 come before nothing wider. */
const V4_RANGES: readonly V4Range[] = [
  { base: v4(0, 0, 0, 0), bits: 32, kind: 'unspecified' },
  { base: v4(0, 0, 0, 0), bits: 8, kind: 'reserved' }, // "this network"
  { base: v4(10, 0, 0, 0), bits: 8, kind: 'private' },
  { base: v4(100, 64, 0, 0), bits: 10, kind: 'cgnat' },
  { base: v4(127, 0, 0, 0), bits: 8, kind: 'loopback' },
  { base: v4(169, 254, 0, 0), bits: 16, kind: 'link-local' },
  { base: v4(172, 16, 0, 0), bits: 12, kind: 'private' },
  { base: v4(192, 0, 0, 0), bits: 24, kind: 'reserved' }, // IETF protocol assignments
  { base: v4(192, 0, 2, 0), bits: 24, kind: 'reserved' }, // documentation
  { base: v4(192, 88, 99, 0), bits: 24, kind: 'reserved' }, // 6to4 relay anycast
  { base: v4(192, 168, 0, 0), bits: 16, kind: 'private' },
  { base: v4(198, 18, 0, 0), bits: 15, kind: 'reserved' }, // benchmarking
  { base: v4(198, 51, 100, 0), bits: 24, kind: 'reserved' }, // documentation
  { base: v4(203, 0, 113, 0), bits: 24, kind: 'reserved' }, // documentation
  { base: v4(224, 0, 0, 0), bits: 4, kind: 'multicast' },
  { base: v4(240, 0, 0, 0), bits: 4, kind: 'reserved' }, // incl. 255.255.255.255 broadcast
];

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;
const MAX_OCTET = 255;
const GROUPS = 8;
const GROUP_MAX = 0xffff;

/** The class of an IP-literal hostname, or null when the hostname is a name, not an address. */
export function classifyIpHost(hostname: string): IpClass | null {
  if (hostname.startsWith('[') && hostname.endsWith(']')) {
    const groups = parseIpv6(hostname.slice(1, -1));
    return groups === null ? 'reserved' : classifyV6(groups);
  }
  const value = parseIpv4(hostname);
  return value === null ? null : classifyV4(value);
}

function parseIpv4(text: string): number | null {
  const match = IPV4.exec(text);
  if (!match) return null;
  const octets = match.slice(1).map(Number);
  if (octets.some((o) => o > MAX_OCTET)) return null;
  const [a = 0, b = 0, c = 0, d = 0] = octets;
  return v4(a, b, c, d);
}

function classifyV4(value: number): IpClass {
  for (const range of V4_RANGES) {
    const mask = range.bits === 0 ? 0 : (~0 << (32 - range.bits)) >>> 0;
    if ((value & mask) >>> 0 === range.base) return range.kind;
  }
  return 'public';
}

/** Eight 16-bit groups, or null when the text is not an IPv6 address. */
function parseIpv6(text: string): number[] | null {
  const lower = text.toLowerCase();
  if (!/^[0-9a-f:.]+$/.test(lower)) return null;
  const halves = lower.split('::');
  if (halves.length > 2) return null;
  const part = (s: string): number[] | null => {
    if (s === '') return [];
    const out: number[] = [];
    const pieces = s.split(':');
    for (const [i, piece] of pieces.entries()) {
      // A trailing dotted quad (::ffff:1.2.3.4) is two groups.
      if (piece.includes('.') && i === pieces.length - 1) {
        const quad = parseIpv4(piece);
        if (quad === null) return null;
        out.push(quad >>> 16, quad & GROUP_MAX);
      } else if (/^[0-9a-f]{1,4}$/.test(piece)) {
        out.push(parseInt(piece, 16));
      } else {
        return null;
      }
    }
    return out;
  };
  const head = part(halves[0] ?? '');
  const tail = halves.length === 2 ? part(halves[1] ?? '') : [];
  if (head === null || tail === null) return null;
  if (halves.length === 1) return head.length === GROUPS ? head : null;
  const fill = GROUPS - head.length - tail.length;
  if (fill < 1) return null;
  return [...head, ...Array<number>(fill).fill(0), ...tail];
}

function embeddedV4(high: number, low: number): number {
  return ((high << 16) >>> 0) + low;
}

function classifyV6(g: number[]): IpClass {
  const [g0 = 0, g1 = 0, , , , g5 = 0, g6 = 0, g7 = 0] = g;
  const zeroUpTo = (n: number) => g.slice(0, n).every((x) => x === 0);
  if (zeroUpTo(8)) return 'unspecified';
  if (zeroUpTo(7) && g7 === 1) return 'loopback';
  // ::ffff:a.b.c.d (IPv4-mapped) reaches the IPv4 address itself.
  if (zeroUpTo(5) && g5 === GROUP_MAX) return classifyV4(embeddedV4(g6, g7));
  // ::a.b.c.d (deprecated IPv4-compatible) and ::ffff:0:a.b.c.d (SIIT): judged by the IPv4 too.
  if (zeroUpTo(6)) return worst(classifyV4(embeddedV4(g6, g7)));
  if (zeroUpTo(4) && g[4] === GROUP_MAX && g5 === 0) return worst(classifyV4(embeddedV4(g6, g7)));
  // 64:ff9b::/96 NAT64 reaches the embedded IPv4 through the user's gateway.
  if (g0 === 0x64 && g1 === 0xff9b && g.slice(2, 6).every((x) => x === 0)) {
    return classifyV4(embeddedV4(g6, g7));
  }
  if (g0 === 0x64 && g1 === 0xff9b && g[2] === 1) return 'private'; // 64:ff9b:1::/48 local NAT64
  // 2002::/16 6to4 carries an IPv4 address in groups 1–2.
  if (g0 === 0x2002) return worst(classifyV4(embeddedV4(g1, g[2] ?? 0)));
  if ((g0 & 0xfe00) === 0xfc00) return 'private'; // fc00::/7 unique local
  if ((g0 & 0xffc0) === 0xfe80) return 'link-local'; // fe80::/10
  if ((g0 & 0xffc0) === 0xfec0) return 'private'; // fec0::/10 site-local (deprecated)
  if ((g0 & 0xff00) === 0xff00) return 'multicast'; // ff00::/8
  if (g0 === 0x2001 && g1 === 0x0db8) return 'reserved'; // documentation
  if (g0 === 0x3fff && (g1 & 0xf000) === 0) return 'reserved'; // 3fff::/20 documentation
  if (g0 === 0x2001 && g1 < 0x200) return 'reserved'; // 2001::/23 IETF protocol (Teredo, ORCHID…)
  if (g0 === 0x100 && g1 === 0 && g[2] === 0 && g[3] === 0) return 'reserved'; // discard-only
  if (g0 === 0) return 'reserved'; // the rest of ::/8 is reserved by IETF
  return 'public';
}

/** An embedded address that is public is still an odd way to name it: reserved, not public. */
function worst(kind: IpClass): IpClass {
  return kind === 'public' ? 'reserved' : kind;
}
