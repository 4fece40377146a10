import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildRequest } from '../../lib/cobalt/build-request';
import type { AttemptOutcome } from '../../lib/cobalt/cobalt-result';
import { requestInstance, type RequestInstanceInput } from '../../lib/cobalt/request-instance';
import { httpRequest, parseJson } from '../../lib/net/http';
import { parseLegacyServerInfo, parseServerInfo } from '../../lib/probe/parse-server-info';
import { sanitizeFilename } from '../../lib/safety/sanitize-filename';
import { DownloadOptionsSchema, type DownloadOptions } from '../../lib/settings/schema';
import {
  startCobaltServer,
  type Behavior,
  type CobaltServer,
  type CobaltServerVersion,
  type StartOptions,
} from '../support/cobalt-server';

/**
 * lib/cobalt over real HTTP against the test server on 127.0.0.1 (docs/rules.md "How we know it
 * works"): each version's strict schema accepts our body for it and rejects a body built for
 * another version, every behaviour maps to the right classification, an API key never leaves
 * its origin, and a tunnel is downloaded as real bytes under a sanitised filename.
 */

const LINK = 'https://www.youtube.com/watch?v=dQw4w9WgXcQ';
const TIKTOK = 'https://www.tiktok.com/@user/video/7000000000000000000';
const KEY = '582f214c-8531-40d5-9a5c-7f51ae99319d';
const OTHER_KEY = '00000000-1111-4222-8333-444444444444';
const DEFAULTS = DownloadOptionsSchema.parse({});
const opts = (patch: Partial<DownloadOptions> = {}): DownloadOptions => ({ ...DEFAULTS, ...patch });
const fetchImpl = globalThis.fetch.bind(globalThis);

const servers: CobaltServer[] = [];
async function server(options: StartOptions = {}): Promise<CobaltServer> {
  const started = await startCobaltServer(options);
  servers.push(started);
  return started;
}
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

function attempt(
  target: CobaltServer,
  patch: Partial<RequestInstanceInput> = {},
): Promise<AttemptOutcome> {
  return requestInstance({
    fetch: fetchImpl,
    origin: target.origin,
    version: target.config.version,
    url: LINK,
    options: DEFAULTS,
    timeoutMs: 5000,
    ...patch,
  });
}

function lastBody(target: CobaltServer): Record<string, unknown> {
  const last = target.requests.at(-1);
  return JSON.parse(last?.body ?? 'null') as Record<string, unknown>;
}

/** Settings that differ from defaults in every way each version can express. */
const RICH: Record<CobaltServerVersion, Partial<DownloadOptions>> = {
  '7.15': {
    downloadMode: 'audio',
    videoQuality: '720',
    audioFormat: 'opus',
    youtubeVideoCodec: 'vp9',
    filenameStyle: 'nerdy',
    allowH265: true,
    convertGif: false,
    tiktokFullAudio: true,
    disableMetadata: true,
  },
  '10.9.4': {
    downloadMode: 'mute',
    videoQuality: '2160',
    audioBitrate: '320',
    youtubeDubLang: 'pt-BR',
    filenameStyle: 'pretty',
    allowH265: true,
    convertGif: false,
    alwaysProxy: true,
    youtubeHLS: true,
  },
  '11.0.0': {
    downloadMode: 'audio',
    audioFormat: 'best',
    allowH265: true,
    convertGif: false,
    youtubeBetterAudio: true,
    filenameStyle: 'classic',
  },
  '11.7.1': {
    downloadMode: 'auto',
    localProcessing: 'prefer',
    youtubeVideoContainer: 'webm',
    subtitleLang: 'en',
    allowH265: true,
    convertGif: false,
    youtubeBetterAudio: true,
    filenameStyle: 'classic',
  },
};

describe('each version accepts the body built for it', () => {
  it.each(Object.keys(RICH) as CobaltServerVersion[])('%s', async (version) => {
    const instance = await server({ version });
    const options = opts(RICH[version]);
    const outcome = await attempt(instance, { options });
    expect(outcome.ok).toBe(true);

    const built = buildRequest({ origin: instance.origin, version, url: LINK, options });
    if (!built.ok) throw new Error(built.error.code);
    const sent = instance.requests.at(-1);
    expect(sent?.method).toBe('POST');
    expect(sent?.path).toBe(version === '7.15' ? '/api/json' : '/');
    expect(sent?.body).toBe(built.request.body);
    expect(sent?.headers.accept).toBe('application/json');
    expect(sent?.headers['content-type']).toBe('application/json');
    expect(sent?.headers).not.toHaveProperty('authorization');
    // every setting made it into the body under this version's names
    expect(Object.keys(lastBody(instance)).length).toBeGreaterThan(4);
  });

  it.each(Object.keys(RICH) as CobaltServerVersion[])(
    '%s: minimal body for defaults',
    async (version) => {
      const instance = await server({ version });
      expect(await attempt(instance)).toMatchObject({ ok: true });
    },
  );

  it('an unknown version gets {url}, which every v10+ version accepts', async () => {
    for (const version of ['10.9.4', '11.0.0', '11.7.1'] as const) {
      const instance = await server({ version });
      const outcome = await attempt(instance, {
        version: 'my-fork-2',
        options: opts(RICH['11.7.1']),
      });
      expect(outcome.ok).toBe(true);
      expect(lastBody(instance)).toEqual({ url: LINK });
    }
  });

  it('a long link still fits in 1024 bytes with the keys that matter', async () => {
    const instance = await server();
    const url = `${LINK}&pad=${'a'.repeat(900)}`;
    const outcome = await attempt(instance, {
      url,
      options: opts({ downloadMode: 'audio', subtitleLang: 'en', youtubeHLS: true }),
    });
    expect(outcome.ok).toBe(true);
    expect(instance.requests.at(-1)?.body.length).toBeLessThanOrEqual(1024);
    expect(lastBody(instance)).toMatchObject({ url, downloadMode: 'audio' });
  });
});

describe('a body built for another version is rejected, as the real one does', () => {
  it.each<[string, string, CobaltServerVersion, Partial<DownloadOptions>, string]>([
    [
      'twitterGif (10.x) to 11.2+',
      '10.9.4',
      '11.7.1',
      { convertGif: false },
      'error.api.invalid_body',
    ],
    [
      'tiktokH265 (10.x) to 11.2+',
      '10.9.4',
      '11.7.1',
      { allowH265: true },
      'error.api.invalid_body',
    ],
    [
      'localProcessing (11.2+) to 10.x',
      '11.7.1',
      '10.9.4',
      { localProcessing: 'prefer' },
      'error.api.invalid_body',
    ],
    [
      'allowH265 (11.0+) to 10.x',
      '11.0.0',
      '10.9.4',
      { allowH265: true },
      'error.api.invalid_body',
    ],
    [
      'youtubeBetterAudio (11.0+) to 10.x',
      '11.0.0',
      '10.9.4',
      { youtubeBetterAudio: true },
      'error.api.invalid_body',
    ],
    [
      'subtitleLang (11.2+) to 11.0',
      '11.7.1',
      '11.0.0',
      { subtitleLang: 'en' },
      'error.api.invalid_body',
    ],
    [
      'localProcessing enum (11.2+) to 11.0',
      '11.7.1',
      '11.0.0',
      { localProcessing: 'prefer' },
      'error.api.invalid_body',
    ],
    [
      'youtubeVideoContainer (11.2+) to 11.0',
      '11.7.1',
      '11.0.0',
      { youtubeVideoContainer: 'mkv' },
      'error.api.invalid_body',
    ],
    // POST /api/json is not a route on v10+: Express's HTML 404 "Cannot POST"
    ['a v7 request to 11.7.1', '7.15', '11.7.1', {}, 'client.bad_response'],
    ['a v7 request to 10.x', '7.15', '10.9.4', {}, 'client.bad_response'],
    // and POST / is not a route on v7
    ['a v11 request to v7', '11.7.1', '7.15', {}, 'client.bad_response'],
  ])('%s', async (_name, builtFor, serverVersion, patch, code) => {
    const instance = await server({ version: serverVersion });
    const outcome = await attempt(instance, { version: builtFor, options: opts(patch) });
    expect(outcome).toMatchObject({ ok: false, error: { code } });
    if (code === 'error.api.invalid_body')
      expect(outcome).toMatchObject({ error: { action: 'fix' } });
  });

  it('v7 keys on POST / of 11.7.1 are an invalid body', async () => {
    const instance = await server();
    const res = await fetchImpl(`${instance.origin}/`, {
      method: 'POST',
      headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
      body: JSON.stringify({ url: LINK, vQuality: '720', isAudioOnly: true }),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      status: 'error',
      error: { code: 'error.api.invalid_body' },
    });
  });

  it('the HTML 404 for POST /api/json on v10+ is the real "Cannot POST" page', async () => {
    const instance = await server({ version: '10.9.4' });
    const res = await fetchImpl(`${instance.origin}/api/json`, { method: 'POST', body: '{}' });
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await res.text()).toContain('<pre>Cannot POST /api/json</pre>');
  });
});

describe('each behaviour → the right outcome', () => {
  it.each<[string, StartOptions, Partial<RequestInstanceInput>, Record<string, unknown>]>([
    [
      'healthy tunnel',
      { behavior: { kind: 'healthy', delayMs: 20 } },
      {},
      { ok: true, result: { status: 'tunnel' } },
    ],
    [
      'healthy redirect',
      { behavior: { kind: 'healthy', result: 'redirect' } },
      {},
      { ok: true, result: { status: 'redirect' } },
    ],
    [
      'alwaysProxy turns a redirect into a tunnel',
      { behavior: { kind: 'healthy', result: 'redirect' } },
      { options: opts({ alwaysProxy: true }) },
      { ok: true, result: { status: 'tunnel' } },
    ],
    [
      'picker with audio',
      { behavior: { kind: 'healthy', result: 'picker' } },
      { url: TIKTOK },
      { ok: true, result: { status: 'picker', audioFilename: 'tiktok_audio.mp3' } },
    ],
    [
      'prefer asks 11.x for the parts of a merge',
      { behavior: { kind: 'healthy', result: 'tunnel-merge' } },
      { options: opts({ localProcessing: 'prefer' }) },
      { ok: true, result: { status: 'local-processing', type: 'merge' } },
    ],
    [
      'prefer on 11.0 (the boolean) asks for the parts too',
      { version: '11.0.0', behavior: { kind: 'healthy', result: 'tunnel-merge' } },
      { options: opts({ localProcessing: 'prefer' }) },
      { ok: true, result: { status: 'local-processing', type: 'merge' } },
    ],
    [
      'prefer leaves a plain proxy a tunnel',
      {},
      { options: opts({ localProcessing: 'prefer' }) },
      { ok: true, result: { status: 'tunnel' } },
    ],
    [
      'instance forces local-processing on a merge',
      { forceLocalProcessing: true, behavior: { kind: 'healthy', result: 'tunnel-merge' } },
      {},
      { ok: true, result: { status: 'local-processing', type: 'merge' } },
    ],
    [
      'instance forcing local-processing, default answer',
      { forceLocalProcessing: true },
      {},
      { ok: true, result: { status: 'local-processing', type: 'merge' } },
    ],
    [
      'instance forcing local-processing leaves a plain proxy a tunnel',
      { forceLocalProcessing: true, behavior: { kind: 'healthy', result: 'tunnel' } },
      {},
      { ok: true, result: { status: 'tunnel' } },
    ],
    [
      '10.x has no local-processing',
      {
        version: '10.9.4',
        forceLocalProcessing: true,
        behavior: { kind: 'healthy', result: 'tunnel-merge' },
      },
      {},
      { ok: true, result: { status: 'tunnel' } },
    ],
    [
      'slow beyond the timeout',
      { behavior: { kind: 'slow', delayMs: 2000 } },
      { timeoutMs: 200 },
      { ok: false, error: { code: 'client.timeout', action: 'failover', errorClass: 'instance' } },
    ],
    [
      'hanging',
      { behavior: { kind: 'hang' } },
      { timeoutMs: 200 },
      { ok: false, error: { code: 'client.timeout' } },
    ],
    [
      'refusing',
      { behavior: { kind: 'refuse' } },
      {},
      { ok: false, error: { code: 'client.refused', action: 'failover' } },
    ],
    [
      '5xx text',
      { behavior: { kind: 'server-error', status: 503 } },
      {},
      { ok: false, error: { code: 'client.http_5xx', action: 'failover' } },
    ],
    [
      '5xx critical JSON',
      { behavior: { kind: 'server-error', status: 500, body: 'critical-json' } },
      {},
      { ok: false, error: { code: 'error.api.fetch.critical.core', action: 'failover' } },
    ],
    [
      'HTML error page',
      { behavior: { kind: 'html-error', status: 403 } },
      {},
      { ok: false, error: { code: 'client.bad_response', action: 'failover' } },
    ],
    [
      'content error: private post',
      { behavior: { kind: 'error', code: 'error.api.content.post.private' } },
      {},
      {
        ok: false,
        error: { code: 'error.api.content.post.private', action: 'stop', errorClass: 'content' },
      },
    ],
    [
      'content error: region (the instance’s location)',
      { behavior: { kind: 'error', code: 'error.api.content.video.region' } },
      {},
      { ok: false, error: { action: 'failover', errorClass: 'instance' } },
    ],
    [
      'fetch.fail with service context',
      {
        behavior: { kind: 'error', code: 'error.api.fetch.fail', context: { service: 'youtube' } },
      },
      {},
      {
        ok: false,
        error: {
          code: 'error.api.fetch.fail',
          context: { service: 'youtube' },
          action: 'failover',
        },
      },
    ],
    [
      'an unknown code (a fork)',
      { behavior: { kind: 'error', code: 'error.api.fork.special' } },
      {},
      {
        ok: false,
        error: { code: 'error.api.fork.special', action: 'failover', unrecognised: true },
      },
    ],
    [
      'not a service',
      {},
      { url: 'https://example.com/video' },
      { ok: false, error: { code: 'error.api.link.invalid', action: 'stop' } },
    ],
    [
      'a service path cobalt does not handle',
      {},
      { url: 'https://www.youtube.com/playlist?list=PL1' },
      { ok: false, error: { code: 'error.api.link.unsupported', context: { service: 'youtube' } } },
    ],
    [
      'API key required, none given',
      { apiKeys: [KEY], authRequired: true },
      {},
      { ok: false, error: { code: 'error.api.auth.key.missing', remedy: 'add-key' } },
    ],
    [
      'API key required, unknown key',
      { apiKeys: [KEY], authRequired: true },
      { apiKey: OTHER_KEY },
      { ok: false, error: { code: 'error.api.auth.key.not_found', remedy: 'fix-key' } },
    ],
    [
      'API key required, right key',
      { apiKeys: [KEY], authRequired: true },
      { apiKey: KEY },
      { ok: true, result: { status: 'tunnel' } },
    ],
    [
      'Turnstile instance',
      { turnstileSitekey: '0x4AAAAAAA' },
      {},
      {
        ok: false,
        error: { code: 'error.api.auth.jwt.missing', action: 'failover', remedy: 'open-web-page' },
      },
    ],
    [
      'Turnstile instance with an Api-Key it does not know',
      { turnstileSitekey: '0x4AAAAAAA' },
      { apiKey: KEY },
      { ok: false, error: { code: 'error.api.auth.jwt.invalid', remedy: 'open-web-page' } },
    ],
    [
      'Turnstile instance with keys, right key',
      { turnstileSitekey: '0x4AAAAAAA', apiKeys: [KEY] },
      { apiKey: KEY },
      { ok: true },
    ],
    [
      'Turnstile known from the probe: not contacted',
      { turnstileSitekey: '0x4AAAAAAA' },
      { turnstile: true },
      { ok: false, error: { code: 'client.turnstile', remedy: 'open-web-page' }, ms: 0 },
    ],
    [
      'v7 rate limit',
      { version: '7.15', behavior: { kind: 'rate-limited' } },
      {},
      { ok: false, error: { code: 'error.api.rate_exceeded', action: 'retry-later' } },
    ],
    [
      'v7 error prose',
      { version: '7.15', behavior: { kind: 'error', code: 'error.api.content.post.private' } },
      {},
      { ok: false, error: { code: 'client.legacy_error', action: 'failover' } },
    ],
    [
      'v7 stream',
      { version: '7.15' },
      {},
      { ok: true, result: { status: 'tunnel', filename: null } },
    ],
    [
      'a tunnel host that is not http(s)',
      { tunnelOrigin: 'javascript:alert(1)//' },
      {},
      { ok: false, error: { code: 'client.unsafe_url', action: 'failover' } },
    ],
  ])('%s', async (_name, config, patch, expected) => {
    const instance = await server(config);
    expect(await attempt(instance, patch)).toMatchObject(expected);
  });

  it('Turnstile: no request reaches the instance when the probe said so', async () => {
    const instance = await server({ turnstileSitekey: '0x4AAAAAAA' });
    await attempt(instance, { turnstile: true });
    expect(instance.requests).toEqual([]);
  });

  it('hang still answers GET / (probes look fine)', async () => {
    const instance = await server({ behavior: { kind: 'hang' } });
    const res = await httpRequest(fetchImpl, { url: `${instance.origin}/`, timeoutMs: 2000 });
    expect(res).toMatchObject({ ok: true, status: 200 });
  });

  it('refuse, then healthy again on the same origin', async () => {
    const instance = await server();
    await instance.setBehavior({ kind: 'refuse' });
    expect(await attempt(instance)).toMatchObject({ error: { code: 'client.refused' } });
    await instance.setBehavior({ kind: 'healthy' });
    expect(await attempt(instance)).toMatchObject({ ok: true });
  });

  it.each<[CobaltServerVersion, number]>([
    ['11.7.1', 429],
    ['10.9.4', 400],
  ])(
    'a real rate limit on %s (HTTP %i) dates the retry from the headers',
    async (version, httpStatus) => {
      let now = 1_800_000_000_000;
      const instance = await server({
        version,
        rateLimit: { max: 1, windowSeconds: 60 },
        now: () => now,
      });
      expect(await attempt(instance, { now: () => now })).toMatchObject({
        ok: true,
        rateLimit: { limit: 1, remaining: 0, resetSeconds: 60, retryAfterSeconds: null },
      });
      now += 15_000;
      const limited = await attempt(instance, { now: () => now });
      expect(limited).toMatchObject({
        ok: false,
        error: {
          code: 'error.api.rate_exceeded',
          action: 'retry-later',
          context: { limit: 60 },
          retryAt: now + 45_000,
        },
        rateLimit: { limit: 1, remaining: 0, resetSeconds: 45, retryAfterSeconds: 45 },
      });
      const raw = await fetchImpl(`${instance.origin}/`, {
        method: 'POST',
        headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
        body: JSON.stringify({ url: LINK }),
      });
      expect(raw.status).toBe(httpStatus);
    },
  );

  it.each<[string, Extract<Behavior, { kind: 'rate-limited' }>, number | null]>([
    ['Retry-After in seconds', { kind: 'rate-limited', retryAfter: '30' }, 30_000],
    [
      'Retry-After as an HTTP date',
      { kind: 'rate-limited', retryAfter: new Date(1_800_000_120_000).toUTCString() },
      120_000,
    ],
    [
      'garbage Retry-After: the reset decides',
      { kind: 'rate-limited', retryAfter: 'soon', reset: '20' },
      20_000,
    ],
    ['a week is clamped to an hour', { kind: 'rate-limited', retryAfter: '604800' }, 3_600_000],
    [
      'no headers: the window from the body',
      {
        kind: 'rate-limited',
        retryAfter: null,
        reset: null,
        limit: null,
        remaining: null,
        policy: null,
      },
      60_000,
    ],
  ])('429 with %s', async (_name, behavior, wait) => {
    const now = 1_800_000_000_000;
    const instance = await server({ behavior });
    const outcome = await attempt(instance, { now: () => now });
    expect(outcome).toMatchObject({
      ok: false,
      error: { action: 'retry-later', retryAt: now + (wait ?? 0) },
    });
  });
});

describe('an API key reaches only its own origin', () => {
  it.each<[301 | 302 | 303 | 307 | 308]>([[301], [302], [303], [307], [308]])(
    'a %i to another server is not followed',
    async (status) => {
      const elsewhere = await server();
      const instance = await server({
        behavior: { kind: 'redirect', location: `${elsewhere.origin}/`, status },
      });
      const outcome = await attempt(instance, { apiKey: KEY });
      expect(outcome).toMatchObject({
        ok: false,
        error: { code: 'client.redirect', action: 'failover' },
      });
      expect(instance.requests.at(-1)?.headers.authorization).toBe(`Api-Key ${KEY}`);
      expect(elsewhere.requests).toEqual([]);
      expect(JSON.stringify(outcome)).not.toContain(KEY);
    },
  );

  it('is never part of an outcome, success or failure', async () => {
    const keyed = await server({ apiKeys: [KEY], authRequired: true });
    for (const patch of [{ apiKey: KEY }, { apiKey: OTHER_KEY }]) {
      const outcome = await attempt(keyed, patch);
      expect(JSON.stringify(outcome)).not.toContain(KEY);
      expect(JSON.stringify(outcome)).not.toContain(OTHER_KEY);
    }
  });

  it('is not sent when fetching the tunnel of the answer', async () => {
    const instance = await server({ apiKeys: [KEY], authRequired: true });
    const outcome = await attempt(instance, { apiKey: KEY });
    if (!outcome.ok || outcome.result.status !== 'tunnel') throw new Error('expected a tunnel');
    await fetchImpl(outcome.result.url);
    expect(instance.requests.at(-1)?.path.startsWith('/tunnel?')).toBe(true);
    expect(instance.requests.at(-1)?.headers).not.toHaveProperty('authorization');
  });
});

describe('tunnels: real bytes under a sanitised filename', () => {
  const HOSTILE = '../../.config/autostart/evil\u202Egpj.exe\u0000.mp4';
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cobalt-tunnel-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('downloads a tunnel result and saves it under the sanitised name', async () => {
    const instance = await server({ filename: HOSTILE, tunnelBytes: 50_000 });
    const outcome = await attempt(instance);
    if (!outcome.ok || outcome.result.status !== 'tunnel') throw new Error('expected a tunnel');
    const { url, filename } = outcome.result;
    expect(url.startsWith(`${instance.origin}/tunnel?`)).toBe(true);
    expect(filename).toBe(sanitizeFilename(HOSTILE));
    expect(filename).toBe('_._.config_autostart_evilgpj.exe.mp4');

    const probe = await fetchImpl(`${url}&p=1`);
    expect([probe.status, await probe.text()]).toEqual([200, '']);

    const res = await fetchImpl(url);
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-expose-headers')).toBe(
      'Estimated-Content-Length,Content-Disposition',
    );
    // the header carries the raw hostile name (RFC 5987 encoded); the browser never sees it,
    // since the download is started under the sanitised name from the JSON answer
    expect(res.headers.get('content-disposition')).toContain(
      `filename*=UTF-8''${encodeURIComponent(HOSTILE)}`,
    );

    const bytes = Buffer.from(await res.arrayBuffer());
    expect(bytes.length).toBe(50_000);
    expect(bytes.equals(instance.expectedTunnelBytes(url) ?? Buffer.alloc(0))).toBe(true);

    const path = join(dir, filename ?? 'missing');
    await writeFile(path, bytes);
    expect((await readFile(path)).equals(bytes)).toBe(true);
    expect(path.startsWith(`${dir}/`)).toBe(true);
    expect(path.slice(dir.length + 1)).not.toContain('/');
  });

  it('a v7 stream names its file only in Content-Disposition (the download takes the fallback name)', async () => {
    const instance = await server({ version: '7.15', filename: 'CON.mp4' });
    const outcome = await attempt(instance);
    if (!outcome.ok || outcome.result.status !== 'tunnel') throw new Error('expected a stream');
    expect(outcome.result.url).toContain('/api/stream?');
    // the JSON answer carries no name, so the download is started under the fallback name
    expect(outcome.result.filename).toBeNull();
    const res = await fetchImpl(outcome.result.url);
    expect(res.headers.get('content-disposition')).toContain('CON.mp4');
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(bytes.equals(instance.expectedTunnelBytes(outcome.result.url) ?? Buffer.alloc(0))).toBe(
      true,
    );
  });

  it('expires after the lifespan (90 s by default)', async () => {
    let now = 1_800_000_000_000;
    const instance = await server({ now: () => now });
    const outcome = await attempt(instance);
    if (!outcome.ok || outcome.result.status !== 'tunnel') throw new Error('expected a tunnel');
    now += 89_000;
    expect((await fetchImpl(outcome.result.url)).status).toBe(200);
    now += 2_000;
    expect((await fetchImpl(outcome.result.url)).status).toBe(404);
    // the probe only checks parameter lengths (docs/cobalt-api.md §3.7)
    expect((await fetchImpl(`${outcome.result.url}&p=1`)).status).toBe(200);
  });

  it.each<[string, (url: URL) => void, number]>([
    ['a forged signature', (u) => u.searchParams.set('sig', 'A'.repeat(43)), 401],
    ['a missing parameter', (u) => u.searchParams.delete('iv'), 400],
    ['a short id', (u) => u.searchParams.set('id', 'x'), 400],
  ])('refuses %s', async (_name, mutate, status) => {
    const instance = await server();
    const outcome = await attempt(instance);
    if (!outcome.ok || outcome.result.status !== 'tunnel') throw new Error('expected a tunnel');
    const url = new URL(outcome.result.url);
    mutate(url);
    expect((await fetchImpl(url.href)).status).toBe(status);
  });

  it('local-processing proxy tunnels serve the file too', async () => {
    const instance = await server({
      behavior: { kind: 'healthy', result: 'local-processing-proxy' },
    });
    const outcome = await attempt(instance, {});
    if (!outcome.ok || outcome.result.status !== 'local-processing')
      throw new Error('expected local-processing');
    const [tunnel] = outcome.result.tunnel;
    const bytes = Buffer.from(await (await fetchImpl(tunnel ?? '')).arrayBuffer());
    expect(bytes.equals(instance.expectedTunnelBytes(tunnel ?? '') ?? Buffer.alloc(0))).toBe(true);
  });
});

describe('GET / server info per version', () => {
  it.each<[CobaltServerVersion, string, Record<string, unknown>]>([
    ['7.15', 'v7', { services: null, turnstile: false }],
    ['10.9.4', 'v10', { turnstile: false }],
    ['11.0.0', 'v11', { turnstile: false }],
    ['11.7.1', 'v11', { turnstile: false }],
  ])('%s', async (version, generation, expected) => {
    const instance = await server({ version });
    // the probe follows redirects: v7 answers 302 → /api/serverInfo (docs/cobalt-api.md §1)
    const res = await httpRequest(fetchImpl, { url: `${instance.origin}/`, timeoutMs: 2000 });
    if (!res.ok) throw new Error(res.message);
    const json = parseJson(res.text);
    const body = json.ok ? json.value : null;
    const info = parseServerInfo(body) ?? parseLegacyServerInfo(body);
    expect(info).toMatchObject({ generation, version, ...expected });
    if (version !== '7.15') expect(info?.services?.length).toBe(21);
  });

  it('shows turnstileSitekey', async () => {
    const instance = await server({ turnstileSitekey: '0x4AAAAAAA' });
    const res = await httpRequest(fetchImpl, { url: `${instance.origin}/`, timeoutMs: 2000 });
    const json = res.ok ? parseJson(res.text) : { ok: false as const };
    expect(parseServerInfo(json.ok ? json.value : null)).toMatchObject({ turnstile: true });
  });
});
