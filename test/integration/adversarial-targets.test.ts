import type { Job } from '../../lib/app/job';
import { healthKey } from '../../lib/health/health-state';
import { isQuarantined } from '../../lib/health/is-quarantined';
import { bundledSnapshot } from '../../lib/sources/bundled-snapshot';
import { startCobaltServer, type CobaltServer } from '../support/cobalt-server';
import { loopbackSettings, startEngine, until, type Harness } from '../support/engine-harness';
import { startHostileServer, type HostileServer, type Responder } from '../support/hostile-server';
import { startTrackerServer, type TrackerServer } from '../support/tracker-server';

/**
 * The hostile catalogue for where a download may point (docs/security.md, "Where a download may
 * point"; lib/safety/download-target.ts). Each case is a hostile instance on 127.0.0.1, reached
 * by name through a tracker like a community instance, answering over real HTTP with a URL that
 * cobalt would never hand out; the whole engine runs the chain. Each refused answer is an
 * instance failure with a plain-words trail entry, nothing is fetched from the refused URL, and
 * the file comes from the next (healthy) instance. The suite-wide invariant checker
 * (test/support/invariants.ts, rule e) holds every chain of every file to the same rule.
 */

const YT = 'https://www.youtube.com/watch?v=dQw4w9WgXcQ';
const TWEET = 'https://x.com/user/status/1697304622749086011';
const BUNDLED_ORIGINS = bundledSnapshot().entries.map((e) => e.origin);

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((close) => close()));
});

async function hostile(responder: Responder, byAddress = false): Promise<HostileServer> {
  const server = await startHostileServer(responder, { byAddress });
  cleanups.push(() => server.close());
  return server;
}

async function cobalt(): Promise<CobaltServer> {
  const server = await startCobaltServer();
  cleanups.push(() => server.close());
  return server;
}

async function tracker(): Promise<TrackerServer> {
  const server = await startTrackerServer({ defaults: false });
  cleanups.push(() => server.close());
  return server;
}

function entry(origin: string) {
  return {
    api: origin.replace('http://', ''),
    protocol: 'http',
    frontEnd: 'None',
    trust: 'safe',
    api_online: true,
    version: '11.7.1',
    score: 90,
    services: { youtube: true, twitter: true },
  };
}

/** An engine whose tracker lists `origins` (pinned in that order). */
async function engineFor(
  origins: string[],
  options: { settings?: Record<string, unknown>; page?: string } = {},
): Promise<Harness> {
  const feed = await tracker();
  feed.setFeed('/feed.json', JSON.stringify(origins.map(entry)));
  const h = startEngine({ tabs: { 7: options.page ?? YT } });
  const saved = await h.engine.handle({
    type: 'settings/save',
    payload: {
      settings: loopbackSettings(`${feed.url}/feed.json`, {
        pinned: origins,
        fallback: { maxAttempts: Math.max(1, origins.length), deadlineMs: 15_000, hedgeMs: 5000 },
        ...options.settings,
        blocked: BUNDLED_ORIGINS,
      }),
    },
  });
  expect(saved).toEqual({ ok: true });
  await h.engine.handle({ type: 'sources/refresh', payload: {} });
  return h;
}

async function download(h: Harness): Promise<Job> {
  const start = await h.engine.handle({
    type: 'download/start',
    payload: { tabId: 7, url: null, mode: 'auto' },
  });
  if (!('jobId' in start)) throw new Error(`refused: ${JSON.stringify(start)}`);
  return until(() => {
    const job = h.engine.state().jobs.find((j) => j.id === start.jobId);
    return job && job.state !== 'running' && job.state !== 'downloading' ? job : undefined;
  }, 15_000);
}

/** An instance that answers every POST with `answer` and `GET /` like a v11 cobalt. */
function answering(answer: unknown, info: Record<string, unknown> = {}): Responder {
  return (req) =>
    req.method === 'POST'
      ? { status: 200, json: answer }
      : {
          status: 200,
          json: { cobalt: { version: '11.7.1', services: ['youtube', 'twitter'], ...info } },
        };
}

/**
 * The hostile instance answers first; it must fail with `code` / `messageKey`, and the healthy
 * instance after it must serve the file, which is the only thing downloaded.
 */
async function refusedThenNext(
  answer: unknown,
  code: string,
  messageKey: string,
  page = YT,
): Promise<{ evil: HostileServer; job: Job; h: Harness }> {
  const evil = await hostile(answering(answer));
  const healthy = await cobalt();
  const h = await engineFor([evil.origin, healthy.origin], { page });
  const job = await download(h);
  expect(job).toMatchObject({ state: 'done', servedBy: healthy.origin });
  expect(job.trail[0]).toMatchObject({ origin: evil.origin, outcome: 'failed', code, messageKey });
  await Promise.all(h.downloads.settled);
  expect(h.downloads.files.map((f) => new URL(f.request.url).origin)).toEqual([healthy.origin]);
  expect(h.downloads.failed).toEqual([]);
  // Health holds the refusal against the hostile instance, not as a success.
  const record = h.engine.state().health[healthKey(evil.origin, job.service)];
  expect(record?.successes ?? 0).toBe(0);
  expect(record?.failures ?? 0).toBeGreaterThan(0);
  return { evil, job, h };
}

const LOCAL = ['client.target.local_network', 'trail_target_local_network'] as const;

describe("a redirect to the user's own network is refused, in every notation", () => {
  it.each([
    'http://192.168.1.1/cgi-bin/reboot.cgi?now=1',
    'http://127.0.0.1:631/admin/?OP=stop',
    'http://0x7f.1/',
    'http://2130706433/',
    'http://017700000001/',
    'http://[::ffff:127.0.0.1]/',
    'http://[::1]/',
    'http://[fe80::1]/',
    'http://169.254.169.254/latest/meta-data/',
    'http://100.64.0.1/',
    'http://10.0.0.1/',
    'http://0.0.0.0/',
  ])('%s', async (url) => {
    await refusedThenNext({ status: 'redirect', url, filename: 'video.mp4' }, ...LOCAL);
  });
});

describe('a redirect to a name that looks local is refused', () => {
  it.each([
    'http://localhost/video.mp4',
    'http://router/video.mp4',
    'http://nas.local/video.mp4',
    'http://printer.home.arpa/video.mp4',
    'http://db.internal/video.mp4',
    'http://video.twimg.com.lan/video.mp4',
  ])('%s', async (url) => {
    await refusedThenNext({ status: 'redirect', url, filename: 'video.mp4' }, ...LOCAL);
  });
});

describe("redirects off the service's media hosts", () => {
  it('to a non-media host of the real service (x.com itself, for a tweet)', async () => {
    await refusedThenNext(
      { status: 'redirect', url: 'https://x.com/i/flow/logout', filename: 'video.mp4' },
      'client.target.not_media_host',
      'trail_target_not_media_host',
      TWEET,
    );
  });

  it("to another service's CDN (a twimg URL for a YouTube video: cobalt only tunnels YouTube)", async () => {
    await refusedThenNext(
      { status: 'redirect', url: 'https://video.twimg.com/a.mp4', filename: 'video.mp4' },
      'client.target.not_media_host',
      'trail_target_not_media_host',
    );
  });

  it('to the right CDN on a non-default port', async () => {
    await refusedThenNext(
      { status: 'redirect', url: 'https://video.twimg.com:8443/a.mp4', filename: 'video.mp4' },
      'client.target.port',
      'trail_target_port',
      TWEET,
    );
  });
});

describe('tunnels on another site', () => {
  it('a tunnel on another test server (no API URL reported) is refused and never contacted', async () => {
    const elsewhere = await hostile(() => ({
      status: 200,
      headers: { 'Content-Type': 'video/mp4' },
      body: Buffer.alloc(1024, 1),
    }));
    await refusedThenNext(
      { status: 'tunnel', url: `${elsewhere.origin}/tunnel?id=1`, filename: 'video.mp4' },
      'client.target.foreign_tunnel',
      'trail_target_foreign_tunnel',
    );
    expect(elsewhere.requests).toEqual([]);
  });

  it("a tunnel on a bank's host is refused", async () => {
    await refusedThenNext(
      { status: 'tunnel', url: 'https://bank.example.org/tunnel?id=1', filename: 'video.mp4' },
      'client.target.foreign_tunnel',
      'trail_target_foreign_tunnel',
    );
  });

  it('a local-processing answer with one foreign tunnel is refused', async () => {
    const self: { origin: string } = { origin: '' };
    const evil = await hostile((req) =>
      answering({
        status: 'local-processing',
        type: 'proxy',
        service: 'youtube',
        tunnel: [`${self.origin}/tunnel?id=1`, 'https://cdn.example.org/t?id=2'],
        output: { type: 'video/mp4', filename: 'video.mp4' },
      })(req),
    );
    self.origin = evil.origin;
    const healthy = await cobalt();
    const h = await engineFor([evil.origin, healthy.origin]);
    const job = await download(h);
    expect(job).toMatchObject({ state: 'done', servedBy: healthy.origin });
    expect(job.trail[0]).toMatchObject({
      origin: evil.origin,
      code: 'client.target.foreign_tunnel',
      messageKey: 'trail_target_foreign_tunnel',
    });
  });
});

describe('pickers', () => {
  it('thumbnails and audio on a LAN address are dropped; items on the instance stay', async () => {
    const self: { origin: string } = { origin: '' };
    const evil = await hostile((req) =>
      answering({
        status: 'picker',
        picker: [
          { type: 'photo', url: `${self.origin}/tunnel?id=1`, thumb: 'http://192.168.1.1/t.jpg' },
          { type: 'photo', url: `${self.origin}/tunnel?id=2`, thumb: `${self.origin}/tunnel?id=3` },
          { type: 'photo', url: 'http://[fd00::1]/p.jpg', thumb: null },
        ],
        audio: 'http://localhost:8080/a.mp3',
      })(req),
    );
    self.origin = evil.origin;
    const h = await engineFor([evil.origin], { page: TWEET });
    const job = await download(h);
    expect(job.state).toBe('picker');
    expect(job.picker?.items).toEqual([
      { type: 'photo', url: `${evil.origin}/tunnel?id=1`, thumb: null },
      { type: 'photo', url: `${evil.origin}/tunnel?id=2`, thumb: `${evil.origin}/tunnel?id=3` },
    ]);
    expect(job.picker?.audio).toBeNull();
  });

  it('a picker whose every item is on the LAN is refused; the next instance serves', async () => {
    await refusedThenNext(
      {
        status: 'picker',
        picker: [
          { type: 'photo', url: 'http://192.168.0.10/a.jpg' },
          { type: 'video', url: 'http://[::1]:9000/b.mp4' },
        ],
      },
      ...LOCAL,
    );
  });
});

describe("instances on the user's own network", () => {
  it('a tracker listing 127.0.0.1 is never contacted; the named instance serves', async () => {
    const lan = await hostile(
      answering({ status: 'tunnel', url: 'http://x/', filename: null }),
      true,
    );
    const literal = lan.origin;
    const healthy = await cobalt();
    const h = await engineFor([literal, healthy.origin]);
    const job = await download(h);
    expect(job).toMatchObject({ state: 'done', servedBy: healthy.origin });
    expect(job.trail.map((t) => t.origin)).toEqual([healthy.origin]);
    expect(lan.requests).toEqual([]);
    // "Test now" from the options does not reach it either.
    await h.engine.handle({
      type: 'instance/test',
      payload: { origin: literal, service: 'youtube' },
    });
    expect(lan.requests).toEqual([]);
  });

  it('the same address among "My instances" works: self-hosting on a LAN keeps working', async () => {
    const self: { literal: string } = { literal: '' };
    const mine = await hostile((req) => {
      if (req.method === 'POST') {
        return {
          status: 200,
          json: { status: 'tunnel', url: `${self.literal}/file/video.mp4`, filename: 'video.mp4' },
        };
      }
      if (req.path.startsWith('/file/')) {
        return {
          status: 200,
          headers: { 'Content-Type': 'video/mp4' },
          body: Buffer.alloc(512, 7),
        };
      }
      return { status: 200, json: { cobalt: { version: '11.7.1', services: ['youtube'] } } };
    }, true);
    self.literal = mine.origin;
    const h = await engineFor([self.literal], {
      settings: { myInstances: [{ origin: self.literal }] },
    });
    const job = await download(h);
    expect(job).toMatchObject({ state: 'done', servedBy: self.literal });
    await Promise.all(h.downloads.settled);
    expect(h.downloads.files.map((f) => f.bytes.length)).toEqual([512]);
  });
});

/**
 * Downloads that are not the file, or break (docs/security.md "Downloads that break";
 * lib/submit/judge-download-end.ts): the test harness reports each download's end as a browser
 * does (type, size, interrupt reason). What the instance handed over is removed, the instance's
 * failure is recorded, and the link goes to the next instance: a fresh `POST /`, a fresh tunnel.
 */
describe('downloads that are not the file, or break', () => {
  async function faultyThenHealthy(fault: 'html' | 'json' | 'empty' | 'break-half') {
    const faulty = await cobalt();
    await faulty.configure({ tunnelFault: fault });
    const healthy = await cobalt();
    const h = await engineFor([faulty.origin, healthy.origin]);
    const job = await download(h);
    return { faulty, healthy, h, job };
  }

  it.each([
    ['HTML served as a tunnel', 'html', 'client.download.not_media', true],
    ['a JSON error served as a tunnel', 'json', 'client.download.not_media', true],
    ['an empty tunnel', 'empty', 'client.download.not_media', true],
    ['a tunnel that dies at 50 %', 'break-half', 'client.download.broken', false],
  ] as const)('%s: removed, held against the instance, the next one serves', async (...c) => {
    const [, fault, code, quarantined] = c;
    const { faulty, healthy, h, job } = await faultyThenHealthy(fault);
    expect(job).toMatchObject({ state: 'done', servedBy: healthy.origin });
    expect(job.trail.map((t) => [t.origin, t.outcome, t.code])).toEqual([
      [faulty.origin, 'failed', code],
      [healthy.origin, 'ok', undefined],
    ]);
    await Promise.all(h.downloads.settled);
    // One file is left, whole, from the healthy instance; what the faulty one sent was removed.
    expect(h.downloads.discarded).toHaveLength(1);
    expect(h.downloads.files).toHaveLength(1);
    const [file] = h.downloads.files;
    expect(new URL(file!.request.url).origin).toBe(healthy.origin);
    expect(file!.bytes.equals(healthy.expectedTunnelBytes(file!.request.url)!)).toBe(true);
    // Each instance got the page URL once.
    expect(faulty.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
    const record = h.engine.state().health[healthKey(faulty.origin, 'youtube')];
    expect(record?.lastOutcome).toBe(code);
    expect(record && isQuarantined(record, Date.now())).toBe(quarantined);
  });

  it('a tunnel that expired before the transfer (404) goes to the next instance', async () => {
    const expired = await cobalt();
    await expired.configure({ tunnelLifespanMs: 1 });
    const healthy = await cobalt();
    const h = await engineFor([expired.origin, healthy.origin]);
    const job = await download(h);
    expect(job).toMatchObject({ state: 'done', servedBy: healthy.origin });
    expect(job.trail[0]).toMatchObject({ outcome: 'failed', code: 'client.download.broken' });
  });

  it('when every instance breaks, the job fails in plain words and nothing is left on disk', async () => {
    const { first, second, h } = await twoThatBreak();
    const job = await download(h);
    expect(job).toMatchObject({
      state: 'failed',
      error: { detailKey: 'error_download_interrupted_detail' },
    });
    await Promise.all(h.downloads.settled);
    expect(h.downloads.files).toEqual([]);
    expect(h.downloads.discarded).toHaveLength(2);
    // At most once per instance: two instances, two POSTs, then the chain is out of candidates.
    const posts = [first, second].map((s) => s.requests.filter((r) => r.method === 'POST').length);
    expect(posts).toEqual([1, 1]);
  });
});

/**
 * A batch's items follow the same rules (lib/app/batch-manager.ts over lib/app/judge-ended.ts):
 * the whole engine runs a pasted batch, the harness reports each file's end as a browser does,
 * and an item whose file broke or was not the media goes to the next instance it has not tried.
 */
describe("a batch's files that are not the file, or break", () => {
  const LINKS = [1, 2, 3].map((n) => `https://www.youtube.com/watch?v=batchEnd00${n}`);

  it.each([
    ['a tunnel that dies at 50 %', 'break-half', 'client.download.broken'],
    ['HTML served as a tunnel', 'html', 'client.download.not_media'],
  ] as const)('%s: each item is removed, retried on the next instance, whole', async (...c) => {
    const [, fault, code] = c;
    const faulty = await cobalt();
    await faulty.configure({ tunnelFault: fault });
    const healthy = await cobalt();
    const h = await engineFor([faulty.origin, healthy.origin]);
    const started = await h.engine.handle({
      type: 'batch/start',
      payload: { text: LINKS.join('\n'), mode: 'auto', again: null },
    });
    expect(started).toEqual({ added: 3, asked: [] });
    const view = await batchEnded(h);
    expect(view.items.map((i) => [i.url, i.state, i.servedBy])).toEqual(
      LINKS.map((url) => [url, 'done', healthy.origin]),
    );
    await Promise.all(h.downloads.settled);
    // Three files are left, whole, from the healthy instance. The faulty one is on trial (it
    // never delivered YouTube: one link at a time, lib/batch/plan-batch.ts), so it served one or
    // more of them, and every file it handed over was removed.
    const posts = (s: CobaltServer) => s.requests.filter((r) => r.method === 'POST').length;
    expect(posts(faulty)).toBeGreaterThanOrEqual(1);
    expect(h.downloads.discarded).toHaveLength(posts(faulty));
    expect(h.downloads.files).toHaveLength(3);
    for (const file of h.downloads.files) {
      expect(new URL(file.request.url).origin).toBe(healthy.origin);
      expect(file.bytes.equals(healthy.expectedTunnelBytes(file.request.url)!)).toBe(true);
    }
    expect(posts(healthy)).toBe(3);
    const record = h.engine.state().health[healthKey(faulty.origin, 'youtube')];
    expect(record?.lastOutcome).toBe(code);
  });

  it('when every instance breaks an item, it fails in plain words and nothing is left on disk', async () => {
    const { h } = await twoThatBreak();
    await h.engine.handle({
      type: 'batch/start',
      payload: { text: LINKS[0]!, mode: 'auto', again: null },
    });
    const view = await batchEnded(h);
    expect(view.items.map((i) => [i.state, i.reason])).toEqual([['failed', 'batchFileBroken']]);
    await Promise.all(h.downloads.settled);
    expect(h.downloads.files).toEqual([]);
    expect(h.downloads.discarded).toHaveLength(2);
  });
});

async function batchEnded(h: Harness) {
  const started = Date.now();
  for (;;) {
    const view = await h.engine.handle({ type: 'batch/state', payload: {} });
    if (view.endedAt !== null) return view;
    if (Date.now() - started > 15_000) throw new Error('the batch did not end in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Two instances whose tunnels both die at 50 %, and an engine that lists them. */
async function twoThatBreak() {
  const first = await cobalt();
  const second = await cobalt();
  await first.configure({ tunnelFault: 'break-half' });
  await second.configure({ tunnelFault: 'break-half' });
  return { first, second, h: await engineFor([first.origin, second.origin]) };
}
