import type { DownloadMode } from '../../../lib/settings/schema';
import {
  MENU_ITEMS,
  readMenuClick,
  readWebAppClick,
  type MenuClick,
} from '../../../platform/menus';
import {
  eventually,
  fakeBrowser,
  loopbackWorld,
  postsTo,
  startBackground,
  useBackground,
  type MenuInfo,
} from './background-harness';

/**
 * contextMenus.onClicked of the real background: each of our items starts a job with its mode
 * and the right URL (link, media source or page), observed in storage and at the cobalt test
 * server; anything else does nothing and asks no instance.
 */
const owned = useBackground();

const YT_RAW = 'https://www.youtube.com/watch?v=dQw4w9WgXcQ&si=tracking';
const YT = 'https://www.youtube.com/watch?v=dQw4w9WgXcQ';
const YT_SHORT = 'https://youtu.be/dQw4w9WgXcQ?t=3';
const YT_FROM_SHORT = 'https://youtube.com/watch?v=dQw4w9WgXcQ';
const TW_RAW = 'https://x.com/someone/status/1697304622749086011?s=20';
const TW = 'https://x.com/someone/status/1697304622749086011';
const TT = 'https://www.tiktok.com/@fatfatmillycat/video/7195741644585454894';

function info(menuItemId: string, urls: Partial<MenuInfo>): MenuInfo {
  return { menuItemId, editable: false, modifiers: [], ...urls } as MenuInfo;
}

describe('readMenuClick (platform/menus.ts)', () => {
  const TAB = { id: 9 };
  const CASES: [
    string,
    Parameters<typeof readMenuClick>[0],
    { id?: number } | undefined,
    MenuClick | null,
  ][] = [
    [
      'link target',
      {
        menuItemId: 'cobalt-download:target',
        linkUrl: TW,
        srcUrl: 'https://i.example/a.jpg',
        pageUrl: YT,
      },
      TAB,
      { mode: 'auto', url: TW, tabId: 9 },
    ],
    [
      'media target without a link',
      { menuItemId: 'cobalt-download:target', srcUrl: YT_SHORT, pageUrl: YT },
      TAB,
      { mode: 'auto', url: YT_SHORT, tabId: 9 },
    ],
    [
      'target with neither: the page',
      { menuItemId: 'cobalt-download:target', pageUrl: YT },
      TAB,
      { mode: 'auto', url: YT, tabId: 9 },
    ],
    [
      'page item over a link: the page',
      { menuItemId: 'cobalt-download:page', linkUrl: TW, pageUrl: YT },
      TAB,
      { mode: 'auto', url: YT, tabId: 9 },
    ],
    [
      'page item without a page URL',
      { menuItemId: 'cobalt-download:page', linkUrl: TW },
      TAB,
      { mode: 'auto', url: null, tabId: 9 },
    ],
    [
      'audio target',
      { menuItemId: 'cobalt-download-audio:target', linkUrl: TT },
      TAB,
      { mode: 'audio', url: TT, tabId: 9 },
    ],
    [
      'audio page',
      { menuItemId: 'cobalt-download-audio:page', pageUrl: YT },
      TAB,
      { mode: 'audio', url: YT, tabId: 9 },
    ],
    [
      'mute target',
      { menuItemId: 'cobalt-download-mute:target', linkUrl: TT },
      TAB,
      { mode: 'mute', url: TT, tabId: 9 },
    ],
    [
      'mute page',
      { menuItemId: 'cobalt-download-mute:page', pageUrl: YT },
      TAB,
      { mode: 'mute', url: YT, tabId: 9 },
    ],
    [
      'no tab (e.g. a menu outside a tab)',
      { menuItemId: 'cobalt-download:target', linkUrl: TW },
      undefined,
      { mode: 'auto', url: TW, tabId: null },
    ],
    [
      'a tab without id',
      { menuItemId: 'cobalt-download:target', linkUrl: TW },
      {},
      { mode: 'auto', url: TW, tabId: null },
    ],
    ["another extension's item", { menuItemId: 'other-extension:target', linkUrl: TW }, TAB, null],
    ['a prefix of ours', { menuItemId: 'cobalt:target', linkUrl: TW }, TAB, null],
    ['a numeric id', { menuItemId: 7, linkUrl: TW }, TAB, null],
    ['an empty id', { menuItemId: '', linkUrl: TW }, TAB, null],
  ];

  it.each(CASES)('%s', (_name, clicked, tab, expected) => {
    expect(readMenuClick(clicked, tab)).toEqual(expected);
  });

  it.each([
    ['web app, link target', { menuItemId: 'cobalt-web-app:target', linkUrl: TW, pageUrl: YT }, TW],
    ['web app, media target', { menuItemId: 'cobalt-web-app:target', srcUrl: TT, pageUrl: YT }, TT],
    ['web app, page', { menuItemId: 'cobalt-web-app:page', linkUrl: TW, pageUrl: YT }, YT],
    ['web app, no URL at all', { menuItemId: 'cobalt-web-app:page' }, null],
    ['a download item', { menuItemId: 'cobalt-download:target', linkUrl: TW }, null],
    ['another extension', { menuItemId: 'other:target', linkUrl: TW }, null],
  ])('readWebAppClick: %s', (_name, clicked, expected) => {
    expect(readWebAppClick(clicked)).toBe(expected);
    // A web-app click is never a download.
    if (expected !== null) expect(readMenuClick(clicked, TAB)).toBeNull();
  });

  it('every item has a mode of its own', () => {
    expect(MENU_ITEMS.map((m) => m.mode).sort()).toEqual(['audio', 'auto', 'mute']);
  });
});

describe('contextMenus.onClicked', () => {
  const CLICKS: [string, Partial<MenuInfo>, DownloadMode, string][] = [
    ['cobalt-download:target', { linkUrl: TW_RAW, pageUrl: 'https://x.com/home' }, 'auto', TW],
    ['cobalt-download:page', { pageUrl: YT_RAW }, 'auto', YT],
    [
      'cobalt-download-audio:target',
      { srcUrl: YT_SHORT, pageUrl: 'https://blog.example/post' },
      'audio',
      YT_FROM_SHORT,
    ],
    ['cobalt-download-audio:page', { pageUrl: TT }, 'audio', TT],
    [
      'cobalt-download-mute:target',
      { linkUrl: TT, srcUrl: 'https://blog.example/thumb.jpg' },
      'mute',
      TT,
    ],
    ['cobalt-download-mute:page', { pageUrl: YT_RAW, linkUrl: TW_RAW }, 'mute', YT],
  ];

  it('the click table covers every menu item created', () => {
    expect(CLICKS.map(([id]) => id).sort()).toEqual(
      MENU_ITEMS.flatMap((m) => [`${m.id}:target`, `${m.id}:page`]).sort(),
    );
  });

  it.each(CLICKS)('%s starts a job with its mode and URL', async (id, urls, mode, url) => {
    const { servers } = await loopbackWorld(owned, 1);
    const bg = startBackground();
    await bg.ask('sources/refresh', {});
    const tab = await fakeBrowser.tabs.create({ url: urls.pageUrl ?? 'https://blog.example/' });

    bg.menus.click(info(id, urls), tab);

    const job = await eventually(async () => (await bg.jobs())[0]);
    expect(job).toMatchObject({ mode, url, tabId: tab.id, openPickerInTab: true });
    const [server] = servers;
    await eventually(() => postsTo(server!).length === 1);
    const body = postsTo(server!)[0];
    expect(body?.url).toBe(url);
    expect(body?.downloadMode).toBe(mode === 'auto' ? undefined : mode);
    // The chain ran to the end: a tunnel handed to the downloads API.
    await eventually(async () => (await bg.jobs())[0]?.state === 'downloading');
    expect(bg.downloads.started).toHaveLength(1);
    expect(bg.refused).toEqual([]);
  });

  it('a picker result opens the picker in a tab (no popup is open after a menu click)', async () => {
    await loopbackWorld(owned, 1, { server: { behavior: { kind: 'healthy', result: 'picker' } } });
    const bg = startBackground();
    await bg.ask('sources/refresh', {});
    const tab = await fakeBrowser.tabs.create({ url: TW_RAW });
    const createTab = vi.spyOn(fakeBrowser.tabs, 'create');

    bg.menus.click(info('cobalt-download:page', { pageUrl: TW_RAW }), tab);

    const job = await eventually(async () => (await bg.jobs()).find((j) => j.state === 'picker'));
    const pickerUrl = fakeBrowser.runtime.getURL(`/popup.html?job=${encodeURIComponent(job.id)}`);
    await eventually(() => createTab.mock.calls.some(([props]) => props.url === pickerUrl));
    // The picker tab asks for its job by id, and gets it with the choices.
    const snapshot = await bg.ask('popup/snapshot', { tabId: null, jobId: job.id });
    expect(snapshot.job).toMatchObject({ id: job.id, state: 'picker' });
    expect(snapshot.job?.picker?.items.length).toBeGreaterThan(0);
    expect(bg.downloads.started).toEqual([]); // nothing downloads before the user picks
  });

  it('an id that is not ours does nothing', async () => {
    const { servers, tracker } = await loopbackWorld(owned, 1);
    const bg = startBackground();
    const tab = await fakeBrowser.tabs.create({ url: YT_RAW });
    bg.menus.click(info('some-other-item', { linkUrl: YT_RAW, pageUrl: YT_RAW }), tab);
    bg.menus.click(
      info('cobalt-download:elsewhere-but-ours?', { linkUrl: 'https://blog.example/' }),
      tab,
    );
    await new Promise((r) => setTimeout(r, 200));
    expect(await bg.jobs()).toEqual([]);
    expect(postsTo(servers[0]!)).toEqual([]);
    expect(tracker.requests).toEqual([]);
    expect(bg.refused).toEqual([]);
  });

  it.each([
    [
      'a link the service table does not know',
      'cobalt-download:target',
      { linkUrl: 'https://blog.example/video.mp4', pageUrl: YT_RAW },
    ],
    [
      'a service page that is not media (a channel)',
      'cobalt-download-audio:target',
      { linkUrl: 'https://www.youtube.com/@channel' },
    ],
    ['a page that is not http(s)', 'cobalt-download:page', { pageUrl: 'chrome://settings/' }],
    ['no URL at all', 'cobalt-download:page', {}],
  ] as [string, string, Partial<MenuInfo>][])(
    '%s starts nothing and asks no instance',
    async (_name, id, urls) => {
      const { servers } = await loopbackWorld(owned, 1);
      const bg = startBackground();
      await bg.ask('sources/refresh', {});
      const fetchedBefore = bg.fetched.length;
      const tab = await fakeBrowser.tabs.create({ url: 'https://blog.example/' });
      bg.menus.click(info(id, urls), tab);
      await new Promise((r) => setTimeout(r, 200));
      expect(await bg.jobs()).toEqual([]);
      expect(postsTo(servers[0]!)).toEqual([]);
      expect(bg.fetched.slice(fetchedBefore)).toEqual([]);
      expect(bg.refused).toEqual([]);
      expect(bg.downloads.started).toEqual([]);
    },
  );
});
