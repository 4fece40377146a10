import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { probeInstance } from '../../lib/probe/probe-instance';
import { probeMany } from '../../lib/probe/probe-many';
import { SERVICE_KEYS } from '../../lib/services/service-key';
import { startCobaltServer, type CobaltServer, type StartOptions } from '../support/cobalt-server';

/**
 * The probe over real HTTP on 127.0.0.1. cobalt-compatible answers come from the shared test
 * server; timing behaviours the test server does not offer for `GET /` (slow, hanging,
 * oversized, redirecting elsewhere) and the server-side count of open requests come from a
 * small plain server defined here.
 */

const fetch = globalThis.fetch.bind(globalThis);
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((close) => close()));
});

async function cobalt(options: StartOptions = {}): Promise<CobaltServer> {
  const server = await startCobaltServer(options);
  cleanups.push(() => server.close());
  return server;
}

/** Counts requests open at once across every plain server of a test. */
class OpenCounter {
  open = 0;
  max = 0;
  enter(): void {
    this.open++;
    this.max = Math.max(this.max, this.open);
  }
  leave(): void {
    this.open--;
  }
}

type Plan =
  | {
      kind: 'answer';
      delayMs: number;
      body?: string;
      status?: number;
      headers?: Record<string, string>;
    }
  | { kind: 'hang' };

const COBALT_BODY = JSON.stringify({
  cobalt: { version: '11.7.1', services: ['youtube'] },
  git: {},
});

/** A plain server answering every GET per `plan`; `counter` sees each request from arrival to close. */
async function plain(
  plan: Plan,
  counter = new OpenCounter(),
): Promise<{ origin: string; hits: () => number }> {
  let hits = 0;
  const server: Server = createServer((req, res) => {
    hits++;
    counter.enter();
    res.on('close', () => counter.leave());
    if (plan.kind === 'hang') return;
    setTimeout(() => {
      res.writeHead(plan.status ?? 200, { 'content-type': 'application/json', ...plan.headers });
      res.end(plan.body ?? COBALT_BODY);
    }, plan.delayMs);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, hits: () => hits };
}

describe('probeInstance over HTTP', () => {
  it.each<[string, StartOptions, object]>([
    ['11.7.1', { version: '11.7.1' }, { generation: 'v11', version: '11.7.1', turnstile: false }],
    ['11.0.0', { version: '11.0.0' }, { generation: 'v11', version: '11.0.0' }],
    ['10.9.4', { version: '10.9.4' }, { generation: 'v10', version: '10.9.4' }],
    ['Turnstile', { turnstileSitekey: '0x4AAAAAAAtest' }, { generation: 'v11', turnstile: true }],
    [
      'a reduced services list',
      { services: ['youtube', 'twitch clips', 'bluesky'] },
      { services: ['youtube', 'twitch', 'bsky'] },
    ],
  ])('detects %s', async (_name, options, expected) => {
    const server = await cobalt(options);
    const result = await probeInstance({ fetch, origin: server.origin, timeoutMs: 5000 });
    expect(result).toMatchObject({ origin: server.origin, ok: true, ...expected });
    expect(result.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it('reads every service of a default 11.7.1 instance', async () => {
    const server = await cobalt();
    const result = await probeInstance({ fetch, origin: server.origin, timeoutMs: 5000 });
    expect([...(result.services ?? [])].sort()).toEqual([...SERVICE_KEYS].sort());
  });

  it('v7: fetches /api/serverInfo explicitly after the 302', async () => {
    const server = await cobalt({ version: '7.15' });
    const result = await probeInstance({ fetch, origin: server.origin, timeoutMs: 5000 });
    expect(result).toMatchObject({
      ok: true,
      generation: 'v7',
      version: '7.15',
      services: null,
      turnstile: false,
    });
    expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /',
      'GET /api/serverInfo',
    ]);
  });

  it('carries no user data: one bare GET /, no key, no cookie, no body', async () => {
    const server = await cobalt();
    await probeInstance({ fetch, origin: server.origin, timeoutMs: 5000 });
    expect(server.requests).toHaveLength(1);
    const [request] = server.requests;
    expect(request).toMatchObject({ method: 'GET', path: '/', body: '' });
    expect(request?.headers.authorization).toBeUndefined();
    expect(request?.headers.cookie).toBeUndefined();
  });

  it.each<[string, StartOptions['behavior']]>([
    ['an HTML block page', { kind: 'html-error', status: 403 }],
    ['a 502 from a reverse proxy', { kind: 'server-error', status: 502 }],
    ['a refused connection', { kind: 'refuse' }],
  ])('fails on %s', async (_name, behavior) => {
    const server = await cobalt({ behavior });
    const result = await probeInstance({ fetch, origin: server.origin, timeoutMs: 5000 });
    expect(result).toMatchObject({ ok: false, latencyMs: null, generation: 'unknown' });
    expect(result.error).toBeTruthy();
  });

  it('times out on a hanging server', async () => {
    const { origin } = await plain({ kind: 'hang' });
    const started = Date.now();
    const result = await probeInstance({ fetch, origin, timeoutMs: 300 });
    expect(result).toMatchObject({ ok: false, error: 'No answer within 300 ms' });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('a sweep cuts a stuck probe once it has seen enough answers, never a probe before that', async () => {
    // 10 quick instances, then a hanging one: probed one at a time, in this order (cap 1).
    const quick = await Promise.all(
      Array.from({ length: 10 }, () => plain({ kind: 'answer', delayMs: 5 })),
    );
    const stuck = await plain({ kind: 'hang' });
    const early = await plain({ kind: 'hang' });
    const table = await probeMany({
      fetch,
      origins: [early.origin, ...quick.map((q) => q.origin), stuck.origin],
      concurrency: 1,
      timeoutMs: 2000,
    });
    // Before any answer: the full timeout. After ten fast answers: half of it (the floor).
    expect(table[early.origin]).toMatchObject({ ok: false, error: 'No answer within 2000 ms' });
    expect(table[stuck.origin]).toMatchObject({ ok: false, error: 'No answer within 1000 ms' });
    expect(quick.every((q) => table[q.origin]?.ok)).toBe(true);
  });

  it('measures latency', async () => {
    const { origin } = await plain({ kind: 'answer', delayMs: 150 });
    const result = await probeInstance({ fetch, origin, timeoutMs: 5000 });
    expect(result.ok).toBe(true);
    expect(result.latencyMs).toBeGreaterThanOrEqual(140);
  });

  it('refuses an oversized answer', async () => {
    const { origin } = await plain({
      kind: 'answer',
      delayMs: 0,
      body: ' '.repeat(100_000) + COBALT_BODY,
    });
    expect(await probeInstance({ fetch, origin, timeoutMs: 5000 })).toMatchObject({ ok: false });
  });

  it('does not follow a redirect to another origin', async () => {
    const target = await plain({ kind: 'answer', delayMs: 0 });
    const { origin } = await plain({
      kind: 'answer',
      delayMs: 0,
      status: 302,
      body: '',
      headers: { location: `${target.origin}/` },
    });
    const result = await probeInstance({ fetch, origin, timeoutMs: 5000 });
    expect(result).toMatchObject({ ok: false, error: 'Redirects to another site' });
    expect(target.hits()).toBe(0);
  });
});

describe('probeMany over HTTP', () => {
  it('keeps at most `concurrency` requests open (counted server-side) and the pool full', async () => {
    const counter = new OpenCounter();
    const cap = 5;
    const timeoutMs = 400;
    // 40 instances: latencies 20–98 ms, every tenth hangs until the timeout.
    const plans: Plan[] = Array.from({ length: 40 }, (_, i) =>
      i % 10 === 3 ? { kind: 'hang' } : { kind: 'answer', delayMs: 20 + ((i * 37) % 79) },
    );
    const servers = await Promise.all(plans.map((plan) => plain(plan, counter)));
    const ideal =
      plans.reduce((sum, p) => sum + (p.kind === 'hang' ? timeoutMs : p.delayMs), 0) / cap;

    const started = Date.now();
    const table = await probeMany({
      fetch,
      origins: servers.map((s) => s.origin),
      concurrency: cap,
      timeoutMs,
    });
    const wall = Date.now() - started;

    expect(counter.max).toBe(cap);
    expect(Object.keys(table)).toHaveLength(plans.length);
    plans.forEach((plan, i) => {
      expect(table[servers[i]!.origin]?.ok).toBe(plan.kind !== 'hang');
    });
    // A pool that never idles finishes within sum/cap plus one longest task (the list-
    // scheduling bound: here about 1,160 ms); batches of `cap` would need about 2,000 ms (a
    // hang in every other batch). 300 ms absorbs connection setup on a busy machine.
    expect(wall).toBeLessThan(ideal + timeoutMs + 300);
  });

  it('reuses fresh cached results without a request, and re-probes stale ones', async () => {
    const servers = await Promise.all([
      cobalt(),
      cobalt({ version: '10.9.4' }),
      cobalt({ version: '7.15' }),
    ]);
    const origins = servers.map((s) => s.origin);
    const first = await probeMany({ fetch, origins });
    expect(origins.map((o) => first[o]?.generation)).toEqual(['v11', 'v10', 'v7']);
    const requestsAfterFirst = servers.map((s) => s.requests.length);

    const second = await probeMany({ fetch, origins, cache: first });
    expect(second).toEqual(first);
    expect(servers.map((s) => s.requests.length)).toEqual(requestsAfterFirst);

    const third = await probeMany({ fetch, origins, cache: first, cacheMs: 0 });
    expect(servers.map((s) => s.requests.length)).toEqual(requestsAfterFirst.map((n) => n * 2));
    expect(origins.map((o) => third[o]?.generation)).toEqual(['v11', 'v10', 'v7']);
  });
});
