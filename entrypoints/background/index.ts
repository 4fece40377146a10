import '../../platform/zod-jitless';
import { browser } from 'wxt/browser';
import { createEngine } from '../../lib/app/engine';
import { invalidReply, toReply } from '../../lib/app/message-handlers';
import { isTrustedSender, parseMessage } from '../../lib/messages/message-schemas';
import { menuUrlPatterns } from '../../lib/services';
import { fetchUserAgent } from '../../lib/net/user-agent';
import { setBadge } from '../../platform/badge';
import {
  createDownloadAdapter,
  describeDownloads,
  discardDownload,
  watchDownloads,
} from '../../platform/downloads';
import { DOWNLOAD_STALL_MS } from '../../lib/submit/judge-progress';
import { createLocalProcessor } from '../../platform/local-processor';
import {
  MENU_ITEMS,
  SELECTION_MENU_ID,
  WEB_APP_MENU,
  installMenus,
  readMenuClick,
  readWebAppClick,
} from '../../platform/menus';
import { readSelectionLinks } from '../../platform/selection';
import { tData } from '../../platform/i18n';
import { notify, onNotificationClicked } from '../../platform/notify';
import { createStorageArea } from '../../platform/storage-area';
import { activeTabId, openPicker, tabUrl } from '../../platform/tabs';
import { installUserAgentRule } from '../../platform/user-agent-rule';

/**
 * Thin wiring (docs/rules.md "Architecture"): every listener is registered synchronously at start so
 * an MV3 worker woken by an event never misses it, and each delegates to the engine (lib/app),
 * which awaits its own `ready`.
 */
export const REFRESH_ALARM = 'refresh-sources';
export const DOWNLOAD_COMMAND = 'download-page';
export const BATCH_ALARM = 'batch-wake';
export const DOWNLOAD_WATCH_ALARM = 'download-watch';
/**
 * The e2e build (COBALT_PICKER_E2E=1, wxt.config.ts) ends a stalled download after 5 s, so its
 * stall scenario takes seconds rather than a minute; every other build uses DOWNLOAD_STALL_MS.
 */
const E2E_DOWNLOAD_STALL_MS = 5_000;
/** Chromium fires alarms no sooner than 30 s out; in-process timers cover shorter waits. */
const MIN_ALARM_MS = 30_000;

/** Sets alarm `name` for `at` (cleared for null), never sooner than Chromium allows. */
const alarmAt =
  (name: string) =>
  (at: number | null): void => {
    if (at === null) void browser.alarms.clear(name);
    else void browser.alarms.create(name, { when: Math.max(at, Date.now() + MIN_ALARM_MS) });
  };

export default defineBackground(() => {
  const engine = createEngine({
    storage: createStorageArea(),
    fetch: (input, init) => fetch(input, init),
    download: createDownloadAdapter(),
    local: createLocalProcessor(),
    discardDownload,
    now: () => Date.now(),
    random: () => Math.random(),
    tabUrl,
    activeTabId,
    broadcast: (message) => {
      // No page open is the normal case: nothing listens, and that is fine.
      browser.runtime.sendMessage(message).catch(() => undefined);
      // What an instance count depends on changed: every tab's badge may be stale.
      if (message.what !== 'job' && message.what !== 'recent') void repaintAll();
    },
    notify: (id, titleKey, messageKey, params) =>
      void notify(id, { title: tData(titleKey), message: tData(messageKey, params) }),
    text: (key, params) => tData(key, params),
    wakeBatchAt: alarmAt(BATCH_ALARM),
    describeDownloads,
    wakeDownloadWatchAt: alarmAt(DOWNLOAD_WATCH_ALARM),
    downloadStallMs: import.meta.env.COBALT_PICKER_E2E ? E2E_DOWNLOAD_STALL_MS : DOWNLOAD_STALL_MS,
    userAgent: fetchUserAgent(import.meta.env.FIREFOX),
    openPicker,
    log: (message) => console.info(`[cobalt-picker] ${message}`),
  });

  async function scheduleRefresh(force: boolean): Promise<void> {
    const when = await engine.refresh(force);
    await browser.alarms.create(REFRESH_ALARM, { when });
  }

  async function paintBadge(tabId: number, url: string | undefined): Promise<void> {
    const view = await engine.badgeFor(url ?? null);
    await setBadge(tabId, {
      text: view.text,
      color: view.color,
      title: tData(view.titleKey, view.titleParams),
    });
  }

  async function repaintAll(): Promise<void> {
    const tabs = await browser.tabs.query({}).catch(() => []);
    await Promise.all(
      tabs.map((tab) => (tab.id === undefined ? undefined : paintBadge(tab.id, tab.url))),
    );
  }

  async function setUp(): Promise<void> {
    // Each step on its own: a refused menu must not leave the lists without a refresh alarm.
    await installMenus(menuUrlPatterns()).catch((error: unknown) => console.warn('menus', error));
    await installUserAgentRule().catch((error: unknown) => console.warn('UA rule', error));
    await scheduleRefresh(false);
    await repaintAll(); // tabs open before install/startup get their badge too
  }

  browser.runtime.onInstalled.addListener(() => void setUp());
  browser.runtime.onStartup.addListener(() => void setUp());

  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === REFRESH_ALARM) void scheduleRefresh(false);
    if (alarm.name === BATCH_ALARM) void engine.wakeBatch();
    if (alarm.name === DOWNLOAD_WATCH_ALARM) void engine.checkDownloads();
  });

  browser.runtime.onMessage.addListener((raw, sender, sendResponse) => {
    if ((raw as { type?: unknown } | null)?.type === 'changed') return false; // our own broadcast
    if (!isTrustedSender(sender, browser.runtime.id, browser.runtime.getURL('/'))) return false;
    const parsed = parseMessage(raw);
    if (!parsed.ok) {
      sendResponse(invalidReply(parsed.error));
      return false;
    }
    // Every answer is a Reply (lib/messages/protocol.ts): a value, a refusal or a failure.
    void toReply(() => engine.handle(parsed.envelope)).then(sendResponse);
    return true; // answered asynchronously
  });

  // A web app opens only from the user's own click, in one new tab (docs/rules.md "hand-off").
  const openWebApp = (handoff: { url: string } | null): void => {
    if (handoff) void browser.tabs.create({ url: handoff.url });
  };

  browser.contextMenus.onClicked.addListener((info, tab) => {
    if (info.menuItemId === SELECTION_MENU_ID) {
      if (tab?.id === undefined) return;
      void (async () => {
        const text = await readSelectionLinks(tab.id as number, info.frameId).catch(
          () => info.selectionText ?? '',
        );
        await engine.ready;
        const mode = engine.state().settings.download.downloadMode;
        await engine.startBatchFromMenu(text, mode);
      })();
      return;
    }
    const link = readWebAppClick(info);
    if (link !== null) {
      void engine.webAppForLink(link).then((handoff) => {
        if (handoff) openWebApp(handoff);
        else
          void notify(`no-web-app-${Date.now()}`, {
            title: tData('notifyFailedTitle'),
            message: tData(WEB_APP_MENU.noneKey),
          });
      });
      return;
    }
    const click = readMenuClick(info, tab);
    if (click) void engine.startDownload({ ...click, openPickerInTab: true });
  });

  onNotificationClicked((id) => void engine.webAppForJob(id).then(openWebApp));

  browser.commands.onCommand.addListener((command) => {
    if (command !== DOWNLOAD_COMMAND) return;
    void (async () => {
      const tabId = await activeTabId();
      // A worker woken by the shortcut has not read the stored settings yet.
      await engine.ready;
      const mode = engine.state().settings.download.downloadMode;
      await engine.startDownload({ tabId, url: null, mode, openPickerInTab: true });
    })();
  });

  // The popup's stored view follows the tab in front (lib/app/popup-view-writer.ts).
  browser.tabs.onUpdated.addListener((tabId, change, tab) => {
    if (change.url === undefined && change.status !== 'complete') return;
    void paintBadge(tabId, tab.url);
    if (tab.active) engine.tabShown();
  });
  browser.tabs.onActivated.addListener(({ tabId }) => {
    engine.tabShown();
    void browser.tabs.get(tabId).then(
      (tab) => paintBadge(tabId, tab.url),
      () => undefined,
    );
  });

  watchDownloads((end) => void engine.onDownloadEnded(end));

  // Keeps the menu ids referenced here so docs/testing.md and the e2e stay in step.
  void MENU_ITEMS;
});
