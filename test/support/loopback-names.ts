import dns from 'node:dns';

/**
 * Test servers listen on 127.0.0.1 but are addressed by NAME (`http://h<port>.cobalt.test:<port>`),
 * so the extension meets them as it meets community instances: through a tracker, on a public
 * looking host. The shipped rule that a tracker-listed instance on a loopback or private address
 * is never contacted (lib/safety/local-origin.ts, lib/rank/check-filters.ts) then holds in every
 * test without any relaxation. `.test` is reserved for testing (RFC 6761 §6.2), so nothing real
 * is ever named this way.
 *
 * Resolution: Node's fetch (undici) and node:http connect through `dns.lookup`, which is wrapped
 * here, for this process, to answer 127.0.0.1 for these names and only these; every other name
 * resolves as before (and the fetch guards refuse anything that is not loopback). The e2e suite
 * maps the same names in the browsers (test/e2e/lib/loopback.mjs).
 */
const LOOPBACK_DOMAIN = 'cobalt.test';
/**
 * A second loopback domain, outside the e2e build's host permissions (`*.cobalt.test`,
 * wxt.config.ts): an instance named here meets the browser's CORS check, as a community instance
 * does (the "needs permission" scenario, test/e2e/scenarios/permission.mjs).
 */
const UNGRANTED_DOMAIN = 'ungranted.test';
const DOMAINS = [LOOPBACK_DOMAIN, UNGRANTED_DOMAIN];

/** `http://h<port>.cobalt.test:<port>`: the name a test server at 127.0.0.1:<port> is reached by. */
export function loopbackOrigin(port: number, domain: string = LOOPBACK_DOMAIN): string {
  return `http://h${port}.${domain}:${port}`;
}

/** 127.0.0.1 itself, or a name that resolves to it here. */
export function isLoopbackHost(hostname: string): boolean {
  return hostname === '127.0.0.1' || DOMAINS.some((domain) => hostname.endsWith(`.${domain}`));
}

const WRAPPED = Symbol.for('cobalt-picker.loopback-names');

type LookupCallback = (error: Error | null, address: unknown, family?: number) => void;
type Lookup = typeof dns.lookup & { [WRAPPED]?: true };

function install(): void {
  const original = dns.lookup as Lookup;
  if (original[WRAPPED]) return;
  const wrapped = function (hostname: string, options: unknown, callback?: unknown) {
    const cb = (typeof options === 'function' ? options : callback) as LookupCallback;
    const opts = (typeof options === 'object' && options !== null ? options : {}) as {
      all?: boolean;
    };
    if (typeof hostname === 'string' && isLoopbackHost(hostname) && hostname !== '127.0.0.1') {
      if (opts.all) process.nextTick(cb, null, [{ address: '127.0.0.1', family: 4 }]);
      else process.nextTick(cb, null, '127.0.0.1', 4);
      return;
    }
    return (original as (...args: unknown[]) => unknown)(hostname, options, callback);
  };
  dns.lookup = Object.assign(wrapped, { [WRAPPED]: true as const }) as unknown as Lookup;
}

install();
