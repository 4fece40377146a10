import { classifyIpHost } from './ip-literal';

/**
 * The registrable domain of a host ("eTLD+1"): the part one owner controls. Used only to decide
 * whether the API URL an instance reports (`cobalt.url` in `GET /`) belongs to the same owner
 * as the origin we reached it on (lib/safety/download-target.ts).
 *
 * Why not the full Public Suffix List: it is ~200 KB for one comparison, and the mistake that
 * matters here goes one way only. Taking too FEW labels (calling `co.uk` registrable) would let
 * `evil.co.uk` pass for `instance.co.uk`; taking too many only refuses a tunnel on a sibling
 * host, which then fails over. So this errs long: two labels, three under a two-letter country
 * code whose second level is a generic one (`co.uk`, `com.au`, `ne.jp`…), and one more under the
 * shared hosting suffixes cobalt instances are commonly deployed on (each customer there is a
 * different owner). An IP literal is its own registrable domain.
 */
const GENERIC_SECOND_LEVEL = new Set([
  'ac',
  'co',
  'com',
  'edu',
  'gov',
  'go',
  'gob',
  'gv',
  'mil',
  'ne',
  'net',
  'nom',
  'or',
  'org',
  'ltd',
  'plc',
  'sch',
  'me',
  'info',
  'biz',
  'web',
  'blog',
  'in',
  'int',
]);

/** Suffixes under which every subdomain is a different customer (from the Public Suffix List's private section). */
const SHARED_HOSTING = [
  'github.io',
  'gitlab.io',
  'pages.dev',
  'workers.dev',
  'vercel.app',
  'netlify.app',
  'herokuapp.com',
  'fly.dev',
  'onrender.com',
  'up.railway.app',
  'koyeb.app',
  'deno.dev',
  'glitch.me',
  'replit.app',
  'repl.co',
  'trycloudflare.com',
  'ngrok.io',
  'ngrok-free.app',
  'ngrok.app',
  'duckdns.org',
  'serveo.net',
  'loca.lt',
  'azurewebsites.net',
  'cloudfront.net',
  'appspot.com',
  'run.app',
  'web.app',
  'firebaseapp.com',
  'hf.space',
  'nip.io',
  'sslip.io',
];

export function registrableDomain(hostname: string): string {
  const host = hostname.replace(/\.$/, '').toLowerCase();
  if (classifyIpHost(host) !== null) return host;
  const labels = host.split('.');
  const shared = SHARED_HOSTING.find((suffix) => host.endsWith(`.${suffix}`));
  if (shared !== undefined) return labels.slice(-(shared.split('.').length + 1)).join('.');
  const tld = labels.at(-1) ?? '';
  const second = labels.at(-2) ?? '';
  const take = tld.length === 2 && GENERIC_SECOND_LEVEL.has(second) ? 3 : 2;
  return labels.slice(-take).join('.');
}
