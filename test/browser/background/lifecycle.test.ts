import { DOWNLOAD_COMMAND, REFRESH_ALARM } from '../../../entrypoints/background';
import type { Job } from '../../../lib/app/job';
import { createItemStore } from '../../../lib/storage/item-store';
import { jobsItem } from '../../../lib/app/stored-items';
import { createStorageArea } from '../../../platform/storage-area';
import { menuUrlPatterns } from '../../../lib/services';
import { customSourceId } from '../../../lib/sources/builtin-sources';
import { UA_RULE_ID, USER_AGENT } from '../../../lib/net/user-agent';
import { MENU_ITEMS, SELECTION_MENU_ID, WEB_APP_MENU } from '../../../platform/menus';
import {
  eventually,
  fakeBrowser,
  postsTo,
  loopbackWorld,
  startBackground,
  useBackground,
  type Background,
} from './background-harness';

/**
 * Install / startup wiring of the real background: context menus, the User-Agent DNR rule and
 * the refresh alarm; and the alarm itself running a refresh against a tracker on 127.0.0.1.
 */
const owned = useBackground();

function expectMenus(bg: Background) {
  const patterns = menuUrlPatterns();
  expect(bg.menus.removeAllCalls).toBe(1);
  // Two per download item and the web-app item (a target, the page), one for a selection.
  expect(bg.menus.created).toHaveLength((MENU_ITEMS.length + 1) * 2 + 1);
  expect(bg.menus.created).toContainEqual({
    id: SELECTION_MENU_ID,
    title: 'menuDownloadSelection',
    contexts: ['selection'],
  });
  for (const item of [...MENU_ITEMS, WEB_APP_MENU]) {
    expect(bg.menus.created).toContainEqual({
      id: `${item.id}:target`,
      title: item.titleKey, // i18n stub: the key itself
      contexts: ['link', 'video', 'audio', 'image'],
      targetUrlPatterns: patterns,
    });
    expect(bg.menus.created).toContainEqual({
      id: `${item.id}:page`,
      title: item.titleKey,
      contexts: ['page'],
      documentUrlPatterns: patterns,
    });
  }
  // Host patterns only, every one a valid match pattern for http and https.
  expect(patterns.length).toBeGreaterThan(10);
  for (const pattern of patterns) expect(pattern).toMatch(/^\*:\/\/(\*\.)?[a-z0-9.-]+\/\*$/);
}

function expectUserAgentRule(bg: Background) {
  expect(bg.sessionRules).toEqual([
    {
      removeRuleIds: [UA_RULE_ID],
      addRules: [
        {
          id: UA_RULE_ID,
          priority: 1,
          action: {
            type: 'modifyHeaders',
            requestHeaders: [{ header: 'user-agent', operation: 'set', value: USER_AGENT }],
          },
          condition: {
            initiatorDomains: [fakeBrowser.runtime.id],
            resourceTypes: ['xmlhttprequest'],
          },
        },
      ],
    },
  ]);
  expect(USER_AGENT).toMatch(/^cobalt-picker\/\d+\.\d+\.\d+ \(\+https:\/\//);
}

const MINUTE = 60_000;

async function refreshAlarm() {
  return eventually(() => fakeBrowser.alarms.get(REFRESH_ALARM));
}

describe.each([
  [
    'runtime.onInstalled',
    () => fakeBrowser.runtime.onInstalled.trigger({ reason: 'install', temporary: false }),
  ],
  ['runtime.onStartup', () => fakeBrowser.runtime.onStartup.trigger()],
])('%s', (_name, fire) => {
  it('creates every menu item, installs the UA rule, and schedules the refresh alarm', async () => {
    const { tracker, feedUrl } = await loopbackWorld(owned, 1);
    const bg = startBackground();
    const before = Date.now();
    await fire();

    const alarm = await refreshAlarm();
    expectMenus(bg);
    expectUserAgentRule(bg);
    // The first run refreshed the (due) custom list, then scheduled the next check.
    expect(tracker.requestsTo('/feed.json')).toHaveLength(1);
    // After a success the list is due again in an hour ±10 % (lib/sources/refresh-schedule.ts).
    expect(alarm.scheduledTime).toBeGreaterThanOrEqual(before + 54 * MINUTE);
    expect(alarm.scheduledTime).toBeLessThanOrEqual(Date.now() + 66 * MINUTE);
    const feeds = await bg.ask('options/snapshot', {});
    expect(feeds.feeds.find((f) => f.source === customSourceId(feedUrl))).toMatchObject({
      enabled: true,
      entries: 1,
      lastError: null,
    });
    expect(bg.refused).toEqual([]);
  });
});

it('installing twice (update, then a browser restart) leaves one set of menus and one rule', async () => {
  await loopbackWorld(owned, 1);
  const bg = startBackground();
  await fakeBrowser.runtime.onInstalled.trigger({
    reason: 'update',
    previousVersion: '0.0.1',
    temporary: false,
  });
  await refreshAlarm();
  await fakeBrowser.alarms.clearAll();
  await fakeBrowser.runtime.onStartup.trigger();
  await refreshAlarm();
  expect(bg.menus.removeAllCalls).toBe(2);
  expect(bg.menus.created).toHaveLength((MENU_ITEMS.length + 1) * 2 + 1);
  expect(bg.sessionRules).toHaveLength(2);
  for (const call of bg.sessionRules) expect(call.removeRuleIds).toEqual([UA_RULE_ID]);
  expect(await fakeBrowser.alarms.getAll()).toHaveLength(1);
});

it('a browser without declarativeNetRequest (the Firefox build) still gets menus and the alarm', async () => {
  await loopbackWorld(owned, 1);
  const bg = startBackground();
  const dnr = fakeBrowser.declarativeNetRequest;
  // @ts-expect-error -- the API is absent on Firefox (no DNR permission requested)
  delete fakeBrowser.declarativeNetRequest;
  try {
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'install', temporary: false });
    await refreshAlarm();
  } finally {
    fakeBrowser.declarativeNetRequest = dnr;
  }
  expectMenus(bg);
  expect(bg.sessionRules).toEqual([]);
});

it('a refused UA rule does not stop the alarm from being scheduled', async () => {
  await loopbackWorld(owned, 1);
  const bg = startBackground();
  vi.mocked(fakeBrowser.declarativeNetRequest.updateSessionRules).mockRejectedValueOnce(
    new Error('rule refused'),
  );
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  await fakeBrowser.runtime.onInstalled.trigger({ reason: 'install', temporary: false });
  await refreshAlarm();
  expectMenus(bg);
  expect(warn).toHaveBeenCalledWith('UA rule', expect.any(Error));
});

it('a menu the browser refuses does not stop the UA rule or the refresh alarm', async () => {
  await loopbackWorld(owned, 1);
  const bg = startBackground();
  // Chromium throws synchronously from contextMenus.create (e.g. "Invalid url pattern").
  vi.mocked(fakeBrowser.contextMenus.create).mockImplementation(() => {
    throw new Error('Invalid url pattern');
  });
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  await fakeBrowser.runtime.onInstalled.trigger({ reason: 'install', temporary: false });
  await refreshAlarm();
  expectUserAgentRule(bg);
  expect(warn).toHaveBeenCalledWith('menus', expect.any(Error));
});

describe(`alarms.onAlarm('${REFRESH_ALARM}')`, () => {
  it('refreshes due sources over HTTP and schedules the next alarm', async () => {
    const { tracker } = await loopbackWorld(owned, 2);
    const bg = startBackground();
    const before = Date.now();
    await fakeBrowser.alarms.onAlarm.trigger({ name: REFRESH_ALARM, scheduledTime: Date.now() });

    const alarm = await refreshAlarm();
    const [request] = tracker.requestsTo('/feed.json');
    expect(request).toBeDefined();
    // Chromium build (import.meta.env.FIREFOX is unset under test): the fetch carries no
    // User-Agent of ours, since Chromium would drop it; the DNR rule sets it in the browser.
    expect(import.meta.env.FIREFOX).toBeFalsy();
    expect(request?.headers['user-agent']).not.toBe(USER_AGENT);
    expect(alarm.scheduledTime).toBeGreaterThanOrEqual(before + 54 * MINUTE);
    expect(alarm.scheduledTime).toBeLessThanOrEqual(Date.now() + 66 * MINUTE);

    // The refreshed list is what the popup ranks now (no longer the bundled snapshot).
    const snapshot = await bg.ask('popup/snapshot', { tabId: null });
    expect(snapshot.usingBundled).toBe(false);
    expect(bg.refused).toEqual([]);
  });

  it('on the Firefox build the feed request carries the User-Agent header itself', async () => {
    const { tracker } = await loopbackWorld(owned, 1);
    vi.stubEnv('FIREFOX', 'true'); // read when the worker starts (main())
    startBackground();
    await fakeBrowser.alarms.onAlarm.trigger({ name: REFRESH_ALARM, scheduledTime: Date.now() });
    await refreshAlarm();
    expect(tracker.requestsTo('/feed.json')[0]?.headers['user-agent']).toBe(USER_AGENT);
  });

  it('a second alarm before the next attempt is due asks the tracker nothing, and re-schedules', async () => {
    const { tracker } = await loopbackWorld(owned, 1);
    startBackground();
    await fakeBrowser.alarms.onAlarm.trigger({ name: REFRESH_ALARM, scheduledTime: Date.now() });
    await refreshAlarm();
    await fakeBrowser.alarms.clearAll();
    await fakeBrowser.alarms.onAlarm.trigger({ name: REFRESH_ALARM, scheduledTime: Date.now() });
    await refreshAlarm();
    expect(tracker.requestsTo('/feed.json')).toHaveLength(1);
  });

  it('a failing tracker is recorded, and the alarm is still re-scheduled', async () => {
    const { tracker, feedUrl } = await loopbackWorld(owned, 1);
    tracker.setMode('/feed.json', 'error');
    const bg = startBackground();
    const before = Date.now();
    await fakeBrowser.alarms.onAlarm.trigger({ name: REFRESH_ALARM, scheduledTime: Date.now() });
    const alarm = await refreshAlarm();
    // The first failure backs off a quarter of the hour (lib/sources/refresh-schedule.ts).
    expect(alarm.scheduledTime).toBeGreaterThanOrEqual(before + 15 * MINUTE);
    expect(alarm.scheduledTime).toBeLessThanOrEqual(Date.now() + 15 * MINUTE);
    const { feeds } = await bg.ask('options/snapshot', {});
    const feed = feeds.find((f) => f.source === customSourceId(feedUrl));
    expect(feed?.lastError).toBeTruthy();
    expect(feed?.entries).toBe(0);
  });

  it('other alarms are ignored', async () => {
    const { tracker } = await loopbackWorld(owned, 1);
    startBackground();
    await fakeBrowser.alarms.onAlarm.trigger({ name: 'something-else', scheduledTime: Date.now() });
    await new Promise((r) => setTimeout(r, 200));
    expect(tracker.requests).toEqual([]);
    expect(await fakeBrowser.alarms.getAll()).toEqual([]);
  });
});

it('exports the names the manifest and docs rely on', () => {
  expect(REFRESH_ALARM).toBe('refresh-sources');
  expect(DOWNLOAD_COMMAND).toBe('download-page');
});

describe('a worker that stopped mid-download', () => {
  function runningJob(id: string, startedAt: number): Job {
    return {
      id,
      tabId: 4,
      service: 'youtube',
      mode: 'audio',
      url: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ',
      state: 'running',
      startedAt,
      updatedAt: startedAt,
      trail: [],
      servedBy: null,
      picker: null,
      filenames: [],
      downloadIds: [],
      error: null,
      resumes: 0,
      openPickerInTab: true,
    };
  }

  it('resumes a young job when the worker starts again, and fails an old one in plain words', async () => {
    const { servers } = await loopbackWorld(owned, 1);
    // A previous worker refreshed the list, then stopped with two jobs still running.
    const first = startBackground();
    await first.ask('sources/refresh', {});
    await first.idle();
    const young = runningJob('young-1', Date.now() - 1000);
    const old = runningJob('old-1', Date.now() - 10 * 60_000);
    const written = await createItemStore(createStorageArea()).write(jobsItem, [young, old]);
    expect(written.ok).toBe(true);
    vi.restoreAllMocks();
    fakeBrowser.runtime.resetState();

    const bg = startBackground();
    const resumed = await eventually(async () =>
      (await bg.jobs()).find((j) => j.id === young.id && j.state === 'downloading'),
    );
    expect(resumed.resumes).toBe(1);
    expect(postsTo(servers[0]!)).toEqual([
      { url: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ', downloadMode: 'audio' },
    ]);
    expect(bg.downloads.started).toHaveLength(1);
    const failed = (await bg.jobs()).find((j) => j.id === old.id);
    expect(failed).toMatchObject({
      state: 'failed',
      error: { titleKey: 'error_interrupted_title' },
    });
    expect(await fakeBrowser.notifications.getAll()).toHaveProperty(old.id);
  });
});
