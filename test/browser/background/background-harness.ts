import { fakeBrowser } from 'wxt/testing/fake-browser';
import background from '../../../entrypoints/background';
import type { Job } from '../../../lib/app/job';
import type { MessageType, Reply, RequestOf, ResponseOf } from '../../../lib/messages/protocol';
import { createItemStore } from '../../../lib/storage/item-store';
import { settingsItem } from '../../../lib/app/stored-items';
import { createStorageArea } from '../../../platform/storage-area';
import {
  startCobaltServer,
  type CobaltServer,
  type StartOptions,
} from '../../support/cobalt-server';
import { feedEntry, loopbackSettings } from '../../support/engine-harness';
import { isLoopbackHost } from '../../support/loopback-names';
import { startTrackerServer, type TrackerServer } from '../../support/tracker-server';

/**
 * The real background (entrypoints/background) on fakeBrowser, with stubs for what fakeBrowser
 * does not implement (contextMenus, downloads, declarativeNetRequest, i18n, commands) and a
 * `fetch` that only reaches 127.0.0.1. Each stub records what the background asked of it and
 * keeps the listeners it registered, so a test can fire the browser's events.
 */

type CreateMenu = Parameters<typeof fakeBrowser.contextMenus.create>[0];
type MenuListener = Parameters<typeof fakeBrowser.contextMenus.onClicked.addListener>[0];
export type MenuInfo = Parameters<MenuListener>[0];
type MenuTab = Parameters<MenuListener>[1];
type DownloadOptions = Parameters<typeof fakeBrowser.downloads.download>[0];
type DownloadListener = Parameters<typeof fakeBrowser.downloads.onChanged.addListener>[0];
type DownloadDelta = Parameters<DownloadListener>[0];
type DownloadItem = Awaited<ReturnType<typeof fakeBrowser.downloads.search>>[number];
type SessionRules = Parameters<typeof fakeBrowser.declarativeNetRequest.updateSessionRules>[0];
type CommandListener = (command: string) => void;

export interface Sender {
  id?: string;
  url?: string;
  tab?: unknown;
}

/** What one message got from the background's onMessage listener. */
interface Delivery {
  /** The listener's return value: true = "I will answer asynchronously". */
  kept: unknown;
  answered: boolean;
  response: unknown;
}

export interface Background {
  menus: {
    created: CreateMenu[];
    removeAllCalls: number;
    click(info: MenuInfo, tab?: MenuTab): void;
  };
  downloads: {
    started: DownloadOptions[];
    /** Fires downloads.onChanged, as the browser does when a download ends. */
    change(delta: DownloadDelta): void;
    /**
     * The browser's list of downloads, as downloads.search reports it (type and size of what
     * was saved); a test sets what the server sent before firing the end.
     */
    items: Map<number, DownloadItem>;
    /** Ids whose file or partial file the background removed (removeFile / cancel + erase). */
    removed: number[];
  };
  sessionRules: SessionRules[];
  commands: { fire(command: string): void };
  /** What the background broadcast to open pages (runtime.sendMessage). */
  broadcasts: unknown[];
  /** Every URL the background fetched (loopback ones), and the origins refused. */
  fetched: string[];
  refused: string[];
  /** Delivers a raw message with a sender, as runtime.onMessage would. */
  deliver(raw: unknown, sender?: Sender): Promise<Delivery>;
  /** A trusted message from the popup, answered: the reply's value (a refusal throws). */
  ask<T extends MessageType>(type: T, payload: RequestOf<T>): Promise<ResponseOf<T>>;
  /** The stored `jobs` item, as the engine persisted it. */
  jobs(): Promise<Job[]>;
  /** Makes `tabs.query({active: true, …})` return this tab (fakeBrowser needs a focused window). */
  activate(tabId: number | null): void;
  /** Waits until no fetch is in flight (the engine settles its writes right after). */
  idle(): Promise<void>;
}

const realFetch = globalThis.fetch;

export function popupSender(): Sender {
  return { id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/popup.html') };
}

/** `${key}` or `${key}:${params joined by |}`: translations are checked by key in these tests. */
function fakeTranslate(key: string, params: string[] = []): string {
  return params.length > 0 ? `${key}:${params.join('|')}` : key;
}

/** Polls an async check until it returns a truthy value. */
export async function eventually<T>(
  check: () => Promise<T | undefined | null | false> | T | undefined | null | false,
  timeoutMs = 10_000,
): Promise<T> {
  const started = Date.now();
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
    } catch (error) {
      last = error; // an expect() inside the check: retry until the deadline
    }
    if (Date.now() - started > timeoutMs) {
      throw last instanceof Error ? last : new Error('condition not met in time');
    }
    await new Promise((r) => setTimeout(r, 15));
  }
}

/** Stores settings before the worker starts, as a previous session would have left them. */
export async function storeSettings(settings: unknown): Promise<void> {
  const written = await createItemStore(createStorageArea()).write(settingsItem, settings);
  if (!written.ok) throw new Error(`settings refused: ${JSON.stringify(written.problems)}`);
}

let running: { idle(): Promise<void> } | null = null;

/**
 * Installs the stubs and runs `background.main()`. Call after `fakeBrowser.reset()` (see
 * `useBackground`). Nothing is triggered: the test fires onInstalled, messages, clicks…
 */
export function startBackground(): Background {
  const created: CreateMenu[] = [];
  const menuListeners: MenuListener[] = [];
  const started: DownloadOptions[] = [];
  const downloadListeners: DownloadListener[] = [];
  const sessionRules: SessionRules[] = [];
  const commandListeners: CommandListener[] = [];
  const broadcasts: unknown[] = [];
  const fetched: string[] = [];
  const refused: string[] = [];
  let inFlight = 0;
  let removeAllCalls = 0;
  let nextDownloadId = 100;
  const items = new Map<number, DownloadItem>();
  const removed: number[] = [];
  let activeTab: number | null = null;

  vi.spyOn(fakeBrowser.contextMenus, 'removeAll').mockImplementation(async () => {
    removeAllCalls += 1;
    created.length = 0;
  });
  vi.spyOn(fakeBrowser.contextMenus, 'create').mockImplementation((props) => {
    created.push(props);
    return props.id ?? created.length;
  });
  vi.spyOn(fakeBrowser.contextMenus.onClicked, 'addListener').mockImplementation((listener) => {
    menuListeners.push(listener);
  });
  vi.spyOn(fakeBrowser.downloads, 'download').mockImplementation(async (options) => {
    started.push(options);
    const id = nextDownloadId++;
    items.set(id, {
      id,
      url: options.url,
      filename: options.filename ?? '',
      mime: 'video/mp4',
      state: 'in_progress',
      fileSize: 4096,
      bytesReceived: 4096,
      totalBytes: 4096,
    } as DownloadItem);
    return id;
  });
  vi.spyOn(fakeBrowser.downloads, 'search').mockImplementation(async (query) => {
    const item = query.id === undefined ? undefined : items.get(query.id);
    return item ? [item] : [];
  });
  const removeItem = async (id: number) => {
    removed.push(id);
  };
  vi.spyOn(fakeBrowser.downloads, 'removeFile').mockImplementation(removeItem);
  vi.spyOn(fakeBrowser.downloads, 'cancel').mockImplementation(removeItem);
  vi.spyOn(fakeBrowser.downloads, 'erase').mockImplementation(async (query) => {
    if (query.id !== undefined) items.delete(query.id);
    return query.id === undefined ? [] : [query.id];
  });
  vi.spyOn(fakeBrowser.downloads.onChanged, 'addListener').mockImplementation((listener) => {
    downloadListeners.push(listener);
  });
  vi.spyOn(fakeBrowser.declarativeNetRequest, 'updateSessionRules').mockImplementation(
    async (options) => {
      sessionRules.push(options);
    },
  );
  vi.spyOn(fakeBrowser.commands.onCommand, 'addListener').mockImplementation((listener) => {
    commandListeners.push(listener as CommandListener);
  });
  vi.spyOn(fakeBrowser.i18n, 'getMessage').mockImplementation((name, substitutions) =>
    fakeTranslate(name, substitutions === undefined ? [] : [substitutions].flat().map(String)),
  );
  // No page is open: a broadcast is recorded, as if nothing listened.
  vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation(async (message: unknown) => {
    broadcasts.push(message);
  });
  // fakeBrowser's query with `lastFocusedWindow` needs a focused window it cannot be given;
  // other queries (all tabs, for badge repaints) go to the real fake.
  const realQuery = fakeBrowser.tabs.query.bind(fakeBrowser.tabs);
  vi.spyOn(fakeBrowser.tabs, 'query').mockImplementation(async (query) => {
    if (!query.active) return realQuery(query);
    if (activeTab === null) return [];
    const tab = await fakeBrowser.tabs.get(activeTab);
    return tab ? [tab] : [];
  });
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const url = new URL(
      typeof input === 'string' ? input : input instanceof URL ? input.href : input.url,
    );
    if (!isLoopbackHost(url.hostname)) {
      refused.push(url.origin);
      throw new TypeError(`test fetch refused: ${url.origin} is not loopback`);
    }
    fetched.push(url.href);
    inFlight += 1;
    try {
      return await realFetch(input, init);
    } finally {
      inFlight -= 1;
    }
  });

  background.main();

  const idle = async () => {
    await eventually(() => inFlight === 0, 15_000);
    await new Promise((r) => setTimeout(r, 30));
  };
  running = { idle };

  const deliver = async (raw: unknown, sender: Sender = popupSender()): Promise<Delivery> => {
    let answered = false;
    let response: unknown;
    let resolve: () => void = () => undefined;
    const answer = new Promise<void>((r) => (resolve = r));
    const sendResponse = (value: unknown) => {
      answered = true;
      response = value;
      resolve();
    };
    const trigger = fakeBrowser.runtime.onMessage.trigger as (
      ...args: unknown[]
    ) => Promise<unknown[]>;
    const [kept] = await trigger(raw, sender, sendResponse);
    if (kept === true) {
      await Promise.race([
        answer,
        new Promise((_, reject) =>
          setTimeout(() => reject(new Error('no answer in 15 s')), 15_000),
        ),
      ]);
    }
    return { kept, answered, response };
  };

  return {
    menus: {
      created,
      get removeAllCalls() {
        return removeAllCalls;
      },
      click: (info, tab) => {
        for (const listener of menuListeners) listener(info, tab);
      },
    },
    downloads: {
      started,
      items,
      removed,
      change: (delta) => {
        const item = items.get(delta.id);
        if (item && delta.state?.current) item.state = delta.state.current as DownloadItem['state'];
        for (const listener of downloadListeners) listener(delta);
      },
    },
    sessionRules,
    broadcasts,
    commands: {
      fire: (command) => {
        for (const listener of commandListeners) listener(command);
      },
    },
    fetched,
    refused,
    deliver,
    async ask(type, payload) {
      const got = await deliver({ type, payload });
      if (!got.answered) throw new Error(`${type}: no answer`);
      const reply = got.response as Reply<typeof type>;
      if (!reply.ok) throw new Error(`${type}: ${JSON.stringify(reply.error)}`);
      return reply.value;
    },
    async jobs() {
      const stored = await fakeBrowser.storage.local.get('jobs');
      return ((stored.jobs as { value?: Job[] } | undefined)?.value ?? []) as Job[];
    },
    activate: (tabId) => {
      activeTab = tabId;
    },
    idle,
  };
}

/**
 * Per-test lifecycle: a fresh fakeBrowser, and after the test the background's network work
 * settled (so it cannot write into the next test's storage), servers closed, stubs restored.
 */
export function useBackground(): { servers: { close(): Promise<void> }[] } {
  const owned = { servers: [] as { close(): Promise<void> }[] };
  beforeEach(() => {
    fakeBrowser.reset();
  });
  afterEach(async () => {
    await Promise.all(owned.servers.map((s) => s.close()));
    owned.servers.length = 0;
    await running?.idle();
    running = null;
    vi.restoreAllMocks();
    vi.unstubAllEnvs();
  });
  return owned;
}

export interface LoopbackWorld {
  servers: CobaltServer[];
  tracker: TrackerServer;
  feedUrl: string;
  /** The world's settings with `extra` on top (top-level keys replace). */
  settings(extra?: Record<string, unknown>): Record<string, unknown>;
}

/**
 * Cobalt test servers listed by a custom feed on a tracker server, and settings (stored before
 * the worker starts) that reach only them: built-in trackers off, http/IP allowed, the servers
 * pinned and the chain no longer than their number. The bundled snapshot's public instances
 * stay known, so without the last two a slow answer (the chain hedges after 600 ms with no
 * history) would start an attempt at a public host, which the fetch guard refuses.
 */
export async function loopbackWorld(
  owned: { servers: { close(): Promise<void> }[] },
  count: number,
  options: { server?: StartOptions; settings?: Record<string, unknown> } = {},
): Promise<LoopbackWorld> {
  const servers = await Promise.all(
    Array.from({ length: count }, () => startCobaltServer(options.server ?? {})),
  );
  const tracker = await startTrackerServer({ defaults: false });
  owned.servers.push(...servers, tracker);
  tracker.setFeed(
    '/feed.json',
    servers.map((s) => feedEntry(s)),
  );
  const feedUrl = `${tracker.url}/feed.json`;
  const settings = (extra: Record<string, unknown> = {}) =>
    loopbackSettings(feedUrl, {
      pinned: servers.map((s) => s.origin),
      fallback: { maxAttempts: count, deadlineMs: 20_000, hedgeMs: 2000 },
      ...extra,
    });
  await storeSettings(settings(options.settings ?? {}));
  return { servers, tracker, feedUrl, settings };
}

/** POST / bodies a cobalt server received, parsed. */
export function postsTo(server: CobaltServer): Record<string, unknown>[] {
  return server.requests
    .filter((r) => r.method === 'POST')
    .map((r) => JSON.parse(r.body) as Record<string, unknown>);
}

export { fakeBrowser };
