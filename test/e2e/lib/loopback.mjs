// Keeping the browsers on 127.0.0.1 (docs/testing.md "How the browsers are kept on loopback").
//
// Both browsers are configured to send every request for a host other than 127.0.0.1 to this
// "egress guard": an HTTP proxy on 127.0.0.1 that answers nothing but 502 and forwards nothing.
// So nothing can leave the machine, and the guard's log is the browser's request log for
// everything that tried to: the extension's service worker / background page included, which
// page-level interception would not see. Chromium additionally maps every host name to
// NOTFOUND except 127.0.0.1 (--host-resolver-rules), in case anything bypassed the proxy.
//
// Service pages (https://www.youtube.com/watch?v=…) never reach the guard: they are answered
// inside the browser by request interception (lib/pages.mjs).
//
// The test servers are addressed by name, `h<port>.cobalt.test:<port>` (test/support/
// loopback-names.ts), so the extension meets them as community instances on public-looking
// hosts: its rule that a tracker-listed instance on a loopback or private address is never
// contacted holds here too. Chromium resolves those names to 127.0.0.1 itself
// (--host-resolver-rules); Firefox sends them to the guard, which forwards exactly those (plain
// http, to 127.0.0.1 on the same port) and nothing else.
import http from 'node:http';

const LOOPBACK_NAME = /^h\d+\.(cobalt|ungranted)\.test$/;

/** Forwards one absolute-form proxy request for a loopback name to 127.0.0.1 on its port. */
function forwardToLoopback(req, res, target) {
  const upstream = http.request(
    {
      host: '127.0.0.1',
      port: Number(target.port || 80),
      method: req.method,
      path: `${target.pathname}${target.search}`,
      headers: req.headers,
    },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      // An answer cut off upstream is cut off for the browser too, as on a real network path.
      answer.on('aborted', () => res.destroy());
      answer.on('error', () => res.destroy());
      answer.pipe(res);
    },
  );
  upstream.on('error', () => res.destroy());
  res.on('close', () => upstream.destroy());
  req.pipe(upstream);
}

/** Hosts the browsers contact on their own (updates, safe browsing, remote settings…). */
const BROWSER_NOISE =
  /(^|\.)(google\.com|googleapis\.com|gstatic\.com|gvt1\.com|googleusercontent\.com|google-analytics\.com|doubleclick\.net|chromium\.org|mozilla\.(com|net|org)|firefox\.com|mozaws\.net|mozgcp\.net|services\.mozilla\.com|digicert\.com|letsencrypt\.org|lencr\.org|pki\.goog|detectportal\.firefox\.com)$/i;

export async function startEgressGuard() {
  /** @type {{at: number, method: string, host: string, url: string}[]} */
  const log = [];
  const server = http.createServer((req, res) => {
    let host;
    let target = null;
    try {
      target = new URL(req.url);
      host = target.hostname;
    } catch {
      host = req.headers.host ?? '';
    }
    if (target && target.protocol === 'http:' && LOOPBACK_NAME.test(host)) {
      forwardToLoopback(req, res, target);
      return;
    }
    log.push({ at: Date.now(), method: req.method, host, url: req.url });
    res.writeHead(502, { 'content-type': 'text/plain', connection: 'close' });
    res.end('e2e egress guard: the network is closed');
  });
  server.on('connect', (req, socket) => {
    const host = String(req.url)
      .replace(/:\d+$/, '')
      .replace(/^\[|\]$/g, '');
    log.push({ at: Date.now(), method: 'CONNECT', host, url: req.url });
    socket.on('error', () => {});
    socket.end('HTTP/1.1 502 Bad Gateway\r\nconnection: close\r\n\r\n');
  });
  server.on('clientError', (_err, socket) => socket.destroy());
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    log,
    /** Index to read `since()` from. */
    mark: () => log.length,
    since: (index) => log.slice(index),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}

function isBrowserNoise(host) {
  return BROWSER_NOISE.test(host);
}

/** Chromium switches that route everything but 127.0.0.1 into the guard. */
export function chromiumLoopbackArgs(guardPort) {
  return [
    `--proxy-server=http://127.0.0.1:${guardPort}`,
    // Chromium never proxies loopback by default; say so explicitly.
    '--proxy-bypass-list=127.0.0.1;*.cobalt.test;*.ungranted.test',
    '--host-resolver-rules=MAP *.cobalt.test 127.0.0.1, MAP *.ungranted.test 127.0.0.1, MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-domain-reliability',
    '--disable-client-side-phishing-detection',
    '--no-pings',
    '--disable-quic',
  ];
}

/** Firefox prefs that route everything but 127.0.0.1 into the guard. */
export function firefoxLoopbackPrefs(guardPort) {
  return {
    'network.proxy.type': 1,
    'network.proxy.http': '127.0.0.1',
    'network.proxy.http_port': guardPort,
    'network.proxy.ssl': '127.0.0.1',
    'network.proxy.ssl_port': guardPort,
    'network.proxy.share_proxy_settings': true,
    'network.proxy.no_proxies_on': '127.0.0.1',
    'network.proxy.allow_hijacking_localhost': false,
    'network.proxy.socks_remote_dns': true,
    'network.dns.disablePrefetch': true,
    'network.prefetch-next': false,
    'network.http.speculative-parallel-limit': 0,
    'network.captive-portal-service.enabled': false,
    'network.connectivity-service.enabled': false,
    'browser.safebrowsing.malware.enabled': false,
    'browser.safebrowsing.phishing.enabled': false,
    'browser.safebrowsing.downloads.enabled': false,
    'browser.safebrowsing.downloads.remote.enabled': false,
    'browser.safebrowsing.blockedURIs.enabled': false,
    'browser.safebrowsing.provider.google4.updateURL': '',
    'browser.safebrowsing.provider.google.updateURL': '',
    'extensions.update.enabled': false,
    'extensions.getAddons.cache.enabled': false,
    'app.update.enabled': false,
    'services.settings.server': 'http://127.0.0.1:1/remote-settings-disabled',
    'toolkit.telemetry.enabled': false,
    'datareporting.healthreport.uploadEnabled': false,
    'browser.ping-centre.telemetry': false,
    'network.trr.mode': 5,
  };
}

/**
 * The loopback invariants over one scenario's slice of the guard log:
 * - every attempt was refused (by construction: the guard forwards nothing);
 * - no service page or media host ever reached the network (`forbiddenHosts`: the page hosts the
 *   scenario used, so a page address can only have reached our servers);
 * - the extension's attempts are listed for the report (tracker and bundled-instance hosts are
 *   expected to be tried and refused on a first run).
 * Returns the non-noise hosts that were attempted.
 */
export function checkEgress(entries, { forbiddenHosts = [] } = {}) {
  const attempted = new Set();
  const problems = [];
  const forbidden = new Set(forbiddenHosts.map((h) => h.toLowerCase()));
  for (const entry of entries) {
    const host = entry.host.toLowerCase();
    if (isBrowserNoise(host)) continue;
    attempted.add(host);
    if (forbidden.has(host)) problems.push(`${entry.method} ${entry.url}`);
  }
  if (problems.length) {
    throw new Error(
      `requests for page/service hosts tried to leave 127.0.0.1 (refused by the guard): ${problems.join(', ')}`,
    );
  }
  return [...attempted].sort();
}
