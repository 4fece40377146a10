import { createDownloadWatchdog } from '../../../lib/app/download-watchdog';
import { createEngine } from '../../../lib/app/engine';
import { jobsItem } from '../../../lib/app/stored-items';
import type { Job } from '../../../lib/app/job';
import { createJobManager } from '../../../lib/app/job-manager';
import { healthKey } from '../../../lib/health/health-state';
import type { DownloadProgress } from '../../../lib/model/download-progress';
import { CHECKS_PER_STALL, DOWNLOAD_STALL_MS } from '../../../lib/submit/judge-progress';
import { START, testContext, type TestContext } from './engine-context';

/**
 * The stall watchdog wired to a single download's job manager over the test context: the browser
 * says a download runs (ctx.progress) and nothing more; the rule itself is table-tested in
 * test/unit/submit/judge-progress.test.ts. The batch item's case is in batch-manager.test.ts.
 */
const A = 'https://a.example';
const STALL = DOWNLOAD_STALL_MS;
const EVERY = STALL / CHECKS_PER_STALL;

const running = (id: number, bytes = 0, paused = false): DownloadProgress => ({
  id,
  state: 'in_progress',
  paused,
  bytes,
});

function downloadingJob(): Job {
  return {
    id: 'j1',
    tabId: 4,
    service: 'youtube',
    mode: 'auto',
    url: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ',
    state: 'downloading',
    startedAt: START,
    updatedAt: START,
    trail: [{ origin: A, outcome: 'ok', ms: 900 }],
    servedBy: A,
    picker: null,
    filenames: ['clip.mp4'],
    downloadIds: [7],
    error: null,
    resumes: 0,
  };
}

/**
 * A job downloading file 7 from A (no other instance ranked), watched as the engine does. The
 * tests look (`check`) as the clock moves; the watchdog's own timer looks every EVERY of real
 * time, later than any test here lasts, except with a `stallMs` of a few milliseconds.
 */
function watched(ctx: TestContext, stallMs = STALL) {
  ctx.state.jobs = [downloadingJob()];
  const jobs = createJobManager(ctx, () => []);
  const watchdog = createDownloadWatchdog({
    deps: ctx.deps,
    stallMs,
    waiting: jobs.waiting,
    end: jobs.onDownloadEnded,
  });
  return { jobs, watchdog };
}

/** What a job, its files and its instance look like after `run`, for comparing two ends. */
async function outcome(ctx: TestContext) {
  const job = ctx.state.jobs[0]!;
  return {
    state: job.state,
    error: job.error,
    trail: job.trail,
    discarded: ctx.discarded,
    health: ctx.state.health[healthKey(A, 'youtube')]?.lastOutcome,
  };
}

describe('download watchdog', () => {
  it('a download at 0 bytes for a whole period ends as the browser ending it NETWORK_FAILED', async () => {
    const stalled = testContext();
    stalled.progress.set(7, running(7));
    const { watchdog } = watched(stalled);
    for (let t = 0; t <= STALL; t += EVERY) {
      stalled.clock.now = START + t;
      await watchdog.check();
    }
    expect(stalled.state.jobs[0]?.state).toBe('failed');
    expect(watchdog.endedByWatch(7)).toBe(true);

    // The same job, where the browser itself reported the transfer broken.
    const broken = testContext();
    const { jobs } = watched(broken);
    await jobs.onDownloadEnded({ id: 7, state: 'interrupted', error: 'NETWORK_FAILED' });
    expect(await outcome(stalled)).toEqual(await outcome(broken));
    expect(await outcome(stalled)).toMatchObject({
      error: { detailKey: 'error_download_interrupted_detail' },
      discarded: [7],
      health: 'client.download.broken',
    });
  });

  it('bytes that keep coming are never a stall', async () => {
    const ctx = testContext();
    const { watchdog } = watched(ctx);
    for (let t = 0; t <= 3 * STALL; t += EVERY) {
      ctx.clock.now = START + t;
      ctx.progress.set(7, running(7, t));
      await watchdog.check();
    }
    expect(ctx.state.jobs[0]?.state).toBe('downloading');
    expect(ctx.discarded).toEqual([]);
  });

  it('a download the user paused is never a stall, and gets a whole period after resuming', async () => {
    const ctx = testContext();
    const { watchdog } = watched(ctx);
    ctx.progress.set(7, running(7, 500, true));
    for (let t = 0; t <= 3 * STALL; t += EVERY) {
      ctx.clock.now = START + t;
      await watchdog.check();
    }
    expect(ctx.state.jobs[0]?.state).toBe('downloading');
    ctx.progress.set(7, running(7, 500));
    ctx.clock.now += STALL - 1;
    await watchdog.check();
    expect(ctx.state.jobs[0]?.state).toBe('downloading');
    ctx.clock.now += 1;
    await watchdog.check();
    expect(ctx.state.jobs[0]?.state).toBe('failed');
  });

  it('after a worker restart the period starts again from its first look (never sooner)', async () => {
    const ctx = testContext();
    ctx.progress.set(7, running(7));
    const before = watched(ctx).watchdog;
    await before.check();
    ctx.clock.now += STALL - 1;
    // The worker stopped: a new watchdog, no marks. The alarm wakes it.
    const after = watched(ctx).watchdog;
    ctx.clock.now += 1;
    await after.check();
    expect(ctx.state.jobs[0]?.state).toBe('downloading');
    ctx.clock.now += STALL;
    await after.check();
    expect(ctx.state.jobs[0]?.state).toBe('failed');
  });

  it('once poked it looks on its own timer, with an alarm for a stopped worker', async () => {
    const ctx = testContext();
    ctx.progress.set(7, running(7));
    // A period of 60 ms: a look every 10 ms of real time; the context's clock moves with each.
    const { watchdog } = watched(ctx, 60);
    const describe = ctx.deps.describeDownloads;
    ctx.deps.describeDownloads = (ids) => {
      ctx.clock.now += 10;
      return describe(ids);
    };
    watchdog.poke();
    expect(ctx.watchWakes).toEqual([START + 10]);
    await vi.waitFor(() => expect(ctx.state.jobs[0]?.state).toBe('failed'));
    expect(ctx.discarded).toEqual([7]);
    // Nothing is waited for any more: the next look stops and clears the alarm.
    await vi.waitFor(() => expect(ctx.watchWakes.at(-1)).toBeNull());
  });

  it('watches only downloads still waited for, and stops (alarm cleared) when none is', async () => {
    const ctx = testContext();
    const { jobs, watchdog } = watched(ctx);
    ctx.progress.set(7, running(7));
    await watchdog.check();
    await jobs.onDownloadEnded({ id: 7, state: 'complete', mime: 'video/mp4', bytes: 10 });
    ctx.clock.now += 5 * STALL;
    await watchdog.check();
    // The job is done: its download is not looked at, nothing is ended, the alarm goes.
    expect(ctx.state.jobs[0]?.state).toBe('done');
    expect(watchdog.endedByWatch(7)).toBe(false);
    expect(ctx.watchWakes.at(-1)).toBeNull();
  });

  it('a download the browser reports ended is left to its report', async () => {
    const ctx = testContext();
    const { jobs, watchdog } = watched(ctx);
    const end = { id: 7, state: 'complete' as const, bytes: 9_000, mime: 'video/mp4' };
    ctx.progress.set(7, { ...running(7, 9_000), state: 'complete', end });
    await watchdog.check();
    // The report arrives before the next look: that look has nothing left to do.
    await jobs.onDownloadEnded(end);
    ctx.clock.now += EVERY;
    await watchdog.check();
    expect(ctx.state.jobs[0]?.state).toBe('done');
    expect(watchdog.endedByWatch(7)).toBe(false);
    expect(ctx.logs.filter((l) => l.includes('no report'))).toEqual([]);
  });

  it('an end the browser never reported is taken from its state at the next look, once', async () => {
    const ctx = testContext();
    const { watchdog } = watched(ctx);
    const end = { id: 7, state: 'complete' as const, bytes: 9_000, mime: 'video/mp4' };
    ctx.progress.set(7, { ...running(7, 9_000), state: 'complete', end });
    await watchdog.check();
    expect(ctx.state.jobs[0]?.state).toBe('downloading');
    ctx.clock.now += EVERY;
    await watchdog.check();
    expect(ctx.state.jobs[0]).toMatchObject({ state: 'done', error: null });
    expect(watchdog.endedByWatch(7)).toBe(true);
    expect(ctx.discarded).toEqual([]);
    ctx.clock.now += EVERY;
    await watchdog.check();
    expect(ctx.logs.filter((l) => l.includes('no report'))).toHaveLength(1);
  });

  it('an unreported interruption is judged as the report would be: the partial file goes', async () => {
    const ctx = testContext();
    const { watchdog } = watched(ctx);
    const end = { id: 7, state: 'interrupted' as const, error: 'NETWORK_FAILED' };
    ctx.progress.set(7, { ...running(7, 500), state: 'interrupted', end });
    await watchdog.check();
    ctx.clock.now += EVERY;
    await watchdog.check();
    expect(ctx.state.jobs[0]).toMatchObject({
      state: 'failed',
      error: { detailKey: 'error_download_interrupted_detail' },
    });
    expect(ctx.discarded).toEqual([7]);
  });
});

describe('download watchdog, in the engine', () => {
  it("ends a stalled download once: the browser's report of the cancel that removed it changes nothing", async () => {
    const ctx = testContext();
    // A picker's file: not re-asked, so the job fails and keeps its download id.
    const picked = {
      ...downloadingJob(),
      picker: { status: 'picker' as const, items: [], audio: null, audioFilename: null },
    };
    await ctx.store.write(jobsItem, [picked]);
    ctx.progress.set(7, running(7));
    const engine = createEngine(ctx.deps);
    await engine.ready;
    await engine.checkDownloads();
    ctx.clock.now += STALL;
    await engine.checkDownloads();
    const failed = engine.state().jobs[0];
    expect(failed).toMatchObject({
      state: 'failed',
      error: { detailKey: 'error_download_interrupted_detail' },
    });
    // discardDownload cancelled it; the browser says so.
    await engine.onDownloadEnded({ id: 7, state: 'interrupted', error: 'USER_CANCELED' });
    expect(engine.state().jobs[0]).toEqual(failed);
    expect(ctx.discarded).toEqual([7]);
  });
});
