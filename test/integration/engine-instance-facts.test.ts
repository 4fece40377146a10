import { startCobaltServer, type CobaltServer } from '../support/cobalt-server';
import { browserCorsFetch } from '../support/browser-cors-fetch';
import {
  feedEntry,
  loopbackSettings,
  startEngine,
  until,
  type Harness,
} from '../support/engine-harness';
import { startTrackerServer } from '../support/tracker-server';
import type { PopupSnapshot } from '../../lib/model/snapshots';

/**
 * What an instance's own `GET /` says, through the whole engine over real HTTP on 127.0.0.1,
 * with the browser's CORS check in front of its fetch (test/support/browser-cors-fetch.ts):
 * an instance closed to the extension needs permission until host access is granted; forks
 * are left out when the user asks for imputnet/cobalt only; a service the instance does not
 * list is not offered there.
 */
const YT = 'https://www.youtube.com/watch?v=dQw4w9WgXcQ';
const EXTENSION = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop';

let servers: CobaltServer[] = [];
let tracker: Awaited<ReturnType<typeof startTrackerServer>> | null = null;
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  await tracker?.close();
  servers = [];
  tracker = null;
});

async function setUp(count: number, granted: Set<string>, extra: Record<string, unknown> = {}) {
  servers = await Promise.all(Array.from({ length: count }, () => startCobaltServer()));
  tracker = await startTrackerServer();
  const feed = tracker;
  // The trackers are in the manifest's host permissions (wxt.config.ts).
  granted.add(new URL(feed.url).origin);
  feed.setFeed('/feed.json', JSON.stringify(servers.map((s) => feedEntry(s))));
  const h = startEngine({
    tabs: { 7: YT },
    wrapFetch: (fetch) =>
      browserCorsFetch({
        extensionOrigin: EXTENSION,
        hasHostAccess: (origin) => granted.has(origin),
        fetch,
      }),
  });
  const settings = loopbackSettings(`${feed.url}/feed.json`, {
    probe: { enabled: true, concurrency: 4, timeoutMs: 2000, cacheMinutes: 15 },
    ...extra,
  });
  expect(await h.engine.handle({ type: 'settings/save', payload: { settings } })).toEqual({
    ok: true,
  });
  await h.engine.handle({ type: 'sources/refresh', payload: {} });
  return h;
}

const snapshot = (h: Harness): Promise<PopupSnapshot> =>
  h.engine.handle({ type: 'popup/snapshot', payload: { tabId: 7 } });

describe('instance facts through the engine', () => {
  it('closed by CORS → needs permission → host access granted → a fresh GET / → download works', async () => {
    const granted = new Set<string>();
    const h = await setUp(1, granted);
    const [closed] = servers as [CobaltServer];
    await closed.configure({ corsUrl: 'https://cobalt.example' });

    const before = await probedViewAsync(h, closed.origin);
    expect(before).toMatchObject({ excluded: true, needsPermission: true });
    expect(before.reasons).toContainEqual({ key: 'reasonNeedsPermission', effect: '!' });

    granted.add(closed.origin); // the user clicked "Allow access" and the browser granted it
    await h.engine.handle({
      type: 'instance/test',
      payload: { origin: closed.origin, service: null },
    });
    const after = (await snapshot(h)).instances.find((i) => i.origin === closed.origin);
    expect(after).toMatchObject({
      excluded: false,
      needsPermission: false,
      codebase: 'imputnet/cobalt',
    });

    const start = await h.engine.handle({
      type: 'download/start',
      payload: { tabId: 7, url: null, mode: 'auto' },
    });
    if (!('jobId' in start)) throw new Error('no job');
    await until(() => {
      const job = h.engine.state().jobs.find((j) => j.id === start.jobId);
      return job && (job.state === 'done' || job.state === 'failed');
    }, 15_000);
    const job = (await snapshot(h)).job;
    // The harness stands in for the downloads API: it fetches the bytes and reports the end.
    expect(job).toMatchObject({ id: start.jobId, state: 'done', servedBy: closed.origin });
    await Promise.all(h.downloads.settled);
    expect(h.downloads.files).toHaveLength(1);
  });

  it('only imputnet/cobalt: the fork is left out with its name in the reason', async () => {
    const granted = new Set<string>();
    const h = await setUp(2, granted, {
      trust: { allowListed: true, allowHttp: true, allowIpOnly: true, onlyUpstream: true },
    });
    const [upstream, fork] = servers as [CobaltServer, CobaltServer];
    await fork.configure({ gitRemote: 'someone/cobalt-fork' });
    const forkView = await probedViewAsync(h, fork.origin);
    const upstreamView = await probedViewAsync(h, upstream.origin);
    expect(forkView).toMatchObject({ excluded: true, codebase: 'someone/cobalt-fork' });
    expect(forkView.reasons).toContainEqual({
      key: 'reasonFork',
      params: ['someone/cobalt-fork'],
      effect: '!',
    });
    expect(upstreamView).toMatchObject({ excluded: false, codebase: 'imputnet/cobalt' });
  });

  it('a service the instance no longer lists is not offered there', async () => {
    const granted = new Set<string>();
    const h = await setUp(2, granted);
    const [withYoutube, without] = servers as [CobaltServer, CobaltServer];
    await without.configure({ services: ['tiktok', 'twitter', 'bluesky'] });
    const off = await probedViewAsync(h, without.origin);
    expect(off.excluded).toBe(true);
    expect(off.reasons).toContainEqual({ key: 'reasonServiceDisabled', effect: '!' });
    expect((await probedViewAsync(h, withYoutube.origin)).excluded).toBe(false);
  });
});

/**
 * The popup's view of `origin` once the probe the snapshot request set off has its verdict
 * (the engine probes the page's candidates in the background, lib/app/probe-scheduler.ts).
 */
async function probedViewAsync(h: Harness, origin: string) {
  await snapshot(h);
  await until(() => h.engine.state().probes[origin]);
  const view = (await snapshot(h)).instances.find((v) => v.origin === origin);
  if (!view) throw new Error(`${origin} is not listed`);
  return view;
}
