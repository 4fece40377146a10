import type { JobView } from '../../../lib/model/job-view';
import { webAppUrl } from '../../../lib/ui/web-app-url';
import { feedEntry } from '../../support/engine-harness';
import {
  eventually,
  fakeBrowser,
  loopbackWorld,
  postsTo,
  startBackground,
  useBackground,
  type Background,
  type MenuInfo,
} from './background-harness';

/**
 * The hand-off to an instance's own web app outside the popup, in the real background: the
 * failure notification offers it and a click on it opens one tab at `<frontend>/#<link>`; the
 * context menu's "Open in a cobalt web app" does the same for the clicked link. Nothing opens
 * without the click, and the hand-off sends nothing to any instance.
 */
const owned = useBackground();

const YT_RAW = 'https://www.youtube.com/watch?v=dQw4w9WgXcQ&si=tracking';
const YT = 'https://www.youtube.com/watch?v=dQw4w9WgXcQ';

/** URLs of the tabs the background asked to open. */
let opened: string[] = [];
beforeEach(() => {
  opened = [];
  vi.spyOn(fakeBrowser.tabs, 'create').mockImplementation(async (props) => {
    opened.push(props.url ?? '');
    return { id: 50 + opened.length } as Awaited<ReturnType<typeof fakeBrowser.tabs.create>>;
  });
});

async function openTabs(): Promise<string[]> {
  return [...opened];
}

async function failedJob(bg: Background): Promise<JobView> {
  await bg.ask('sources/refresh', {});
  const start = await bg.ask('download/start', { tabId: null, url: YT_RAW, mode: 'auto' });
  if (!('jobId' in start)) throw new Error('no job');
  return eventually(async () => {
    const { job } = await bg.ask('popup/snapshot', { tabId: null, jobId: start.jobId });
    return job?.state === 'failed' ? job : undefined;
  });
}

/** One loopback instance that fails every download and names a web app of its own. */
async function failingWorldWithWebApp() {
  const world = await loopbackWorld(owned, 1, { server: { behavior: { kind: 'server-error' } } });
  world.tracker.setFeed('/feed.json', [
    feedEntry(world.servers[0]!, { frontEnd: 'web.cobalt.test', score: 100 }),
  ]);
  return world;
}

it('the failure notification offers the best web app; its click opens one tab there', async () => {
  await failingWorldWithWebApp();
  const bg = startBackground();
  const job = await failedJob(bg);
  expect(job.error?.kind).toBe('instances');

  const { handoff } = await bg.ask('popup/snapshot', { tabId: null, jobId: job.id });
  const best = handoff[0]!;
  const notes = await eventually(async () => {
    const all = await fakeBrowser.notifications.getAll();
    return job.id in all ? all : undefined;
  });
  expect(notes[job.id]).toMatchObject({
    title: 'notifyFailedTitle',
    message: `notifyFailedHandoff:${best.name}`,
  });
  // Nothing opens by itself.
  expect(await openTabs()).toEqual([]);

  await fakeBrowser.notifications.onClicked.trigger(job.id);
  const tabs = await eventually(async () => {
    const urls = await openTabs();
    return urls.length > 0 ? urls : undefined;
  });
  expect(tabs).toEqual([webAppUrl(best.frontend, YT)]);
  // The notification is gone, so it cannot open a second tab.
  expect(await fakeBrowser.notifications.getAll()).not.toHaveProperty(job.id);
});

it('a click on a notification of a job that was served opens nothing', async () => {
  await loopbackWorld(owned, 1);
  const bg = startBackground();
  await bg.ask('sources/refresh', {});
  const start = await bg.ask('download/start', { tabId: null, url: YT_RAW, mode: 'auto' });
  if (!('jobId' in start)) throw new Error('no job');
  await eventually(async () => (await bg.jobs())[0]?.state === 'downloading');
  await fakeBrowser.notifications.onClicked.trigger(start.jobId);
  await bg.idle();
  expect(await openTabs()).toEqual([]);
});

it('the context menu hands the clicked link to the best web app, asking no instance', async () => {
  const world = await failingWorldWithWebApp();
  const bg = startBackground();
  await bg.ask('sources/refresh', {});
  const { handoff } = await bg.ask('popup/snapshot', { tabId: null });
  expect(handoff).toEqual([]); // no page: the popup has nothing to offer

  bg.menus.click({
    menuItemId: 'cobalt-web-app:target',
    linkUrl: YT_RAW,
    pageUrl: 'https://example.org/',
    editable: false,
    modifiers: [],
  } as MenuInfo);
  const tabs = await eventually(async () => {
    const urls = await openTabs();
    return urls.length > 0 ? urls : undefined;
  });
  expect(tabs).toHaveLength(1);
  const opened = new URL(tabs[0]!);
  expect(decodeURIComponent(opened.hash.slice(1))).toBe(YT);
  expect(postsTo(world.servers[0]!)).toEqual([]);
  expect(bg.refused).toEqual([]);
});

it('the context menu on a link no web app can take says so instead of opening a tab', async () => {
  await failingWorldWithWebApp();
  const bg = startBackground();
  await bg.ask('sources/refresh', {});
  bg.menus.click({
    menuItemId: 'cobalt-web-app:page',
    pageUrl: 'https://example.org/not-a-service',
    editable: false,
    modifiers: [],
  } as MenuInfo);
  const notes = await eventually(async () => {
    const all = Object.values(await fakeBrowser.notifications.getAll());
    return all.length > 0 ? all : undefined;
  });
  expect(notes).toEqual([expect.objectContaining({ message: 'notifyNoWebApp' })]);
  expect(await openTabs()).toEqual([]);
});
