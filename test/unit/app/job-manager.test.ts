import type { Job } from '../../../lib/app/job';
import { createJobManager } from '../../../lib/app/job-manager';
import { jobsItem, recentItem } from '../../../lib/app/stored-items';
import { healthKey } from '../../../lib/health/health-state';
import { isQuarantined } from '../../../lib/health/is-quarantined';
import { MINUTE, START, testContext, type TestContext } from './engine-context';

const YT = 'https://www.youtube.com/watch?v=dQw4w9WgXcQ';
const A = 'https://a.example';
const picker = {
  status: 'picker' as const,
  items: [
    { type: 'photo' as const, url: 'https://media.example/1.jpg', thumb: null },
    { type: 'photo' as const, url: 'https://media.example/2.jpg', thumb: null },
  ],
  audio: null,
  audioFilename: null,
};

function job(over: Partial<Job> = {}): Job {
  return {
    id: 'j1',
    tabId: 4,
    service: 'youtube',
    mode: 'auto',
    url: YT,
    state: 'running',
    startedAt: START,
    updatedAt: START,
    trail: [],
    servedBy: null,
    picker: null,
    filenames: [],
    downloadIds: [],
    error: null,
    resumes: 0,
    ...over,
  };
}

/** A job manager whose ranking is empty: a chain has no candidates and fails at once. */
function manager(ctx: TestContext) {
  return createJobManager(ctx, () => []);
}

async function settled(ctx: TestContext, id: string): Promise<Job> {
  await vi.waitFor(() => {
    const found = ctx.state.jobs.find((j) => j.id === id);
    if (!found || found.state === 'running') throw new Error('still running');
  });
  return ctx.state.jobs.find((j) => j.id === id)!;
}

describe('start', () => {
  it('refuses a page no service handles, and says so in a notification from the menu', async () => {
    const ctx = testContext({ tabs: { 4: 'https://example.com/' } });
    const jobs = manager(ctx);
    const refusal = {
      error: expect.objectContaining({ titleKey: 'error_unsupported_page_title' }),
    };
    expect(await jobs.start({ tabId: 4, url: null, mode: 'auto', openPickerInTab: false })).toEqual(
      refusal,
    );
    expect(ctx.notifications).toEqual([]);
    expect(await jobs.start({ tabId: 4, url: null, mode: 'auto', openPickerInTab: true })).toEqual(
      refusal,
    );
    expect(ctx.notifications).toMatchObject([{ messageKey: 'error_unsupported_page_title' }]);
    expect(ctx.state.jobs).toEqual([]);
  });

  it('stores a running job for the normalised link of the active tab, then runs it', async () => {
    const ctx = testContext({ tabs: { 4: `${YT}&si=tracking` }, activeTab: 4 });
    const started = await manager(ctx).start({
      tabId: null,
      url: null,
      mode: 'audio',
      openPickerInTab: false,
    });
    if (!('jobId' in started)) throw new Error('refused');
    expect(ctx.broadcasts[0]).toEqual({ type: 'changed', what: 'job', jobId: started.jobId });
    // No instance to try: the chain fails, the job says so, and it is in the recent list.
    const done = await settled(ctx, started.jobId);
    expect(done).toMatchObject({ tabId: 4, url: YT, mode: 'audio', state: 'failed' });
    expect(done.error?.kind).toBe('instances');
    await vi.waitFor(() => expect(ctx.state.recent).toHaveLength(1));
    expect(ctx.state.recent).toMatchObject([{ service: 'youtube', ok: false }]);
    expect((await ctx.store.read(jobsItem)).value.map((j) => j.id)).toEqual([started.jobId]);
    expect(ctx.notifications).toMatchObject([{ id: started.jobId, titleKey: 'notifyFailedTitle' }]);
  });
});

describe('pick', () => {
  it('answers ok: false for a job that offers no picker', async () => {
    const ctx = testContext();
    ctx.state.jobs = [job({ state: 'downloading' })];
    expect(await manager(ctx).pick('j1', [0], false)).toEqual({ ok: false });
    expect(await manager(ctx).pick('nope', [0], false)).toEqual({ ok: false });
    expect(ctx.downloads).toEqual([]);
  });

  it('downloads the chosen items and moves the job on', async () => {
    const ctx = testContext();
    const picker = {
      status: 'picker' as const,
      audio: null,
      audioFilename: null,
      items: [
        { type: 'photo' as const, url: 'https://media.example/1.jpg', thumb: null },
        { type: 'photo' as const, url: 'https://media.example/2.jpg', thumb: null },
      ],
    };
    ctx.state.jobs = [job({ state: 'picker', picker })];
    expect(await manager(ctx).pick('j1', [1], false)).toEqual({ ok: true });
    expect(ctx.downloads.map((d) => d.url)).toEqual(['https://media.example/2.jpg']);
    expect(ctx.state.jobs[0]).toMatchObject({ state: 'downloading', downloadIds: [1] });
  });
});

describe('onDownloadEnded', () => {
  it('a job is done when all of its files are, then recorded and announced', async () => {
    const ctx = testContext();
    ctx.state.jobs = [job({ state: 'downloading', downloadIds: [7, 8], filenames: ['a', 'b'] })];
    const jobs = manager(ctx);
    await jobs.onDownloadEnded({ id: 7, state: 'complete', mime: 'video/mp4', bytes: 10 });
    expect(ctx.state.jobs[0]?.state).toBe('downloading');
    await jobs.onDownloadEnded({ id: 8, state: 'complete', bytes: 10 });
    expect(ctx.state.jobs[0]?.state).toBe('done');
    expect((await ctx.store.read(recentItem)).value).toMatchObject([{ ok: true, filename: 'a' }]);
    expect(ctx.notifications).toMatchObject([
      { titleKey: 'notifyDoneTitle', params: ['a, b', ''] },
    ]);
  });

  it('an interrupted file of a picker fails the job in plain words and is removed', async () => {
    const ctx = testContext();
    ctx.state.jobs = [job({ state: 'downloading', downloadIds: [7, 8], servedBy: A, picker })];
    await manager(ctx).onDownloadEnded({ id: 7, state: 'interrupted', error: 'NETWORK_FAILED' });
    await manager(ctx).onDownloadEnded({ id: 8, state: 'complete', bytes: 10 });
    expect(ctx.state.jobs[0]).toMatchObject({
      state: 'failed',
      error: { detailKey: 'error_download_interrupted_detail' },
    });
    expect(ctx.discarded).toEqual([7]);
    expect(ctx.state.recent).toMatchObject([{ ok: false }]);
  });

  // What the browser reports → what happens to the file, the instance and the job. The ranking
  // is empty, so no next instance is left and the job fails (the retry on the next instance,
  // over real HTTP, is in test/integration/adversarial-targets.test.ts).
  it.each([
    {
      name: 'a web page saved as the video',
      end: { state: 'complete', mime: 'text/html; charset=utf-8', bytes: 1200 },
      quarantined: true,
      code: 'client.download.not_media',
      detail: 'error_download_not_media_detail',
    },
    {
      name: 'an empty file',
      end: { state: 'complete', mime: 'video/mp4', bytes: 0 },
      quarantined: true,
      code: 'client.download.not_media',
      detail: 'error_download_not_media_detail',
    },
    {
      name: 'a tunnel that broke half-way',
      end: { state: 'interrupted', error: 'NETWORK_FAILED' },
      quarantined: false,
      code: 'client.download.broken',
      detail: 'error_download_interrupted_detail',
    },
    {
      name: 'a tunnel that expired (server error)',
      end: { state: 'interrupted', error: 'SERVER_BAD_CONTENT' },
      quarantined: false,
      code: 'client.download.broken',
      detail: 'error_download_interrupted_detail',
    },
    {
      name: 'the user cancelled',
      end: { state: 'interrupted', error: 'USER_CANCELED' },
      quarantined: false,
      detail: 'error_download_cancelled_detail',
    },
    {
      name: 'the disk is full',
      end: { state: 'interrupted', error: 'FILE_NO_SPACE' },
      quarantined: false,
      detail: 'error_download_local_detail',
    },
  ] as const)('$name', async ({ end, quarantined, detail, ...expected }) => {
    const ctx = testContext();
    const trail = [{ origin: A, outcome: 'ok' as const, ms: 900 }];
    ctx.state.jobs = [job({ state: 'downloading', downloadIds: [7], servedBy: A, trail })];
    await manager(ctx).onDownloadEnded({ id: 7, ...end });
    const after = await settled(ctx, 'j1');
    expect(ctx.discarded).toEqual([7]);
    expect(after.state).toBe('failed');
    const record = ctx.state.health[healthKey(A, 'youtube')];
    expect(record ? isQuarantined(record, ctx.clock.now) : false).toBe(quarantined);
    expect(after.error).toMatchObject({ detailKey: detail });
    expect(ctx.fetched).toEqual([]);
    if ('code' in expected) {
      // The instance's step says why; its failure is recorded.
      const step = { origin: A, outcome: 'failed', code: expected.code, ms: 900 };
      expect(after.trail).toEqual([{ ...step, messageKey: expect.any(String) }]);
      expect(record?.lastOutcome).toBe(expected.code);
    } else {
      // The user's choice or the user's disk: nobody's fault, nothing retried.
      expect(after.trail).toEqual(trail);
      expect(record).toBeUndefined();
    }
  });

  it('a saved file is kept', async () => {
    const ctx = testContext();
    ctx.state.jobs = [job({ state: 'downloading', downloadIds: [7], servedBy: A })];
    await manager(ctx).onDownloadEnded({ id: 7, state: 'complete', mime: 'video/mp4', bytes: 9 });
    expect(ctx.discarded).toEqual([]);
    expect(ctx.state.jobs[0]?.state).toBe('done');
  });

  it('ignores a download that belongs to no job', async () => {
    const ctx = testContext();
    await manager(ctx).onDownloadEnded({ id: 99, state: 'complete', bytes: 1 });
    expect(ctx.broadcasts).toEqual([]);
  });
});

describe('recover', () => {
  it('fails an old running job clearly, keeps a picker, and resumes a young one', async () => {
    const ctx = testContext();
    ctx.clock.now = START + 10 * MINUTE;
    ctx.state.jobs = [
      job({ id: 'old', startedAt: START }),
      job({ id: 'picker', state: 'picker', startedAt: START }),
      job({ id: 'young', startedAt: ctx.clock.now - 1000 }),
    ];
    await manager(ctx).recover();
    expect(ctx.state.jobs.find((j) => j.id === 'old')).toMatchObject({
      state: 'failed',
      error: { titleKey: 'error_interrupted_title' },
    });
    expect(ctx.state.jobs.find((j) => j.id === 'picker')?.state).toBe('picker');
    expect(ctx.state.jobs.find((j) => j.id === 'young')?.resumes).toBe(1);
    expect(ctx.notifications[0]).toMatchObject({
      id: 'old',
      messageKey: 'error_interrupted_title',
    });
  });
});
