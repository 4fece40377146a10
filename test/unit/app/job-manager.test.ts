import type { Job } from '../../../lib/app/job';
import { createJobManager } from '../../../lib/app/job-manager';
import { jobsItem, recentItem } from '../../../lib/app/stored-items';
import { MINUTE, START, testContext, type TestContext } from './engine-context';

const YT = 'https://www.youtube.com/watch?v=dQw4w9WgXcQ';

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
    await jobs.onDownloadEnded(7, true);
    expect(ctx.state.jobs[0]?.state).toBe('downloading');
    await jobs.onDownloadEnded(8, true);
    expect(ctx.state.jobs[0]?.state).toBe('done');
    expect((await ctx.store.read(recentItem)).value).toMatchObject([{ ok: true, filename: 'a' }]);
    expect(ctx.notifications).toMatchObject([
      { titleKey: 'notifyDoneTitle', params: ['a, b', ''] },
    ]);
  });

  it('an interrupted file fails the job in plain words', async () => {
    const ctx = testContext();
    ctx.state.jobs = [job({ state: 'downloading', downloadIds: [7] })];
    await manager(ctx).onDownloadEnded(7, false);
    expect(ctx.state.jobs[0]).toMatchObject({
      state: 'failed',
      error: { detailKey: 'error_download_interrupted_detail' },
    });
    expect(ctx.state.recent).toMatchObject([{ ok: false }]);
  });

  it('ignores a download that belongs to no job', async () => {
    const ctx = testContext();
    await manager(ctx).onDownloadEnded(99, true);
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
