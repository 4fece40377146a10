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
import { POPUP_VIEW_KEY } from '../../lib/app/popup-view-writer';
import type { PopupView } from '../../lib/model/popup-view';
import { POPUP_VIEW_FORMAT } from '../../lib/ui/usable-view';

/**
 * The popup's stored view (lib/app/popup-view-writer.ts) kept by the whole engine over real
 * HTTP on 127.0.0.1: written for the tab in front, withdrawn by a change and written again.
 */
const YT = 'https://www.youtube.com/watch?v=dQw4w9WgXcQ';

let servers: CobaltServer[] = [];
let tracker: Awaited<ReturnType<typeof startTrackerServer>>;

afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  await tracker?.close();
  servers = [];
});

/** The engine over 2 loopback instances, its storage logging what happens to the view. */
async function setUp(): Promise<{ h: Harness; log: string[] }> {
  servers = await Promise.all([startCobaltServer(), startCobaltServer()]);
  tracker = await startTrackerServer();
  tracker.setFeed('/feed.json', JSON.stringify(servers.map((s) => feedEntry(s))));
  const storage = memoryStorage();
  const log: string[] = [];
  const { set, remove } = storage;
  storage.set = async (key, value) => {
    if (key === POPUP_VIEW_KEY) log.push('set');
    await set(key, value);
  };
  storage.remove = async (key) => {
    if (key === POPUP_VIEW_KEY) log.push('remove');
    await remove(key);
  };
  const h = startEngine({ tabs: { 7: YT }, storage });
  await h.engine.handle({
    type: 'settings/save',
    payload: { settings: loopbackSettings(`${tracker.url}/feed.json`) },
  });
  await h.engine.handle({ type: 'sources/refresh', payload: {} });
  return { h, log };
}

const viewIn = (h: Harness) => h.storage.data.get(POPUP_VIEW_KEY) as PopupView | undefined;
const requestCount = () => servers.reduce((n, s) => n + s.requests.length, 0);

describe("the popup's stored view, kept by the engine", () => {
  it('is the answer the popup would get for the tab in front, built without a request', async () => {
    const { h } = await setUp();
    const view = await until(() => viewIn(h));
    // Settled: nothing left to change the state (the refresh's own probes have answered).
    await new Promise((resolve) => setTimeout(resolve, 500));
    const before = requestCount();
    h.engine.tabShown();
    await until(() => viewIn(h) !== view && viewIn(h));
    expect(requestCount()).toBe(before);
    const stored = viewIn(h)!;
    expect(stored).toMatchObject({ format: POPUP_VIEW_FORMAT, tabId: 7, url: YT });
    const live = await h.engine.handle({ type: 'popup/snapshot', payload: { tabId: null } });
    expect(stored.snapshot).toEqual(live);
    expect(stored.snapshot.instances.map((i) => i.origin).sort()).toEqual(
      servers.map((s) => s.origin).sort(),
    );
  });

  it('a change withdraws it, and it comes back with the change in it', async () => {
    const { h, log } = await setUp();
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
