import { startCobaltServer, type CobaltServer } from '../support/cobalt-server';
import {
  feedEntry,
  loopbackSettings,
  memoryStorage,
  startEngine,
  until,
  type Harness,
} from '../support/engine-harness';
import { startTrackerServer } from '../support/tracker-server';
import type { JobView } from '../../lib/model/job-view';
import { healthKey } from '../../lib/health/health-state';
import { isQuarantined } from '../../lib/health/is-quarantined';
import { LATENCY_WINDOW } from '../../lib/health/record-outcome';
import { healthItem } from '../../lib/app/stored-items';
import { POPUP_VIEW_KEY } from '../../lib/app/popup-view-writer';
import type { PopupView } from '../../lib/model/popup-view';
import { POPUP_VIEW_FORMAT } from '../../lib/ui/usable-view';

/**
 * The whole engine (lib/app) over real HTTP on 127.0.0.1: tracker feed → ranking → fallback
 * chain → downloaded bytes, plus persistence across a "worker restart". The background
 * entrypoint only wires browser events to these same calls.
 */
const YT = 'https://www.youtube.com/watch?v=dQw4w9WgXcQ&utm_source=share&si=abc';
const KEY = '582f214c-8531-40d5-9a5c-7f51ae99319d';

let servers: CobaltServer[] = [];
let tracker: Awaited<ReturnType<typeof startTrackerServer>>;

afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  await tracker?.close();
  servers = [];
});

async function setUp(
  count: number,
  tabs: Record<number, string> = { 7: YT },
  stored?: (servers: CobaltServer[]) => Record<string, unknown>,
) {
  servers = await Promise.all(Array.from({ length: count }, () => startCobaltServer()));
  tracker = await startTrackerServer();
  tracker.setFeed('/feed.json', JSON.stringify(servers.map((s) => feedEntry(s))));
  const h = startEngine({ tabs, storage: stored ? memoryStorage(stored(servers)) : undefined });
  return h;
}

async function configure(h: Harness, extra: Record<string, unknown> = {}) {
  const saved = await h.engine.handle({
    type: 'settings/save',
    payload: { settings: loopbackSettings(`${tracker.url}/feed.json`, extra) },
  });
  expect(saved).toEqual({ ok: true });
  await h.engine.handle({ type: 'sources/refresh', payload: {} });
}

async function waitJob(h: Harness, jobId: string): Promise<JobView> {
  let view: JobView | null = null;
  const started = Date.now();
  while (Date.now() - started < 15_000) {
    const snap = await h.engine.handle({ type: 'popup/snapshot', payload: { tabId: 7 } });
    view = snap.job;
    if (view && view.id === jobId && view.state !== 'running' && view.state !== 'downloading')
      return view;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`job still ${view?.state}: ${JSON.stringify(view?.trail)}`);
}

describe('engine over real HTTP', () => {
  it('refreshes a custom list, ranks its instances, and shows them for the page', async () => {
    const h = await setUp(2);
    await configure(h);
    const snap = await h.engine.handle({ type: 'popup/snapshot', payload: { tabId: 7 } });
    expect(snap.page).toMatchObject({ kind: 'supported', service: 'youtube' });
    expect(snap.usingBundled).toBe(false);
    const included = snap.instances.filter((i) => !i.excluded).map((i) => i.origin);
    expect(included).toEqual(expect.arrayContaining(servers.map((s) => s.origin)));
    expect(tracker.requests.at(-1)?.headers['user-agent']).toBe('cobalt-picker-test/1.0');
    expect(h.refused).toEqual([]);
  });

  it('"refresh now" right after adding a list covers the new list, even while an older refresh runs', async () => {
    const h = await setUp(1);
    await configure(h);
    tracker.setFeed('/second.json', JSON.stringify(servers.map((s) => feedEntry(s))));
    const first = `${tracker.url}/feed.json`;
    const second = `${tracker.url}/second.json`;
    const inFlight = h.engine.refresh(true); // a refresh under way, planned with the old sources
    const settings = loopbackSettings(first);
    settings.sources.custom.push({ url: second, enabled: true });
    expect(await h.engine.handle({ type: 'settings/save', payload: { settings } })).toEqual({
      ok: true,
    });
    const feeds = await h.engine.handle({ type: 'sources/refresh', payload: {} });
    await inFlight;
    expect(feeds.find((f) => f.source === `custom:${second}`)).toMatchObject({
      lastSuccess: expect.any(Number),
      entries: 1,
    });
    expect(tracker.requests.some((r) => r.path === '/second.json')).toBe(true);
  });

  it('fails over hanging, rate-limited and key-required instances, downloads real bytes, and skips the quarantined next time', async () => {
    const h = await setUp(4);
    const [hang, limited, keyed, healthy] = servers as [
      CobaltServer,
      CobaltServer,
      CobaltServer,
      CobaltServer,
    ];
    await hang.setBehavior({ kind: 'hang' });
    await limited.setBehavior({
      kind: 'rate-limited',
      retryAfter: '120',
      reset: '120',
      remaining: '0',
      limit: '20',
    });
    await keyed.configure({ apiKeys: [KEY], authRequired: true });
    await healthy.setBehavior({ kind: 'healthy', delayMs: 50, result: 'tunnel' });
    await configure(h, {
      pinned: [hang.origin, limited.origin, keyed.origin, healthy.origin],
      fallback: { maxAttempts: 4, deadlineMs: 20_000, hedgeMs: 2000 },
    });

    const start = await h.engine.handle({
      type: 'download/start',
      payload: { tabId: 7, url: null, mode: 'auto' },
    });
    if (!('jobId' in start)) throw new Error('no job');
    const job = await waitJob(h, start.jobId);
    expect(job.state).toBe('done');
    expect(job.servedBy).toBe(healthy.origin);
    const byOrigin = Object.fromEntries(job.trail.map((t) => [t.origin, t]));
    expect(byOrigin[hang.origin]?.outcome).toMatch(/failed|cancelled/);
    expect(byOrigin[limited.origin]).toMatchObject({
      outcome: 'failed',
      code: 'error.api.rate_exceeded',
    });
    expect(byOrigin[keyed.origin]).toMatchObject({
      outcome: 'failed',
      code: 'error.api.auth.key.missing',
    });
    expect(byOrigin[healthy.origin]?.outcome).toBe('ok');

    await Promise.all(h.downloads.settled);
    const [file] = h.downloads.files;
    expect(file?.bytes.length).toBe(4096);
    expect(file?.bytes.equals(healthy.expectedTunnelBytes(file.request.url)!)).toBe(true);
    // The page URL reached the instances stripped of tracking parameters.
    const sent = healthy.requests.find((r) => r.method === 'POST');
    expect(JSON.parse(sent!.body)).toEqual({ url: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ' });

    // The rate-limited instance is quarantined for youtube: the next download never asks it.
    const before = limited.requests.filter((r) => r.method === 'POST').length;
    const again = await h.engine.handle({
      type: 'download/start',
      payload: { tabId: 7, url: null, mode: 'audio' },
    });
    if (!('jobId' in again)) throw new Error('no job');
    expect((await waitJob(h, again.jobId)).state).toBe('done');
    expect(limited.requests.filter((r) => r.method === 'POST').length).toBe(before);
    const audioBody = JSON.parse(healthy.requests.filter((r) => r.method === 'POST').at(-1)!.body);
    expect(audioBody).toEqual({
      url: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ',
      downloadMode: 'audio',
    });
    // Every request of the engine names the extension (the header path, as on Firefox).
    // (/tunnel is fetched by the stand-in for the browser's download manager, not the engine.)
    const agents = new Set(
      servers.flatMap((s) =>
        s.requests.filter((r) => !r.path.startsWith('/tunnel')).map((r) => r.headers['user-agent']),
      ),
    );
    expect([...agents]).toEqual(['cobalt-picker-test/1.0']);
    expect(h.refused).toEqual([]);
  });

  it('learns from hangs: a hang is let go at its hard timeout and benched the second time, an outrun one too', async () => {
    // The service's answers have been timed before (through the last instance, ~50 ms), so the
    // hanging ones, which have no history of their own, are timed by what is normal for it.
    const learned = Array.from({ length: LATENCY_WINDOW }, () => ({ ms: 50 }));
    const h = await setUp(4, undefined, (started) => {
      const origin = started[3]!.origin;
      return {
        [healthItem.key]: {
          version: healthItem.version,
          value: {
            [healthKey(origin, 'youtube')]: {
              origin,
              service: 'youtube',
              successes: LATENCY_WINDOW,
              failures: 0,
              updatedAt: Date.now(),
              quarantinedUntil: null,
              lastOutcome: 'ok',
              latencyMs: 50,
              consecutiveFailures: 0,
              latencySamples: learned,
            },
          },
        },
      };
    });
    const [h1, h2, h3, healthy] = servers as [
      CobaltServer,
      CobaltServer,
      CobaltServer,
      CobaltServer,
    ];
    const hangers = [h1, h2, h3];
    // They hang on POST / only: GET / (a probe) answers normally, as in the failover bench.
    await Promise.all(hangers.map((s) => s.setBehavior({ kind: 'hang' })));
    await healthy.setBehavior({ kind: 'healthy', delayMs: 50, result: 'tunnel' });
    // Pinned first: only a quarantine can take them out of the chain.
    await configure(h, {
      pinned: [h1.origin, h2.origin, h3.origin, healthy.origin],
      fallback: { maxAttempts: 5, deadlineMs: 20_000, hedgeMs: 20_000 },
    });
    const posts = (s: CobaltServer) => s.requests.filter((r) => r.method === 'POST').length;
    const download = async () => {
      const start = await h.engine.handle({
        type: 'download/start',
        payload: { tabId: 7, url: null, mode: 'auto' },
      });
      if (!('jobId' in start)) throw new Error('no job');
      return waitJob(h, start.jobId);
    };
    const record = (s: CobaltServer) => h.engine.state().health[healthKey(s.origin, 'youtube')];
    const benched = (s: CobaltServer) =>
      isQuarantined(h.engine.state().health[healthKey(s.origin, 'youtube')], Date.now());

    const job = await download();
    expect(job.state).toBe('done');
    expect(job.servedBy).toBe(healthy.origin);
    // h1 and h2 let go at their hard timeouts; h3 past its hedge delay, not its hard timeout,
    // when healthy won: left to answer (lib/submit/run-fallback.ts).
    expect(job.trail.map((t) => [t.origin, t.outcome, t.code])).toEqual([
      [h1.origin, 'failed', 'client.timeout'],
      [h2.origin, 'failed', 'client.timeout'],
      [h3.origin, 'cancelled', undefined],
      [healthy.origin, 'ok', undefined],
    ]);
    expect(hangers.map(posts)).toEqual([1, 1, 1]);
    // One silence is a failure, not yet a quarantine. h3, left to answer, stays silent to its
    // own hard timeout after the job ended: a silence as well.
    expect(record(h1)).toMatchObject({ lastOutcome: 'client.timeout', failures: 1 });
    await vi.waitFor(
      () => expect(record(h3)).toMatchObject({ lastOutcome: 'client.timeout', failures: 1 }),
      { timeout: 10_000, interval: 50 },
    );
    expect(hangers.map(benched)).toEqual([false, false, false]);
    expect(record(h3)?.latencySamples).toEqual([
      expect.objectContaining({ lowerBound: true, silent: true }),
    ]);

    // Silent a second time in a row: benched.
    const second = await download();
    expect(second.servedBy).toBe(healthy.origin);
    await vi.waitFor(() => expect(hangers.map(benched)).toEqual([true, true, true]), {
      timeout: 10_000,
      interval: 50,
    });
    const snap = await h.engine.handle({ type: 'popup/snapshot', payload: { tabId: 7 } });
    expect(snap.instances.find((i) => i.origin === h1.origin)?.excluded).toBeTruthy();

    // The next download does not ask the benched ones.
    const third = await download();
    expect(third.servedBy).toBe(healthy.origin);
    expect(third.trail.map((t) => t.origin)).not.toContain(h1.origin);
    expect(third.trail.map((t) => t.origin)).not.toContain(h2.origin);
    expect([h1, h2].map(posts)).toEqual([2, 2]);
    expect(h.refused).toEqual([]);
  });

  it('stops at once on a content error: no other instance hears of the page', async () => {
    const h = await setUp(3);
    const [privatePost, other, third] = servers as [CobaltServer, CobaltServer, CobaltServer];
    await privatePost.setBehavior({ kind: 'error', code: 'error.api.content.video.private' });
    await configure(h, { pinned: [privatePost.origin, other.origin, third.origin] });
    const start = await h.engine.handle({
      type: 'download/start',
      payload: { tabId: 7, url: null, mode: 'auto' },
    });
    if (!('jobId' in start)) throw new Error('no job');
    const job = await waitJob(h, start.jobId);
    expect(job.state).toBe('failed');
    expect(job.error).toMatchObject({ kind: 'content' });
    expect(other.requests.filter((r) => r.method === 'POST')).toEqual([]);
    expect(third.requests.filter((r) => r.method === 'POST')).toEqual([]);
    await until(() => h.notifications.length > 0);
    expect(h.notifications[0]).toMatchObject({ titleKey: 'notifyFailedTitle' });
  });

  it('sends the API key only to its own instance', async () => {
    const h = await setUp(2);
    const [keyed, open] = servers as [CobaltServer, CobaltServer];
    await keyed.configure({ apiKeys: [KEY], authRequired: true });
    await keyed.setBehavior({
      kind: 'error',
      code: 'error.api.fetch.fail',
      context: { service: 'youtube' },
    });
    await configure(h, {
      pinned: [keyed.origin, open.origin],
      myInstances: [{ origin: keyed.origin, apiKey: KEY }],
    });
    const start = await h.engine.handle({
      type: 'download/start',
      payload: { tabId: 7, url: null, mode: 'auto' },
    });
    if (!('jobId' in start)) throw new Error('no job');
    expect((await waitJob(h, start.jobId)).servedBy).toBe(open.origin);
    expect(
      keyed.requests
        .filter((r) => r.method === 'POST')
        .every((r) => r.headers.authorization === `Api-Key ${KEY}`),
    ).toBe(true);
    expect(open.requests.some((r) => 'authorization' in r.headers)).toBe(false);
    expect(tracker.requests.some((r) => 'authorization' in r.headers)).toBe(false);
  });

  it('a picker waits for the choice, then downloads exactly the picked items', async () => {
    const h = await setUp(1);
    await servers[0]!.setBehavior({ kind: 'healthy', result: 'picker' });
    await configure(h);
    const start = await h.engine.handle({
      type: 'download/start',
      payload: { tabId: 7, url: 'https://x.com/user/status/123', mode: 'auto' },
    });
    if (!('jobId' in start)) throw new Error('no job');
    const job = await waitJob(h, start.jobId);
    expect(job.state).toBe('picker');
    expect(job.picker?.items.length).toBeGreaterThanOrEqual(3);
    expect(
      await h.engine.handle({
        type: 'download/pick',
        payload: { jobId: job.id, indexes: [0, 2], audio: false },
      }),
    ).toEqual({ ok: true });
    await Promise.all(h.downloads.settled);
    expect(h.downloads.files.map((f) => f.request.filename)).toEqual(
      ['twitter-1.jpg', 'twitter-3.jpg'].map(
        (n) => expect.stringMatching(n.replace('.jpg', '')) as unknown as string,
      ),
    );
    expect(h.downloads.files.every((f) => f.bytes.length > 0)).toBe(true);
  });

  it('a version mismatch (invalid_body) is fixed by one retry with a minimal body on the same instance', async () => {
    servers = [await startCobaltServer({ version: '10.9.4' })];
    tracker = await startTrackerServer();
    // The tracker claims 11.7.1, so the first body uses 11.x key names the 10.x schema refuses.
    tracker.setFeed('/feed.json', JSON.stringify([feedEntry(servers[0]!, { version: '11.7.1' })]));
    const h = startEngine({ tabs: { 7: YT } });
    await configure(h, { download: { convertGif: false, downloadMode: 'audio' } });
    const start = await h.engine.handle({
      type: 'download/start',
      payload: { tabId: 7, url: null, mode: 'audio' },
    });
    if (!('jobId' in start)) throw new Error('no job');
    const job = await waitJob(h, start.jobId);
    expect(job.state).toBe('done');
    const posts = servers[0]!.requests
      .filter((r) => r.method === 'POST')
      .map((r) => JSON.parse(r.body) as Record<string, unknown>);
    expect(posts).toHaveLength(2);
    expect(posts[0]).toHaveProperty('convertGif', false);
    expect(posts[1]).toEqual({
      url: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ',
      downloadMode: 'audio',
    });
  });

  it('an unsupported link is refused in plain words, and nothing is sent anywhere', async () => {
    const h = await setUp(1, { 7: 'https://example.com/article' });
    await configure(h);
    // Refused (the dispatcher turns the Refusal into a `user` error reply).
    await expect(
      h.engine.handle({ type: 'download/start', payload: { tabId: 7, url: null, mode: 'auto' } }),
    ).rejects.toMatchObject({
      userError: { kind: 'input', titleKey: 'error_unsupported_page_title' },
    });
    expect(servers[0]!.requests.filter((r) => r.method === 'POST')).toEqual([]);
    // From the popup the panel says it; from the menu or shortcut (no popup) a notification does.
    expect(h.notifications).toEqual([]);
    await h.engine.startDownload({ tabId: 7, url: null, mode: 'auto', openPickerInTab: true });
    expect(h.notifications).toEqual([
      expect.objectContaining({
        titleKey: 'notifyFailedTitle',
        messageKey: 'error_unsupported_page_title',
      }),
    ]);
  });

  it('settings: export → reset → import round trip, and a bad file is refused with problems', async () => {
    const h = await setUp(1);
    // Reset turns the public trackers back on, and they refresh at once: refused off loopback.
    h.expectRefused();
    await configure(h, { saveAs: true });
    const { json } = await h.engine.handle({ type: 'settings/export', payload: {} });
    expect(await h.engine.handle({ type: 'settings/reset', payload: {} })).toEqual({ ok: true });
    expect(h.engine.state().settings.saveAs).toBe(false);
    expect(await h.engine.handle({ type: 'settings/import', payload: { json } })).toEqual({
      ok: true,
    });
    expect(h.engine.state().settings.saveAs).toBe(true);
    const bad = await h.engine.handle({
      type: 'settings/import',
      payload: {
        json: '{"format":"cobalt-picker/settings","version":3,"settings":{"download":{"videoQuality":"9999"}}}',
      },
    });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.problems[0]?.path).toContain('videoQuality');
    expect(h.engine.state().settings.saveAs).toBe(true);
  });

  it('a corrupt stored setting falls back alone and the popup says so', async () => {
    const storage = memoryStorage();
    const first = startEngine({ storage, tabs: { 7: YT } });
    await first.engine.ready;
    await first.engine.handle({ type: 'settings/save', payload: { settings: { saveAs: true } } });
    const stored = storage.data.get('local:settings') as {
      version: number;
      value: Record<string, unknown>;
    };
    storage.data.set('local:settings', {
      ...stored,
      value: { ...stored.value, download: { videoQuality: 'ultra' } },
    });
    const second = startEngine({ storage, tabs: { 7: YT } });
    // Default sources: the popup probes the bundled snapshot's public instances (refused).
    second.expectRefused();
    const snap = await second.engine.handle({ type: 'popup/snapshot', payload: { tabId: 7 } });
    expect(second.engine.state().settings.saveAs).toBe(true);
    expect(second.engine.state().settings.download.videoQuality).toBe('1080');
    expect(snap.notices.map((n) => n.params?.[0] ?? '').join(' ')).toContain('videoQuality');
  });

  it('a restarted worker resumes a young chain and it still lands', async () => {
    servers = await Promise.all([startCobaltServer(), startCobaltServer()]);
    tracker = await startTrackerServer();
    tracker.setFeed('/feed.json', JSON.stringify(servers.map((s) => feedEntry(s))));
    const [hang, healthy] = servers as [CobaltServer, CobaltServer];
    await hang.setBehavior({ kind: 'hang' });
    const storage = memoryStorage();
    const first = startEngine({ storage, tabs: { 7: YT } });
    await first.engine.handle({
      type: 'settings/save',
      payload: {
        settings: loopbackSettings(`${tracker.url}/feed.json`, {
          pinned: [hang.origin, healthy.origin],
          fallback: { maxAttempts: 2, deadlineMs: 30_000, hedgeMs: 10_000 },
        }),
      },
    });
    await first.engine.handle({ type: 'sources/refresh', payload: {} });
    await healthy.setBehavior({ kind: 'hang' });
    const start = await first.engine.handle({
      type: 'download/start',
      payload: { tabId: 7, url: null, mode: 'auto' },
    });
    if (!('jobId' in start)) throw new Error('no job');
    // The worker "dies" mid-chain: a new engine reads the same storage.
    await until(() => hang.requests.some((r) => r.method === 'POST'));
    await healthy.setBehavior({ kind: 'healthy', delayMs: 10 });
    const second = startEngine({ storage, tabs: { 7: YT } });
    const job = await waitJob(second, start.jobId);
    expect(job.state).toBe('done');
    expect(job.servedBy).toBe(healthy.origin);
  });
});

/** Logs what happens to the popup's stored view in the harness's storage, in order. */
function logViewCalls(h: Harness): string[] {
  const log: string[] = [];
  const { set, remove } = h.storage;
  h.storage.set = async (key, value) => {
    if (key === POPUP_VIEW_KEY) log.push('set');
    await set(key, value);
  };
  h.storage.remove = async (key) => {
    if (key === POPUP_VIEW_KEY) log.push('remove');
    await remove(key);
  };
  return log;
}

const viewIn = (h: Harness) => h.storage.data.get(POPUP_VIEW_KEY) as PopupView | undefined;
const requestCount = () => servers.reduce((n, s) => n + s.requests.length, 0);

/**
 * The popup's stored view (lib/app/popup-view-writer.ts) kept by the whole engine: written for
 * the tab in front, withdrawn by a change and written again.
 */
describe("the popup's stored view, kept by the engine", () => {
  it('is the answer the popup would get for the tab in front, built without a request', async () => {
    const h = await setUp(2);
    await configure(h);
    const view = await until(() => viewIn(h));
    // Settled: nothing left to change the state (the refresh's own probes have answered).
    await new Promise((resolve) => setTimeout(resolve, 500));
    const before = requestCount();
    h.engine.tabShown();
    await until(() => viewIn(h) !== view && viewIn(h));
    expect(requestCount()).toBe(before);
    const stored = viewIn(h)!;
    expect(stored).toMatchObject({ format: POPUP_VIEW_FORMAT, url: YT, snapshot: { tabId: 7 } });
    const live = await h.engine.handle({ type: 'popup/snapshot', payload: { tabId: null } });
    expect(stored.snapshot).toEqual(live);
    expect(stored.snapshot.instances.map((i) => i.origin).sort()).toEqual(
      servers.map((s) => s.origin).sort(),
    );
  });

  it('a change withdraws it, and it comes back with the change in it', async () => {
    const h = await setUp(2);
    const log = logViewCalls(h);
    await configure(h);
    await until(() => viewIn(h));
    const origin = servers[1]!.origin;
    expect(viewIn(h)!.snapshot.instances.find((i) => i.origin === origin)?.pinned).toBe(false);
    log.length = 0;
    await h.engine.handle({ type: 'instance/pin', payload: { origin, pinned: true } });
    await until(
      () => viewIn(h)?.snapshot.instances.find((i) => i.origin === origin)?.pinned === true,
    );
    expect(log[0]).toBe('remove');
    expect(log.at(-1)).toBe('set');
  });
});
