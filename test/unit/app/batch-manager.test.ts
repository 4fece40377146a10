import { createBatchManager, type BatchManager } from '../../../lib/app/batch-manager';
import { createDownloadWatchdog } from '../../../lib/app/download-watchdog';
import { DOWNLOAD_STALL_MS } from '../../../lib/submit/judge-progress';
import { batchQueueItem, historyItem } from '../../../lib/app/stored-items';
import { healthKey } from '../../../lib/health/health-state';
import { isQuarantined } from '../../../lib/health/is-quarantined';
import { recordOutcome } from '../../../lib/health/record-outcome';
import { REASON } from '../../../lib/rank/reason-keys';
import { rankedEntries as ranked } from '../rank/rank-fixtures';
import type { DownloadEnd } from '../../../lib/model/download-end';
import type { BatchItem } from '../../../lib/model/batch-item';
import { START, testContext, type TestContext } from './engine-context';

/**
 * The batch queue composed in the engine, over a fake world: each instance answers every
 * `POST /` the way the table says, per link. Checks which instance each link went to and how
 * each item ended; the scheduling rules themselves are tested in test/unit/batch.
 */
const A = 'https://a.example';
const B = 'https://b.example';
const V = (n: number) => `https://www.youtube.com/watch?v=batchVideo${n}`;
const POST = 'https://x.com/u/status/1697304622749086011';

type Answer = 'ok' | 'private' | 'down' | 'limited' | 'silent';

/** How the browser reports a download's end (lib/model/download-end.ts), minus its id. */
type FileEnd = Omit<DownloadEnd, 'id'>;
const SAVED: FileEnd = { state: 'complete', mime: 'video/mp4', bytes: 10 };

/**
 * A fake world: instances answer per link as `answers` says, and each download the manager
 * starts ends as a browser reports it: per the instance that handed it over (`files`, by origin;
 * saved otherwise), a moment later, or at once when `early` (before its attempt is settled).
 */
function world(
  answers: Record<string, (link: string) => Answer>,
  files: Record<string, FileEnd> = {},
  early = false,
) {
  const posts: string[] = [];
  const ctx = testContext();
  const to: { manager: BatchManager | null } = { manager: null };
  const start = ctx.deps.download.download.bind(ctx.deps.download);
  ctx.deps.download = {
    async download(request) {
      const started = await start(request);
      if (started.ok && typeof started.id === 'number') {
        const end = { id: started.id, ...(files[new URL(request.url).origin] ?? SAVED) };
        if (early) void to.manager?.onDownloadEnded(end);
        else setTimeout(() => void to.manager?.onDownloadEnded(end), 0);
      }
      return started;
    },
  };
  // The link is in the POST body, so this world reads it (the context's fetch sees URLs only).
  ctx.deps.fetch = async (url, init) => {
    const origin = new URL(url).origin;
    const body = JSON.parse(String(init?.body ?? '{}')) as { url?: string };
    posts.push(`${origin} ${body.url}`);
    const answer = answers[origin]?.(body.url ?? '') ?? 'down';
    // Silent until the request is given up (a hang): the abort rejects it as fetch does.
    if (answer === 'silent') {
      return new Promise<Response>((_, reject) =>
        init?.signal?.addEventListener('abort', () => {
          posts.push(`${origin} given up`);
          reject(new Error('aborted'));
        }),
      );
    }
    const json = (status: number, value: unknown, headers: Record<string, string> = {}) =>
      new Response(JSON.stringify(value), {
        status,
        headers: { 'Content-Type': 'application/json', ...headers },
      });
    switch (answer) {
      case 'ok':
        return json(
          200,
          { status: 'tunnel', url: `${origin}/tunnel?id=1`, filename: 'clip.mp4' },
          { 'RateLimit-Limit': '20', 'RateLimit-Remaining': '19', 'RateLimit-Reset': '60' },
        );
      case 'private':
        return json(400, {
          status: 'error',
          error: { code: 'error.api.content.post.private' },
        });
      case 'limited':
        return json(
          429,
          { status: 'error', error: { code: 'error.api.rate_exceeded', context: { limit: 60 } } },
          { 'Retry-After': '60' },
        );
      case 'down':
        return json(500, { status: 'error', error: { code: 'error.api.fetch.critical' } });
    }
  };
  /** The manager over this world, its downloads' ends wired to it as the engine wires them. */
  const manage = (rank: string[] | (() => ReturnType<typeof ranked>)) => {
    to.manager = createBatchManager(ctx, Array.isArray(rank) ? () => ranked(rank) : rank);
    return to.manager;
  };
  return { ctx, posts, manage };
}

/** An item as a stopped worker left it in storage: running on A, added at the test's start. */
const stored = (item: Pick<BatchItem, 'id' | 'url'> & Partial<BatchItem>): BatchItem => ({
  service: 'youtube',
  state: 'running',
  reason: null,
  tried: [A],
  filename: null,
  servedBy: null,
  addedAt: START,
  finishedAt: null,
  ...item,
});

/** A post A answered with a picker of a photo and a video (and `audio`), for "Download all". */
const postOnA = (audio: string | null) => ({
  url: POST,
  service: 'twitter' as const,
  mode: 'auto' as const,
  servedBy: A,
  picker: {
    status: 'picker' as const,
    items: [
      { type: 'photo' as const, url: `${A}/tunnel?id=p1`, thumb: null },
      { type: 'video' as const, url: `${A}/tunnel?id=p2`, thumb: null },
    ],
    audio,
    audioFilename: audio === null ? null : 'post-audio.mp3',
  },
});
/** Instances that delivered YouTube before (lib/health), so the planner gives them whole windows. */
function provenBefore(ctx: TestContext, ...origins: string[]) {
  for (const origin of origins) {
    ctx.state.health = recordOutcome(ctx.state.health, {
      origin,
      service: 'youtube',
      outcome: 'ok',
      latencyMs: 500,
      now: ctx.clock.now,
    });
  }
}

async function ended(ctx: TestContext, manager: ReturnType<typeof createBatchManager>) {
  await vi.waitFor(() => {
    if (manager.view().endedAt === null) throw new Error('batch still going');
  });
  // The history is written after the end is stored.
  await vi.waitFor(async () => {
    const settled = manager.view().items.filter((i) => i.state === 'done' || i.state === 'failed');
    if ((await ctx.store.read(historyItem)).value.length < settled.length)
      throw new Error('history not written yet');
  });
  return manager.view();
}

describe('batch manager', () => {
  it('a content error stops its item only; an instance error moves the item to the next instance', async () => {
    const { ctx, posts, manage } = world({
      [A]: (link) => (link === V(2) ? 'private' : link === V(3) ? 'down' : 'ok'),
      [B]: () => 'ok',
    });
    provenBefore(ctx, A, B);
    const manager = manage([A, B]);
    await manager.recover();
    expect(
      await manager.start({ text: `${V(1)} ${V(2)} ${V(3)}`, mode: 'auto', again: null }),
    ).toEqual({ added: 3, asked: [] });
    const view = await ended(ctx, manager);
    expect(view.items.map((i) => [i.url, i.state, i.reason, i.servedBy])).toEqual([
      [V(1), 'done', null, A],
      [V(2), 'failed', 'error_private_title', null],
      [V(3), 'done', null, B],
    ]);
    // The private post was asked once; the failing instance's item was asked again elsewhere.
    expect(posts.filter((p) => p.endsWith(V(2)))).toEqual([`${A} ${V(2)}`]);
    expect(posts.filter((p) => p.endsWith(V(3)))).toEqual([`${A} ${V(3)}`, `${B} ${V(3)}`]);
    expect(ctx.downloads).toHaveLength(2);
    await vi.waitFor(() => expect(ctx.notifications).toHaveLength(1));
    expect(ctx.notifications).toEqual([
      {
        id: expect.stringMatching(/^batch-/),
        titleKey: 'notifyBatchTitle',
        messageKey: 'notifyBatchFailedMessage',
        params: ['2', '1', 'error_private_title ×1'],
      },
    ]);
    // Every settled item is in the history, with its link, instance and outcome.
    expect(
      (await ctx.store.read(historyItem)).value.map((h) => [h.url, h.ok, h.servedBy]).sort(),
    ).toEqual(
      [
        [V(1), true, A],
        [V(2), false, null],
        [V(3), true, B],
      ].sort(),
    );
  });

  it("a silent attempt gets a hedge on the next instance with room; the hedge's answer wins", async () => {
    const { ctx, posts, manage } = world({
      [A]: (link) => (link === V(1) ? 'silent' : 'ok'),
      [B]: () => 'ok',
    });
    provenBefore(ctx, A, B);
    // The shortest hedge the settings allow, and the shortest deadline (the silent loser is
    // left to answer until its hard timeout, a share of it).
    ctx.state.settings = {
      ...ctx.state.settings,
      fallback: { ...ctx.state.settings.fallback, hedgeMs: 250, deadlineMs: 5000 },
    };
    const manager = manage([A, B]);
    await manager.recover();
    await manager.start({ text: V(1), mode: 'auto', again: null });
    const view = await ended(ctx, manager);
    expect(view.items).toMatchObject([{ state: 'done', servedBy: B, tried: [A, B] }]);
    // B was asked while A was still waited for (a hedge, not a fallback after A's hang).
    expect(posts.slice(0, 2)).toEqual([`${A} ${V(1)}`, `${B} ${V(1)}`]);
    expect(ctx.downloads).toHaveLength(1);
  });

  it('a hedge that fails fast while the first is still silent: the run asks one more instance', async () => {
    const C = 'https://c.example';
    const { ctx, posts, manage } = world({
      [A]: () => 'silent',
      [B]: () => 'limited',
      [C]: () => 'ok',
    });
    provenBefore(ctx, A, B, C);
    ctx.state.settings = {
      ...ctx.state.settings,
      fallback: { ...ctx.state.settings.fallback, hedgeMs: 250, deadlineMs: 5000 },
    };
    const manager = manage([A, B, C]);
    await manager.recover();
    await manager.start({ text: V(1), mode: 'auto', again: null });
    const view = await ended(ctx, manager);
    expect(view.items).toMatchObject([{ state: 'done', servedBy: C, tried: [A, B, C] }]);
    // C was asked while A was still silent, within the same run (not after A's hard timeout).
    expect(posts.slice(0, 3)).toEqual([`${A} ${V(1)}`, `${B} ${V(1)}`, `${C} ${V(1)}`]);
  });

  it('fails an item clearly once every usable instance was tried', async () => {
    const { ctx, posts, manage } = world({ [A]: () => 'down', [B]: () => 'down' });
    const manager = manage([A, B]);
    await manager.recover();
    await manager.start({ text: V(1), mode: 'auto', again: null });
    const view = await ended(ctx, manager);
    expect(view.items).toMatchObject([{ state: 'failed', reason: 'error_instances_title' }]);
    expect(posts).toEqual([`${A} ${V(1)}`, `${B} ${V(1)}`]);
  });

  it('an instance benched after failing drops out of the ranking; the untried ones are still asked', async () => {
    const C = 'https://c.example';
    const { ctx, posts, manage } = world({ [A]: () => 'down', [B]: () => 'down', [C]: () => 'ok' });
    // As lib/rank does with a quarantined pair: an instance that failed is no longer usable.
    const manager = manage(() =>
      ranked([A, B, C]).filter((r) => !posts.some((p) => p.startsWith(r.origin))),
    );
    await manager.recover();
    await manager.start({ text: V(1), mode: 'auto', again: null });
    const view = await ended(ctx, manager);
    expect(view.items.map((i) => [i.state, i.servedBy])).toEqual([['done', C]]);
    expect(posts).toEqual([`${A} ${V(1)}`, `${B} ${V(1)}`, `${C} ${V(1)}`]);
  });

  it('an instance that never delivered the service gets one link at a time until it does', async () => {
    const { ctx, posts, manage } = world({ [A]: () => 'ok', [B]: () => 'ok' });
    const manager = manage([A, B]);
    await manager.recover();
    await manager.start({ text: `${V(1)}\n${V(2)}\n${V(3)}`, mode: 'auto', again: null });
    await ended(ctx, manager);
    // One link on each on trial; the third waits for a success, then goes to the best-ranked.
    expect(posts).toEqual([`${A} ${V(1)}`, `${B} ${V(2)}`, `${A} ${V(3)}`]);
  });

  // lib/rank benches an instance whose window is spent; the queue paces it itself instead.
  it.each<[string, string, string]>([
    ['its last answer had nothing remaining', 'ok', 'done'],
    ['its last answer was a 429', 'error.api.rate_exceeded', 'done'],
    ['it failed (a real quarantine)', 'error.api.fetch.fail', 'failed'],
  ])(
    'an instance benched because %s (last outcome %s): the item ends %s',
    async (_name, lastOutcome, state) => {
      const { ctx, manage } = world({ [A]: () => 'ok' });
      provenBefore(ctx, A);
      const key = `${A}|youtube` as const;
      ctx.state.health = { ...ctx.state.health, [key]: { ...ctx.state.health[key]!, lastOutcome } };
      const benched = () =>
        ranked([A]).map((r) => ({
          ...r,
          excluded: true,
          reasons: [{ key: REASON.quarantined, params: ['1'], effect: '!' as const }],
        }));
      const manager = manage(benched);
      await manager.recover();
      await manager.start({ text: V(1), mode: 'auto', again: null });
      const view = await ended(ctx, manager);
      expect(view.items.map((i) => i.state)).toEqual([state]);
    },
  );

  it('a 429 rests that instance; the item is served by another', async () => {
    const { ctx, posts, manage } = world({ [A]: () => 'limited', [B]: () => 'ok' });
    provenBefore(ctx, A, B);
    const manager = manage([A, B]);
    await manager.recover();
    await manager.start({ text: `${V(1)}\n${V(2)}`, mode: 'auto', again: null });
    const view = await ended(ctx, manager);
    expect(view.items.map((i) => [i.state, i.servedBy])).toEqual([
      ['done', B],
      ['done', B],
    ]);
    // Both went to the best-ranked A at once; its 429 rests it for its Retry-After (the clock
    // stands still here), so neither is sent there again.
    expect(posts.filter((p) => p.startsWith(A))).toEqual([`${A} ${V(1)}`, `${A} ${V(2)}`]);
  });

  it('a stored queue is picked up after a restart: items running then are run again', async () => {
    const { ctx, posts, manage } = world({ [A]: () => 'ok' });
    const at = ctx.clock.now;
    await ctx.store.write(batchQueueItem, {
      endedAt: null,
      items: [
        stored({ id: 'x1', url: V(1) }),
        stored({
          id: 'x2',
          url: V(2),
          state: 'done',
          filename: 'two.mp4',
          servedBy: A,
          finishedAt: at,
        }),
      ],
    });
    const manager = manage([A]);
    await manager.recover();
    const view = await ended(ctx, manager);
    expect(view.items.map((i) => [i.id, i.state])).toEqual([
      ['x1', 'done'],
      ['x2', 'done'],
    ]);
    expect(posts).toEqual([`${A} ${V(1)}`]);
  });

  it("a picker's Download all is queued with its answer: every item and the audio, no new request", async () => {
    const { ctx, posts, manage } = world({ [A]: () => 'ok' });
    const manager = manage([A]);
    await manager.recover();
    await manager.start({ text: V(9), mode: 'auto', again: null });
    await ended(ctx, manager);
    const before = posts.length;
    await manager.startPicked(postOnA(`${A}/tunnel?id=a`));
    const view = await ended(ctx, manager);
    expect(view.items).toMatchObject([{ url: POST, state: 'done', servedBy: A }]);
    expect(posts.slice(before)).toEqual([]);
    expect(ctx.downloads.slice(-3).map((d) => d.url)).toEqual([
      `${A}/tunnel?id=p1`,
      `${A}/tunnel?id=p2`,
      `${A}/tunnel?id=a`,
    ]);
  });

  it('cancel all skips what has not started; retry runs a failed item again', async () => {
    const { ctx, manage } = world({ [A]: (link) => (link === V(1) ? 'private' : 'ok') });
    const manager = manage([A]);
    await manager.recover();
    await manager.start({ text: V(1), mode: 'auto', again: null });
    const failed = await ended(ctx, manager);
    expect(failed.items).toMatchObject([{ state: 'failed' }]);
    await manager.retry(failed.items[0]!.id);
    expect(manager.view().items[0]!.state).not.toBe('failed');
    await manager.cancel(null);
    expect(manager.view().items).toMatchObject([{ state: 'skipped', reason: 'batchCancelled' }]);
  });
});

describe('batch manager, from the selection menu (no page to ask in)', () => {
  it('leaves out links downloaded before, starts the rest, and says so', async () => {
    const { ctx, posts, manage } = world({ [A]: () => 'ok' });
    const manager = manage([A]);
    await manager.recover();
    await manager.start({ text: V(1), mode: 'auto', again: null });
    await ended(ctx, manager);
    ctx.notifications.length = 0;

    // Both are in the queue; the one downloaded before is marked so and not started.
    expect(await manager.startFromMenu(`${V(1)} ${V(2)}`, 'auto')).toEqual({
      added: 2,
      asked: [],
    });
    expect(manager.view().items.find((i) => i.url === V(1))?.state).toBe('skipped');
    expect(ctx.notifications[0]).toMatchObject({
      titleKey: 'notifyBatchTitle',
      messageKey: 'notifyBatchSkippedBefore',
      params: ['1'],
    });
    await vi.waitFor(() => expect(posts.filter((p) => p.endsWith(V(2)))).toHaveLength(1));
    expect(posts.filter((p) => p.endsWith(V(1)))).toHaveLength(1);
  });

  it('a selection with no link cobalt can download says so and starts nothing', async () => {
    const { ctx, posts, manage } = world({ [A]: () => 'ok' });
    const manager = manage([A]);
    await manager.recover();
    expect(await manager.startFromMenu('see https://example.com/about', 'auto')).toEqual({
      added: 0,
      asked: [],
    });
    expect(ctx.notifications).toMatchObject([{ messageKey: 'notifyBatchNoLinks' }]);
    expect(posts).toEqual([]);
  });
});

/**
 * Each item runs the same rules as a single download when its file ends (docs/rules.md
 * "Downloads that break"): the browser's report is judged (lib/submit/judge-download-end.ts),
 * what is not the file is removed and held against its instance, and the link goes to the next
 * instance it has not tried.
 */
describe("batch manager, when an item's file ends", () => {
  const html: FileEnd = { state: 'complete', mime: 'text/html; charset=utf-8', bytes: 900 };
  const broke: FileEnd = { state: 'interrupted', error: 'NETWORK_FAILED' };
  const short: FileEnd = { state: 'complete', mime: 'video/mp4', bytes: 50, expectedBytes: 100 };

  it.each([
    {
      name: 'a web page instead of the file: removed, A quarantined, B serves',
      fromA: html,
      code: 'client.download.not_media',
      quarantined: true,
      row: ['done', null, B],
    },
    {
      name: 'a transfer that broke: removed, held against A (not quarantined), B serves',
      fromA: broke,
      code: 'client.download.broken',
      quarantined: false,
      row: ['done', null, B],
    },
    {
      name: 'finished short of its length: broken, B serves',
      fromA: short,
      code: 'client.download.broken',
      quarantined: false,
      row: ['done', null, B],
    },
    {
      name: 'the user cancelled the download: removed, skipped, not retried',
      fromA: { state: 'interrupted', error: 'USER_CANCELED' } as FileEnd,
      code: null,
      quarantined: false,
      row: ['skipped', 'batchCancelled', A],
    },
    {
      name: 'the disk refused it: removed, failed, not retried, nobody blamed',
      fromA: { state: 'interrupted', error: 'FILE_NO_SPACE' } as FileEnd,
      code: null,
      quarantined: false,
      row: ['failed', 'batchFileLocal', A],
    },
  ])('$name', async ({ fromA, code, quarantined, row }) => {
    const { ctx, posts, manage } = world({ [A]: () => 'ok', [B]: () => 'ok' }, { [A]: fromA });
    const manager = manage([A, B]);
    await manager.recover();
    await manager.start({ text: V(1), mode: 'auto', again: null });
    const view = await ended(ctx, manager);
    expect(view.items.map((i) => [i.state, i.reason, i.servedBy])).toEqual([row]);
    // A's file (download 1) is gone from disk and list; B was asked only when A's file failed.
    expect(ctx.discarded).toEqual([1]);
    expect(posts).toEqual(row[2] === B ? [`${A} ${V(1)}`, `${B} ${V(1)}`] : [`${A} ${V(1)}`]);
    const record = ctx.state.health[healthKey(A, 'youtube')];
    if (code) expect(record?.lastOutcome).toBe(code);
    else expect(record?.lastOutcome).toBe('ok');
    expect(record ? isQuarantined(record, ctx.clock.now) : false).toBe(quarantined);
  });

  /** One link served by A, its file (browser id `id`) saving: this browser reports no end itself. */
  async function savingOn(id: number) {
    const { ctx, manage } = world({ [A]: () => 'ok' });
    ctx.deps.download = { download: async () => ({ ok: true, id }) };
    const manager = manage([A]);
    await manager.recover();
    await manager.start({ text: V(1), mode: 'auto', again: null });
    await vi.waitFor(() => expect(manager.view().items[0]?.downloads).toEqual([id]));
    return { ctx, manager };
  }

  it('a file still saving keeps its item running; the batch waits for the browser', async () => {
    const { ctx, manager } = await savingOn(5);
    expect(manager.view()).toMatchObject({ endedAt: null, items: [{ state: 'running' }] });
    await manager.onDownloadEnded({ id: 5, ...SAVED });
    expect((await ended(ctx, manager)).items).toMatchObject([{ state: 'done', servedBy: A }]);
  });

  it('cancelling an item whose file is saving stops the download and removes it', async () => {
    const { ctx, manager } = await savingOn(6);
    await manager.cancel(manager.view().items[0]!.id);
    expect(ctx.discarded).toEqual([6]);
    expect(manager.view()).toMatchObject({
      endedAt: expect.any(Number),
      items: [{ state: 'skipped', reason: 'batchCancelled' }],
    });
    // The browser then reports the download cancelled: nothing changes, nobody is blamed.
    await manager.onDownloadEnded({ id: 6, state: 'interrupted', error: 'USER_CANCELED' });
    expect(manager.view().items).toMatchObject([{ state: 'skipped' }]);
    expect(ctx.state.health[healthKey(A, 'youtube')]?.lastOutcome).toBe('ok');
  });

  it('a file that stalls is ended by the watchdog as a broken one: removed, A blamed, B serves', async () => {
    const { ctx, posts, manage } = world({ [A]: () => 'ok', [B]: () => 'ok' });
    const start = ctx.deps.download.download.bind(ctx.deps.download);
    // A's file never ends on its own: the browser says it runs at 0 bytes, for good.
    ctx.deps.download = {
      async download(request) {
        if (new URL(request.url).origin !== A) return start(request);
        ctx.progress.set(41, { id: 41, state: 'in_progress', paused: false, bytes: 0 });
        return { ok: true, id: 41 };
      },
    };
    const manager = manage([A, B]);
    await manager.recover();
    await manager.start({ text: V(1), mode: 'auto', again: null });
    await vi.waitFor(() => expect(manager.waiting()).toEqual([41]));
    const watchdog = createDownloadWatchdog({
      deps: ctx.deps,
      stallMs: DOWNLOAD_STALL_MS,
      waiting: manager.waiting,
      end: manager.onDownloadEnded,
    });
    await watchdog.check();
    ctx.clock.now += DOWNLOAD_STALL_MS - 1;
    await watchdog.check();
    expect(manager.view().items).toMatchObject([{ state: 'running', downloads: [41] }]);
    ctx.clock.now += 1;
    await watchdog.check();
    const view = await ended(ctx, manager);
    expect(view.items.map((i) => [i.state, i.reason, i.servedBy])).toEqual([['done', null, B]]);
    expect(ctx.discarded).toEqual([41]);
    expect(posts).toEqual([`${A} ${V(1)}`, `${B} ${V(1)}`]);
    expect(ctx.state.health[healthKey(A, 'youtube')]?.lastOutcome).toBe('client.download.broken');
    expect(manager.waiting()).toEqual([]);
  });

  it('every instance broke it: failed in plain words, nothing left on disk', async () => {
    const { ctx, posts, manage } = world(
      { [A]: () => 'ok', [B]: () => 'ok' },
      { [A]: broke, [B]: broke },
    );
    const manager = manage([A, B]);
    await manager.recover();
    await manager.start({ text: V(1), mode: 'auto', again: null });
    const view = await ended(ctx, manager);
    expect(view.items.map((i) => [i.state, i.reason])).toEqual([['failed', 'batchFileBroken']]);
    expect(ctx.discarded).toEqual([1, 2]);
    expect(posts).toEqual([`${A} ${V(1)}`, `${B} ${V(1)}`]);
  });

  it('maxAttempts bounds the retries as it bounds a single download', async () => {
    const { ctx, posts, manage } = world({ [A]: () => 'ok', [B]: () => 'ok' }, { [A]: html });
    ctx.state.settings = {
      ...ctx.state.settings,
      fallback: { ...ctx.state.settings.fallback, maxAttempts: 1 },
    };
    const manager = manage([A, B]);
    await manager.recover();
    await manager.start({ text: V(1), mode: 'auto', again: null });
    const view = await ended(ctx, manager);
    expect(view.items.map((i) => [i.state, i.reason])).toEqual([['failed', 'batchFileNotMedia']]);
    expect(posts).toEqual([`${A} ${V(1)}`]);
  });

  it('an end that comes before its attempt is settled still counts', async () => {
    const { ctx, posts, manage } = world(
      { [A]: () => 'ok', [B]: () => 'ok' },
      { [A]: broke },
      true,
    );
    const manager = manage([A, B]);
    await manager.recover();
    await manager.start({ text: V(1), mode: 'auto', again: null });
    const view = await ended(ctx, manager);
    expect(view.items.map((i) => [i.state, i.servedBy])).toEqual([['done', B]]);
    expect(ctx.discarded).toEqual([1]);
    expect(posts).toHaveLength(2);
  });

  it("an end before its attempt is settled waits for that attempt only, not another item's hang", async () => {
    const { ctx, manage } = world({ [A]: (link) => (link === V(2) ? 'silent' : 'ok') }, {}, true);
    provenBefore(ctx, A);
    const manager = manage([A]);
    await manager.recover();
    await manager.start({ text: `${V(1)}\n${V(2)}`, mode: 'auto', again: null });
    // V(2) stays silent until its hard timeout; V(1)'s saved file does not wait for it.
    await vi.waitFor(() =>
      expect(manager.view().items.map((i) => [i.url, i.state])).toEqual([
        [V(1), 'done'],
        [V(2), 'running'],
      ]),
    );
  });

  it('Download all: done when every file is saved; a broken one fails it, and it is not asked again', async () => {
    const run = async (files: Record<string, FileEnd>) => {
      const { ctx, posts, manage } = world({ [A]: () => 'ok' }, files);
      const manager = manage([A]);
      await manager.recover();
      await manager.startPicked(postOnA(null));
      return { view: await ended(ctx, manager), ctx, posts };
    };
    const whole = await run({});
    expect(whole.view.items.map((i) => [i.state, i.downloads, i.saved])).toEqual([
      ['done', [1, 2], [1, 2]],
    ]);
    const broken = await run({ [A]: broke });
    expect(broken.view.items.map((i) => [i.state, i.reason])).toEqual([
      ['failed', 'batchFileBroken'],
    ]);
    // Both files broke: both are removed, even the one that ended after the item had failed.
    await vi.waitFor(() => expect(broken.ctx.discarded).toEqual([1, 2]));
    expect(broken.posts).toEqual([]);
  });

  it('after a restart, an item that was saving is not asked again; its end still counts', async () => {
    const { ctx, posts, manage } = world({ [A]: () => 'ok' });
    await ctx.store.write(batchQueueItem, {
      endedAt: null,
      items: [
        stored({
          id: 's1',
          url: V(1),
          filename: 'one.mp4',
          servedBy: A,
          downloads: [31],
          saved: [],
        }),
      ],
    });
    const manager = manage([A]);
    await manager.recover();
    expect(manager.view().items).toMatchObject([{ state: 'running', downloads: [31] }]);
    await manager.onDownloadEnded({ id: 31, ...broke });
    // Broken, and A was its only instance: failed, the partial file removed, no new request.
    const view = await ended(ctx, manager);
    expect(view.items).toMatchObject([{ state: 'failed', reason: 'batchFileBroken' }]);
    expect(ctx.discarded).toEqual([31]);
    expect(posts).toEqual([]);
  });

  it("ignores a download that is no item's", async () => {
    const { ctx, manage } = world({});
    const manager = manage([A]);
    await manager.recover();
    await manager.onDownloadEnded({ id: 99, ...broke });
    expect(ctx.discarded).toEqual([]);
    expect(ctx.broadcasts).toEqual([]);
  });
});
