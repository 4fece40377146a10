import { probeInstance } from '../../lib/probe/probe-instance';
import { browserCorsFetch } from '../support/browser-cors-fetch';
import { startCobaltServer, type CobaltServer, type StartOptions } from '../support/cobalt-server';

/**
 * What the probe learns from an instance's own `GET /` over real HTTP on 127.0.0.1, as the
 * extension's background would see it (test/support/browser-cors-fetch.ts models the browser's
 * CORS check): whether its answers are closed to the extension without host access, the code it
 * runs (`git.remote`), and the services it lists.
 */

const EXTENSION = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop';
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((close) => close()));
});

async function cobalt(options: StartOptions = {}): Promise<CobaltServer> {
  const server = await startCobaltServer(options);
  cleanups.push(() => server.close());
  return server;
}

function probe(server: CobaltServer, granted: readonly string[] = []) {
  return probeInstance({
    fetch: browserCorsFetch({
      extensionOrigin: EXTENSION,
      hasHostAccess: (origin) => granted.includes(origin),
    }),
    origin: server.origin,
    timeoutMs: 3000,
  });
}

describe('probe: instances that restrict CORS', () => {
  it.each([
    {
      name: 'wildcard CORS (the default), no host access',
      corsUrl: null,
      granted: false,
      ok: true,
      needsHostAccess: undefined,
    },
    {
      name: 'CORS_URL only, no host access',
      corsUrl: 'https://cobalt.example',
      granted: false,
      ok: false,
      needsHostAccess: true,
    },
    {
      name: 'CORS_URL only, host access granted',
      corsUrl: 'https://cobalt.example',
      granted: true,
      ok: true,
      needsHostAccess: undefined,
    },
  ])('$name', async ({ corsUrl, granted, ok, needsHostAccess }) => {
    const server = await cobalt({ corsUrl });
    const result = await probe(server, granted ? [server.origin] : []);
    expect(result.ok).toBe(ok);
    expect(result.needsHostAccess).toBe(needsHostAccess);
    if (ok) expect(result.version).toBe('11.7.1');
  });

  it('an instance that does not answer at all is down, not closed', async () => {
    const server = await cobalt({ corsUrl: 'https://cobalt.example' });
    await server.setBehavior({ kind: 'refuse' });
    const result = await probe(server);
    expect(result.ok).toBe(false);
    expect(result.needsHostAccess).toBeUndefined();
  });

  it('the closed instance got one readable GET / and one no-cors GET /, nothing else', async () => {
    const server = await cobalt({ corsUrl: 'https://cobalt.example' });
    await probe(server);
    expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /', 'GET /']);
    expect(server.requests[0]?.headers.origin).toBe(EXTENSION);
  });
});

describe('probe: codebase and services from GET /', () => {
  it.each([
    { remote: 'imputnet/cobalt', codebase: 'imputnet/cobalt' },
    { remote: 'someone/cobalt-fork', codebase: 'someone/cobalt-fork' },
    { remote: null, codebase: null },
  ])('git.remote $remote → codebase $codebase', async ({ remote, codebase }) => {
    const server = await cobalt({ gitRemote: remote });
    const result = await probe(server);
    expect(result.ok).toBe(true);
    expect(result.codebase).toBe(codebase);
  });

  it.each([
    {
      name: 'YouTube turned off (DISABLED_SERVICES), as on the official instance since 2026-03',
      listed: ['tiktok', 'twitter', 'bluesky'],
      services: ['bsky', 'tiktok', 'twitter'],
    },
    {
      name: 'an older instance still listing xiaohongshu (removed from cobalt): not a service we offer',
      listed: ['youtube', 'xiaohongshu'],
      services: ['youtube'],
    },
  ])('services: $name', async ({ listed, services }) => {
    const server = await cobalt({ services: listed });
    expect((await probe(server)).services?.sort()).toEqual(services);
  });
});
