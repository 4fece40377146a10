import { MESSAGE_TYPES } from '../../../lib/messages/message-schemas';
import type { MessageType, Reply, RequestOf, ResponseOf } from '../../../lib/messages/protocol';
import { DEFAULT_SETTINGS } from '../../../lib/settings/schema';
import { SETTINGS_FILE_FORMAT, exportSettings } from '../../../lib/settings/settings-file';
import { customSourceId } from '../../../lib/sources/builtin-sources';
import {
  eventually,
  fakeBrowser,
  loopbackWorld,
  popupSender,
  postsTo,
  startBackground,
  useBackground,
  type Background,
  type LoopbackWorld,
  type Sender,
} from './background-harness';

/**
 * runtime.onMessage of the real background: every message type of the protocol from our own
 * page gets its response shape from the real engine (fakeBrowser storage, a cobalt server and
 * a tracker on 127.0.0.1), as a Reply; other senders get nothing; malformed messages get an
 * `invalid` error.
 */
const owned = useBackground();

const YT = 'https://www.youtube.com/watch?v=dQw4w9WgXcQ&si=tracking';
const YT_CLEAN = 'https://www.youtube.com/watch?v=dQw4w9WgXcQ';
/** youtu.be links are sent in cobalt's own spelling (lib/services). */
const YT_SHORT_CLEAN = 'https://youtube.com/watch?v=jNQXAC9IVRw';
const LOOPBACK_ONLY_SOURCES = {
  ...DEFAULT_SETTINGS.sources,
  hyper: false,
  directory: false,
  cobaltBest: false,
};

interface Ctx {
  bg: Background;
  world: LoopbackWorld;
  origin: string;
  tabId: number;
}

async function setUp(): Promise<Ctx> {
  const world = await loopbackWorld(owned, 1);
  const bg = startBackground();
  const tab = await fakeBrowser.tabs.create({ url: YT });
  bg.activate(tab.id ?? null);
  return { bg, world, origin: world.servers[0]!.origin, tabId: tab.id! };
}

/** The browser finishes every download still in progress, whole, and says so (onChanged). */
function saveAll(bg: Background): void {
  for (const [id, item] of bg.downloads.items) {
    if (item.state !== 'in_progress') continue;
    item.state = 'complete';
    bg.downloads.change({ id, state: { previous: 'in_progress', current: 'complete' } });
  }
}

async function settingsOf(bg: Background) {
  return (await bg.ask('options/snapshot', {})).settings;
}

type Case<T extends MessageType> = {
  /** Runs before the message is sent. */
  prepare?: (ctx: Ctx) => Promise<unknown>;
  payload: (ctx: Ctx) => RequestOf<T>;
  check: (res: ResponseOf<T>, ctx: Ctx) => Promise<void> | void;
};

/** One case per message type: the compiler insists the table covers the whole protocol. */
const CASES: { [T in MessageType]: Case<T> } = {
  'popup/snapshot': {
    payload: (ctx) => ({ tabId: ctx.tabId }),
    check: (res, ctx) => {
      expect(res).toEqual({
        page: { kind: 'supported', service: 'youtube', url: YT_CLEAN },
        tabId: ctx.tabId,
        supportedServices: expect.arrayContaining(['youtube', 'twitter']),
        instances: expect.any(Array),
        usingBundled: true, // nothing refreshed yet in this worker
        job: null,
        recent: [],
        batch: null,
        downloadedBefore: null,
        defaultMode: 'auto',
        notices: [],
        handoff: expect.any(Array),
        bundledDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      });
      expect(res.instances.length).toBeGreaterThan(0);
      // Each web app offered is an instance's frontend, and the address of that web app only.
      for (const target of res.handoff) {
        expect(res.instances.find((i) => i.origin === target.origin)?.frontend).toBe(
          target.frontend,
        );
      }
    },
  },
  'download/start': {
    prepare: (ctx) => ctx.bg.ask('sources/refresh', {}),
    payload: (ctx) => ({ tabId: ctx.tabId, url: null, mode: 'audio' }),
    check: async (res, ctx) => {
      if (!('jobId' in res)) throw new Error(`no job: ${JSON.stringify(res)}`);
      expect(res.jobId).toMatch(/^[0-9a-z]+-[0-9a-z]+$/);
      const [server] = ctx.world.servers;
      await eventually(() => postsTo(server!).length > 0);
      expect(postsTo(server!)[0]).toEqual({ url: YT_CLEAN, downloadMode: 'audio' });
      const job = await eventually(async () =>
        (await ctx.bg.jobs()).find((j) => j.id === res.jobId && j.state === 'downloading'),
      );
      expect(job).toMatchObject({ tabId: ctx.tabId, mode: 'audio', url: YT_CLEAN });
      expect(ctx.bg.downloads.started).toHaveLength(1);
    },
  },
  'download/pick': {
    payload: () => ({ jobId: 'no-such-job', indexes: [0], audio: false }),
    check: (res, ctx) => {
      expect(res).toEqual({ ok: false });
      expect(ctx.bg.downloads.started).toEqual([]);
    },
  },
  'download/pick-all': {
    payload: () => ({ jobId: 'no-such-job' }),
    check: async (res, ctx) => {
      // No job waits on a choice: nothing is queued (the hand-over itself: batch-manager.test.ts).
      expect(res).toEqual({ ok: false });
      expect((await ctx.bg.ask('batch/state', {})).items).toEqual([]);
      expect(ctx.bg.downloads.started).toEqual([]);
    },
  },
  'batch/start': {
    prepare: (ctx) => ctx.bg.ask('sources/refresh', {}),
    payload: () => ({
      text: `two posts:\n${YT}\nhttps://youtu.be/jNQXAC9IVRw and https://example.com/not-a-service`,
      mode: 'audio',
      again: null,
    }),
    check: async (res, ctx) => {
      expect(res).toEqual({ added: 2, asked: [] });
      await eventually(() => ctx.bg.downloads.started.length === 2);
      // A batch item is done when the browser reports its file saved.
      expect((await ctx.bg.ask('batch/state', {})).endedAt).toBeNull();
      saveAll(ctx.bg);
      expect(postsTo(ctx.world.servers[0]!)).toEqual([
        { url: YT_CLEAN, downloadMode: 'audio' },
        { url: YT_SHORT_CLEAN, downloadMode: 'audio' },
      ]);
      const view = await eventually(async () => {
        const v = await ctx.bg.ask('batch/state', {});
        return v.endedAt !== null ? v : undefined;
      });
      expect(view.counts).toMatchObject({ done: 2, failed: 0, waiting: 0, running: 0 });
      expect(view.items.map((i) => i.servedBy)).toEqual([ctx.origin, ctx.origin]);
      // Both are in the history now: with the default setting (ask) the same links are named,
      // and nothing is queued until the user answers.
      expect((await ctx.bg.ask('history/list', {})).map((h) => h.url)).toEqual([
        YT_SHORT_CLEAN,
        YT_CLEAN,
      ]);
      expect(await ctx.bg.ask('batch/start', { text: YT, mode: 'auto', again: null })).toEqual({
        added: 0,
        asked: [YT_CLEAN],
      });
      // "Skip them": the link is skipped, nothing is sent.
      expect(await ctx.bg.ask('batch/start', { text: YT, mode: 'auto', again: false })).toEqual({
        added: 1,
        asked: [],
      });
      expect((await ctx.bg.ask('batch/state', {})).items).toMatchObject([
        { url: YT_CLEAN, state: 'skipped', reason: 'batchSkippedBefore' },
      ]);
      expect(postsTo(ctx.world.servers[0]!)).toHaveLength(2);
    },
  },
  'batch/preview': {
    payload: () => ({ text: `${YT} and https://youtu.be/jNQXAC9IVRw, not https://example.com/x` }),
    check: (res, ctx) => {
      expect(res).toEqual({
        links: [
          { url: YT_CLEAN, service: 'youtube' },
          { url: YT_SHORT_CLEAN, service: 'youtube' },
        ],
        ignored: 1,
      });
      expect(postsTo(ctx.world.servers[0]!)).toEqual([]); // a preview sends nothing
    },
  },
  'batch/state': {
    payload: () => ({}),
    check: (res) => {
      expect(res).toEqual({
        items: [],
        endedAt: null,
        counts: { waiting: 0, running: 0, done: 0, failed: 0, skipped: 0, reasons: [] },
      });
    },
  },
  'batch/retry': {
    prepare: async (ctx) => {
      // A queued link with no usable instance (nothing refreshed, the world's pin excluded by
      // a block) fails at once: retry puts it back in the queue.
      await ctx.bg.ask('instance/block', { origin: ctx.origin, blocked: true });
    },
    payload: () => ({ id: 'no-such-item' }),
    check: (res) => {
      expect(res.items).toEqual([]);
    },
  },
  'batch/cancel': {
    payload: () => ({ id: null }),
    check: (res) => {
      expect(res.counts).toMatchObject({ waiting: 0, running: 0 });
    },
  },
  'history/list': {
    payload: () => ({}),
    check: (res) => {
      expect(res).toEqual([]);
    },
  },
  'history/clear': {
    prepare: async (ctx) => {
      await ctx.bg.ask('sources/refresh', {});
      await ctx.bg.ask('batch/start', { text: YT, mode: 'auto', again: null });
      await eventually(() => ctx.bg.downloads.started.length === 1);
      saveAll(ctx.bg);
      await eventually(async () => (await ctx.bg.ask('history/list', {})).length === 1);
    },
    payload: () => ({}),
    check: async (res, ctx) => {
      expect(res).toEqual([]);
      expect(await ctx.bg.ask('history/list', {})).toEqual([]);
      expect(ctx.bg.broadcasts).toContainEqual({ type: 'changed', what: 'recent' });
    },
  },
  'download/cancel': {
    payload: () => ({ jobId: 'no-such-job' }),
    check: (res, ctx) => {
      // only a job processing on this device can be cancelled
      expect(res).toEqual({ ok: false });
      expect(ctx.bg.downloads.started).toEqual([]);
    },
  },
  'instance/pin': {
    payload: () => ({ origin: 'https://pinned.example', pinned: true }),
    check: async (res, ctx) => {
      expect(res).toEqual({ ok: true });
      // The world pins its own server; the new pin goes after it.
      expect((await settingsOf(ctx.bg)).pinned).toEqual([ctx.origin, 'https://pinned.example']);
      expect(ctx.bg.broadcasts).toContainEqual({ type: 'changed', what: 'settings' });
      expect(
        await ctx.bg.ask('instance/pin', { origin: 'https://pinned.example', pinned: false }),
      ).toEqual({ ok: true });
      expect((await settingsOf(ctx.bg)).pinned).toEqual([ctx.origin]);
    },
  },
  'instance/block': {
    payload: (ctx) => ({ origin: ctx.origin, blocked: true }),
    check: async (res, ctx) => {
      expect(res).toEqual({ ok: true });
      expect((await settingsOf(ctx.bg)).blocked).toEqual([ctx.origin]);
      expect((await settingsOf(ctx.bg)).pinned).toEqual([]); // a block removes the pin
      const snapshot = await ctx.bg.ask('popup/snapshot', { tabId: ctx.tabId });
      expect(snapshot.instances.find((i) => i.origin === ctx.origin)).toBeUndefined();
    },
  },
  'instance/test': {
    payload: (ctx) => ({ origin: ctx.origin, service: 'youtube' }),
    check: async (res, ctx) => {
      expect(res).toEqual([
        { origin: ctx.origin, service: 'youtube', ok: true, ms: expect.any(Number) },
      ]);
      // The deep test posts the trackers' public test link, never the page's URL.
      expect(postsTo(ctx.world.servers[0]!).map((b) => b.url)).toEqual([
        'https://www.youtube.com/watch?v=vPwaXytZcgI',
      ]);
      // Without a service it is a probe only: no POST, no result rows.
      expect(await ctx.bg.ask('instance/test', { origin: ctx.origin, service: null })).toEqual([]);
      expect(postsTo(ctx.world.servers[0]!)).toHaveLength(1);
    },
  },
  'sources/refresh': {
    payload: () => ({}),
    check: (res, ctx) => {
      expect(res.map((f) => [f.source, f.enabled])).toEqual([
        ['hyper', false],
        ['directory', false],
        ['cobalt-best', false],
        [customSourceId(ctx.world.feedUrl), true],
      ]);
      expect(res[3]).toMatchObject({
        entries: 1,
        lastError: null,
        lastSuccess: expect.any(Number),
      });
      expect(ctx.world.tracker.requestsTo('/feed.json')).toHaveLength(1);
    },
  },
  'options/snapshot': {
    payload: () => ({}),
    check: (res, ctx) => {
      expect(res).toEqual({
        settings: expect.objectContaining({ sources: expect.objectContaining({ hyper: false }) }),
        feeds: expect.any(Array),
        usingBundled: true, // nothing refreshed yet in this worker
        bundledDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
        diagnostics: expect.any(Array),
        history: [],
        notices: [],
      });
      expect(res.feeds).toHaveLength(4);
      expect(res.diagnostics.length).toBeGreaterThan(0);
      expect(res.diagnostics[0]).toMatchObject({
        origin: expect.stringMatching(/^https?:\/\//),
        health: { ok: expect.any(Number), failed: expect.any(Number) },
      });
      expect(ctx.world.tracker.requests).toEqual([]); // a snapshot never fetches
    },
  },
  'settings/save': {
    payload: () => ({
      settings: {
        ...DEFAULT_SETTINGS,
        saveAs: true,
        sources: { ...DEFAULT_SETTINGS.sources, hyper: false, directory: false, cobaltBest: false },
      },
    }),
    check: async (res, ctx) => {
      expect(res).toEqual({ ok: true });
      expect((await settingsOf(ctx.bg)).saveAs).toBe(true);
      const refused = await ctx.bg.ask('settings/save', {
        settings: { ...DEFAULT_SETTINGS, fallback: { maxAttempts: 0 } },
      });
      expect(refused).toEqual({ ok: false, problems: expect.any(Array) });
      if (refused.ok) throw new Error('accepted');
      expect(refused.problems[0]?.path).toMatch(/fallback\.maxAttempts/);
      expect((await settingsOf(ctx.bg)).saveAs).toBe(true); // unchanged by the refused save
    },
  },
  'settings/import': {
    payload: () => ({
      json: exportSettings(
        {
          ...DEFAULT_SETTINGS,
          sources: LOOPBACK_ONLY_SOURCES,
          pinned: ['https://imported.example'],
        },
        Date.now(),
      ),
    }),
    check: async (res, ctx) => {
      expect(res).toEqual({ ok: true });
      expect((await settingsOf(ctx.bg)).pinned).toEqual(['https://imported.example']);
      const broken = await ctx.bg.ask('settings/import', { json: '{not json' });
      expect(broken).toMatchObject({ ok: false, problems: [expect.anything()] });
    },
  },
  'settings/export': {
    payload: () => ({}),
    check: async (res, ctx) => {
      const file = JSON.parse(res.json) as { format: string; settings: { sources: unknown } };
      expect(file.format).toBe(SETTINGS_FILE_FORMAT);
      expect(file.settings.sources).toEqual((await settingsOf(ctx.bg)).sources);
      // What was exported imports back as it is.
      expect(await ctx.bg.ask('settings/import', { json: res.json })).toEqual({ ok: true });
    },
  },
  'settings/reset': {
    payload: () => ({}),
    check: async (res, ctx) => {
      expect(res).toEqual({ ok: true });
      expect(await settingsOf(ctx.bg)).toEqual(DEFAULT_SETTINGS);
      // The sources changed, so the default public tracker (the one that lives) is fetched at once.
      await eventually(() => ctx.bg.refused.length >= 1);
      expect(new Set(ctx.bg.refused)).toEqual(new Set(['https://cobalt.directory']));
    },
  },
};

describe('runtime.onMessage from our own page', () => {
  it('the case table covers exactly the protocol', () => {
    expect(Object.keys(CASES).sort()).toEqual([...MESSAGE_TYPES].sort());
  });

  it.each(MESSAGE_TYPES)('%s gets its response', async (type) => {
    const ctx = await setUp();
    const entry = CASES[type] as Case<MessageType>;
    await entry.prepare?.(ctx);
    const got = await ctx.bg.deliver({ type, payload: entry.payload(ctx) });
    expect(got.kept).toBe(true); // answered asynchronously
    expect(got.answered).toBe(true);
    const reply = got.response as Reply;
    if (!reply.ok) throw new Error(`${type} refused: ${JSON.stringify(reply.error)}`);
    await entry.check(reply.value as never, ctx);
    // Reset turns the public trackers back on: the engine tries them (refused here).
    if (type !== 'settings/reset') expect(ctx.bg.refused).toEqual([]);
  });

  it('the options page is trusted too', async () => {
    const ctx = await setUp();
    const got = await ctx.bg.deliver(
      { type: 'settings/export', payload: {} },
      { id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/options.html') },
    );
    expect(got).toMatchObject({
      kept: true,
      answered: true,
      response: { ok: true, value: { json: expect.any(String) } },
    });
  });

  it('a failure inside the engine is answered with an internal error, not left hanging', async () => {
    const ctx = await setUp();
    vi.mocked(fakeBrowser.tabs.query).mockRejectedValueOnce(new Error('tabs unavailable'));
    const got = await ctx.bg.deliver({ type: 'popup/snapshot', payload: { tabId: null } });
    expect(got).toEqual({
      kept: true,
      answered: true,
      response: { ok: false, error: { kind: 'internal', message: 'Error: tabs unavailable' } },
    });
    // The next message is served as usual.
    expect(await ctx.bg.ask('popup/snapshot', { tabId: ctx.tabId })).toMatchObject({
      tabId: ctx.tabId,
    });
  });

  it('the popup opened for a job (?job=) gets that job, not the tab it happens to be in', async () => {
    const ctx = await setUp();
    await ctx.bg.ask('sources/refresh', {});
    const start = await ctx.bg.ask('download/start', {
      tabId: ctx.tabId,
      url: null,
      mode: 'auto',
    });
    if (!('jobId' in start)) throw new Error('no job');
    await eventually(async () => (await ctx.bg.jobs()).some((j) => j.state === 'downloading'));
    const other = await fakeBrowser.tabs.create({ url: ctx.world.feedUrl });
    const got = await ctx.bg.deliver({
      type: 'popup/snapshot',
      payload: { tabId: other.id, jobId: start.jobId },
    });
    // The schema keeps `jobId` (a context-menu picker opens the popup as a page in another tab).
    expect(got.response).toMatchObject({ ok: true, value: { job: { id: start.jobId } } });
  });
});

describe('runtime.onMessage from anyone else', () => {
  const UNTRUSTED: [string, () => Sender][] = [
    [
      'another extension',
      () => ({ id: 'other-extension', url: 'chrome-extension://other-extension/popup.html' }),
    ],
    [
      'a content script in a web page',
      () => ({ id: fakeBrowser.runtime.id, url: YT, tab: { id: 3, url: YT } }),
    ],
    ['our id without a page URL', () => ({ id: fakeBrowser.runtime.id })],
    ['our page URL without our id', () => ({ url: fakeBrowser.runtime.getURL('/popup.html') })],
    [
      'a look-alike extension origin',
      () => ({
        id: fakeBrowser.runtime.id,
        url: `chrome-extension://${fakeBrowser.runtime.id}.evil.example/popup.html`,
      }),
    ],
    ['nobody at all', () => ({})],
  ];

  it.each(UNTRUSTED)('%s gets no answer and reaches nothing', async (_name, sender) => {
    const ctx = await setUp();
    const before = await fakeBrowser.storage.local.get(null);
    const messages: { type: MessageType; payload: unknown }[] = [
      { type: 'sources/refresh', payload: {} },
      { type: 'download/start', payload: { tabId: ctx.tabId, url: null, mode: 'auto' } },
      { type: 'instance/pin', payload: { origin: 'https://evil.example', pinned: true } },
      { type: 'settings/reset', payload: {} },
      { type: 'settings/export', payload: {} },
    ];
    for (const message of messages) {
      expect(await ctx.bg.deliver(message, sender())).toEqual({
        kept: false,
        answered: false,
        response: undefined,
      });
    }
    await new Promise((r) => setTimeout(r, 100));
    expect(ctx.bg.fetched).toEqual([]);
    expect(ctx.bg.refused).toEqual([]);
    expect(ctx.bg.broadcasts).toEqual([]);
    expect(ctx.bg.downloads.started).toEqual([]);
    const after = await fakeBrowser.storage.local.get(null);
    // The engine's own start-up read may have normalised what it loaded; nothing else changed.
    expect(after.settings).toEqual(before.settings);
    expect((after.jobs as { value?: unknown[] } | undefined)?.value ?? []).toEqual([]);
  });
});

describe('runtime.onMessage with a malformed message', () => {
  const MALFORMED: [string, unknown, RegExp][] = [
    ['not an object', 'hello', /not an object/],
    ['null', null, /not an object/],
    ['no type', { payload: {} }, /unknown message type/],
    ['an unknown type', { type: 'tabs/close', payload: {} }, /unknown message type "tabs\/close"/],
    ['an inherited name', { type: 'toString', payload: {} }, /unknown message type/],
    [
      'a wrong field type',
      { type: 'instance/pin', payload: { origin: 5, pinned: true } },
      /invalid instance\/pin payload: origin/,
    ],
    [
      'a negative tab id',
      { type: 'download/start', payload: { tabId: -1, url: null, mode: 'auto' } },
      /invalid download\/start payload: tabId/,
    ],
    [
      'an unknown mode',
      { type: 'download/start', payload: { tabId: null, url: YT, mode: 'video-only' } },
      /invalid download\/start payload: mode/,
    ],
    [
      'extra keys where none are allowed',
      { type: 'sources/refresh', payload: { force: true } },
      /invalid sources\/refresh payload/,
    ],
    [
      'a bad service',
      { type: 'instance/test', payload: { origin: 'https://a.example', service: 'myspace' } },
      /invalid instance\/test payload: service/,
    ],
  ];

  it.each(MALFORMED)('%s is answered as invalid and not acted on', async (_name, raw, error) => {
    const ctx = await setUp();
    const got = await ctx.bg.deliver(raw, popupSender());
    expect(got.kept).toBe(false); // answered synchronously
    expect(got.answered).toBe(true);
    expect(got.response).toEqual({
      ok: false,
      error: { kind: 'invalid', message: expect.stringMatching(error) },
    });
    await new Promise((r) => setTimeout(r, 50));
    expect(ctx.bg.fetched).toEqual([]);
    expect(await ctx.bg.jobs()).toEqual([]);
  });

  it("our own 'changed' broadcast coming back is ignored without an answer", async () => {
    const ctx = await setUp();
    expect(await ctx.bg.deliver({ type: 'changed', what: 'job', jobId: 'x' }, {})).toEqual({
      kept: false,
      answered: false,
      response: undefined,
    });
  });
});
