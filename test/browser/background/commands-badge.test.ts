import { DOWNLOAD_COMMAND } from '../../../entrypoints/background';
import { BADGE_COLORS } from '../../../lib/app/badge-state';
import {
  eventually,
  fakeBrowser,
  loopbackWorld,
  postsTo,
  startBackground,
  storeSettings,
  useBackground,
  type Background,
} from './background-harness';

/**
 * The keyboard shortcut (commands.onCommand) and the toolbar badge (tabs.onUpdated /
 * onActivated) of the real background.
 */
const owned = useBackground();

const YT_RAW = 'https://www.youtube.com/watch?v=dQw4w9WgXcQ&si=tracking';
const YT = 'https://www.youtube.com/watch?v=dQw4w9WgXcQ';

describe(`commands.onCommand('${DOWNLOAD_COMMAND}')`, () => {
  it("downloads the active tab's page with the default mode", async () => {
    const { servers } = await loopbackWorld(owned, 1);
    const bg = startBackground();
    await bg.ask('sources/refresh', {});
    await fakeBrowser.tabs.create({ url: 'https://blog.example/' });
    const active = await fakeBrowser.tabs.create({ url: YT_RAW });
    bg.activate(active.id!);

    bg.commands.fire(DOWNLOAD_COMMAND);

    const job = await eventually(async () => (await bg.jobs())[0]);
    expect(job).toMatchObject({ tabId: active.id, url: YT, mode: 'auto', openPickerInTab: true });
    await eventually(() => postsTo(servers[0]!).length === 1);
    expect(postsTo(servers[0]!)[0]).toEqual({ url: YT });
    await eventually(() => bg.downloads.started.length === 1);
  });

  it('uses the default mode from the stored settings, even when the shortcut wakes the worker', async () => {
    const world = await loopbackWorld(owned, 1);
    await storeSettings(world.settings({ download: { downloadMode: 'audio' } }));
    // A first worker refreshes the list, as an earlier session would have.
    const first = startBackground();
    await first.ask('sources/refresh', {});
    await first.idle();
    vi.restoreAllMocks();
    fakeBrowser.runtime.resetState(); // the worker stopped: its listeners are gone, storage stays
    fakeBrowser.tabs.onUpdated.removeAllListeners();
    fakeBrowser.tabs.onActivated.removeAllListeners();
    fakeBrowser.alarms.onAlarm.removeAllListeners();

    const active = await fakeBrowser.tabs.create({ url: YT_RAW });
    const bg = startBackground();
    bg.activate(active.id!);
    bg.commands.fire(DOWNLOAD_COMMAND); // the event that woke the worker, before storage is read

    const job = await eventually(async () => (await bg.jobs())[0]);
    expect(job).toMatchObject({ url: YT, mode: 'audio' });
    await eventually(() => postsTo(world.servers[0]!).length === 1);
    expect(postsTo(world.servers[0]!)[0]).toEqual({ url: YT, downloadMode: 'audio' });
  });

  it.each([
    ['another command', '_execute_action', 'https://www.youtube.com/watch?v=dQw4w9WgXcQ'],
    ['no active tab', DOWNLOAD_COMMAND, null],
    ['an unsupported active page', DOWNLOAD_COMMAND, 'https://blog.example/'],
    ['a browser page', DOWNLOAD_COMMAND, 'chrome://newtab/'],
  ])('%s: nothing starts and no instance is asked', async (_name, command, url) => {
    const { servers } = await loopbackWorld(owned, 1);
    const bg = startBackground();
    await bg.ask('sources/refresh', {});
    if (url !== null) bg.activate((await fakeBrowser.tabs.create({ url })).id!);
    bg.commands.fire(command);
    await new Promise((r) => setTimeout(r, 200));
    expect(await bg.jobs()).toEqual([]);
    expect(postsTo(servers[0]!)).toEqual([]);
    expect(bg.refused).toEqual([]);
  });
});

describe('toolbar badge', () => {
  function badgeSpies() {
    return {
      text: vi.spyOn(fakeBrowser.action, 'setBadgeText'),
      color: vi.spyOn(fakeBrowser.action, 'setBadgeBackgroundColor'),
      title: vi.spyOn(fakeBrowser.action, 'setTitle'),
    };
  }

  async function usableCount(bg: Background, tabId: number): Promise<number> {
    const snapshot = await bg.ask('popup/snapshot', { tabId });
    return snapshot.instances.filter((i) => !i.excluded).length;
  }

  async function painted(tabId: number) {
    return {
      text: await fakeBrowser.action.getBadgeText({ tabId }),
      title: await fakeBrowser.action.getTitle({ tabId }),
    };
  }

  it('a supported page shows the usable instance count in green', async () => {
    await loopbackWorld(owned, 2);
    const bg = startBackground();
    await bg.ask('sources/refresh', {});
    const spies = badgeSpies();
    const tab = await fakeBrowser.tabs.create({ url: 'https://blog.example/' });
    await fakeBrowser.tabs.update(tab.id!, { url: YT_RAW }); // fires tabs.onUpdated {url}

    await eventually(() => spies.title.mock.calls.length > 0);
    const count = await usableCount(bg, tab.id!);
    expect(count).toBeGreaterThanOrEqual(2);
    const text = count > 9 ? '9+' : String(count);
    expect(spies.text).toHaveBeenCalledWith({ tabId: tab.id, text });
    expect(spies.color).toHaveBeenCalledWith({ tabId: tab.id, color: BADGE_COLORS.ready });
    expect(spies.title).toHaveBeenCalledWith({
      tabId: tab.id,
      title: `badgeReady:YouTube|${count}`,
    });
    expect(await painted(tab.id!)).toEqual({ text, title: `badgeReady:YouTube|${count}` });
  });

  it('a refresh that changes the instances repaints every open tab', async () => {
    await loopbackWorld(owned, 2);
    const bg = startBackground();
    const tab = await fakeBrowser.tabs.create({ url: YT_RAW });
    const spies = badgeSpies();
    await bg.ask('sources/refresh', {});
    // No tab event fired: the repaint comes from the refresh itself.
    await eventually(() =>
      spies.title.mock.calls.some(
        ([arg]) => arg.tabId === tab.id && String(arg.title).startsWith('badgeReady'),
      ),
    );
  });

  it.each([
    ['an unsupported site', 'https://blog.example/post'],
    ['a service page that is not media', 'https://www.youtube.com/@channel'],
    ['a browser page', 'chrome://extensions/'],
  ])('%s shows no count, in grey', async (_name, url) => {
    await loopbackWorld(owned, 1);
    startBackground();
    const spies = badgeSpies();
    const tab = await fakeBrowser.tabs.create({ url: YT_RAW });
    await fakeBrowser.tabs.update(tab.id!, { url });
    await eventually(() => spies.title.mock.calls.length > 0);
    expect(spies.text).toHaveBeenCalledWith({ tabId: tab.id, text: '' });
    expect(spies.color).toHaveBeenCalledWith({ tabId: tab.id, color: BADGE_COLORS.none });
    expect(spies.title).toHaveBeenCalledWith({ tabId: tab.id, title: 'badgeUnsupported' });
  });

  it('a supported page with no usable instance shows "!" in amber', async () => {
    const world = await loopbackWorld(owned, 1);
    const bg = startBackground();
    await bg.ask('sources/refresh', {});
    const tab = await fakeBrowser.tabs.create({ url: YT_RAW });
    const usable = (await bg.ask('popup/snapshot', { tabId: tab.id! })).instances
      .filter((i) => !i.excluded)
      .map((i) => i.origin);
    expect(usable).toContain(world.servers[0]!.origin);
    expect(
      await bg.ask('settings/save', {
        settings: world.settings({ blocked: usable, pinned: [] }),
      }),
    ).toEqual({ ok: true });
    const spies = badgeSpies();
    await fakeBrowser.tabs.onUpdated.trigger(tab.id!, { status: 'complete' }, tab);
    await eventually(() => spies.title.mock.calls.length > 0);
    expect(spies.text).toHaveBeenCalledWith({ tabId: tab.id, text: '!' });
    expect(spies.color).toHaveBeenCalledWith({ tabId: tab.id, color: BADGE_COLORS.empty });
    expect(spies.title).toHaveBeenCalledWith({ tabId: tab.id, title: 'badgeNoInstances:YouTube' });
  });

  it('tabs.onActivated paints the badge of the tab switched to', async () => {
    await loopbackWorld(owned, 1);
    startBackground();
    const spies = badgeSpies();
    const other = await fakeBrowser.tabs.create({ url: 'https://blog.example/' });
    const tab = await fakeBrowser.tabs.create({ url: YT_RAW });
    await fakeBrowser.tabs.onActivated.trigger({ tabId: tab.id!, windowId: 0 });
    await eventually(() => spies.title.mock.calls.length > 0);
    expect(spies.title).toHaveBeenCalledWith({
      tabId: tab.id,
      title: expect.stringMatching(/^badge(Ready|NoInstances):YouTube/),
    });
    await fakeBrowser.tabs.onActivated.trigger({ tabId: other.id!, windowId: 0 });
    await eventually(() => spies.title.mock.calls.length > 1);
    expect(spies.title).toHaveBeenLastCalledWith({ tabId: other.id, title: 'badgeUnsupported' });
  });

  it('updates that change neither the URL nor finish loading do not repaint', async () => {
    await loopbackWorld(owned, 1);
    startBackground();
    const spies = badgeSpies();
    const tab = await fakeBrowser.tabs.create({ url: YT_RAW });
    await fakeBrowser.tabs.onUpdated.trigger(tab.id!, { title: 'A new title' }, tab);
    await fakeBrowser.tabs.onUpdated.trigger(tab.id!, { status: 'loading' }, tab);
    await new Promise((r) => setTimeout(r, 150));
    expect(spies.text).not.toHaveBeenCalled();
  });

  it('a tab that closed before the badge was painted is no error', async () => {
    await loopbackWorld(owned, 1);
    startBackground();
    const errors: unknown[] = [];
    const onError = (error: unknown) => errors.push(error);
    process.on('unhandledRejection', onError);
    try {
      vi.spyOn(fakeBrowser.action, 'setBadgeText').mockRejectedValue(
        new Error('No tab with id: 5'),
      );
      vi.spyOn(fakeBrowser.tabs, 'get').mockRejectedValue(new Error('No tab with id: 6'));
      await fakeBrowser.tabs.onUpdated.trigger(5, { url: YT_RAW }, { id: 5, url: YT_RAW } as never);
      await fakeBrowser.tabs.onActivated.trigger({ tabId: 6, windowId: 0 });
      await new Promise((r) => setTimeout(r, 150));
    } finally {
      process.off('unhandledRejection', onError);
    }
    expect(errors).toEqual([]);
  });
});
