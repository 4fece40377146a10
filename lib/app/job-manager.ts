import type { DownloadEnd } from '../model/download-end';
import type { RecentDownload } from '../model/recent-download';
import type { TrailEntry } from '../model/trail';
import type { UserError } from '../model/user-error';
import type { RankedEntry } from '../rank/ranked-entry';
import { matchService } from '../services';
import type { ServiceKey } from '../services/service-key';
import type { DownloadMode } from '../settings/schema';
import { downloadPicked } from '../submit/download-picked';
import type { DownloadVerdict } from '../submit/judge-download-end';
import { trailMessageKey } from '../submit/trail-message-key';
import { addRecentDownload } from './add-recent-download';
import { judgeEnded } from './judge-ended';
import { remember } from './remember-download';
import type { EngineContext } from './engine-state';
import { newJob, pruneJobs, recoverJob, type Job } from './job';
import { runJob } from './run-job';
import { handoffForJob } from './web-app-handoff';
import { changeHealth } from './health-changes';
import { jobsItem, recentItem } from './stored-items';

/**
 * The life of every download job: started (from the popup, the menu or the shortcut), run
 * through the fallback chain (run-job.ts), picked from when cobalt offers a choice, finished
 * when the browser reports its files, and recovered after a worker restart. Every change is
 * stored and broadcast; a finished job goes to the recent list and, if wanted, a notification.
 */
export interface JobManager {
  start(input: StartInput): Promise<StartResult>;
  pick(jobId: string, indexes: number[], audio: boolean): Promise<{ ok: boolean }>;
  onDownloadEnded(end: DownloadEnd): Promise<void>;
  /** The downloads of single jobs still under way (download-watchdog.ts watches them). */
  waiting(): number[];
  /**
   * A job waiting on its picker leaves the job list for the batch queue ("Download all"):
   * returns it, or null when no such job waits on a choice.
   */
  handOver(jobId: string): Promise<Job | null>;
  /** Stops a job processing on this device (docs/local-processing.md); false if none is. */
  cancel(jobId: string): Promise<{ ok: boolean }>;
  /** After (re)start: resumes young running jobs, fails the rest clearly (job.ts). */
  recover(): Promise<void>;
}

export interface StartInput {
  tabId: number | null;
  url: string | null;
  mode: DownloadMode;
  /** Started from the context menu or shortcut: no popup is open to show a picker or a refusal. */
  openPickerInTab: boolean;
}

export type StartResult = { jobId: string } | { error: UserError };

interface JobContext extends EngineContext {
  rankFor(service: ServiceKey): RankedEntry[];
}

export function createJobManager(
  ctx: EngineContext,
  rankFor: (service: ServiceKey) => RankedEntry[],
): JobManager {
  const jobs: JobContext = { ...ctx, rankFor };
  return {
    start: (input) => startJob(jobs, input),
    pick: (jobId, indexes, audio) => pickItems(jobs, jobId, indexes, audio),
    onDownloadEnded: (end) => downloadEnded(jobs, end),
    waiting: () =>
      jobs.state.jobs
        .filter((j) => j.state === 'downloading')
        .flatMap((j) => j.downloadIds.filter((d) => !(j.endedDownloads ?? []).includes(d))),
    cancel: (jobId) => cancelJob(jobs, jobId),
    recover: () => recoverJobs(jobs),
    handOver: (jobId) => handOver(jobs, jobId),
  };
}

const UNSUPPORTED_PAGE: UserError = {
  kind: 'input',
  titleKey: 'error_unsupported_page_title',
  detailKey: 'error_unsupported_page_detail',
};

const CRASHED: UserError = {
  kind: 'internal',
  titleKey: 'error_internal_title',
  detailKey: 'error_internal_detail',
};

async function startJob(ctx: JobContext, input: StartInput): Promise<StartResult> {
  const { deps, state } = ctx;
  const tabId = input.tabId ?? (input.url === null ? await deps.activeTabId() : null);
  const pageUrl = input.url ?? (tabId !== null ? await deps.tabUrl(tabId) : null);
  const match = pageUrl ? matchService(pageUrl) : null;
  if (!match) {
    // From the menu or the shortcut no popup is open to show the refusal: say it as a notification.
    if (input.openPickerInTab && state.settings.notifications.onFailure) {
      deps.notify(`refused-${deps.now()}`, 'notifyFailedTitle', UNSUPPORTED_PAGE.titleKey, []);
    }
    return { error: UNSUPPORTED_PAGE };
  }
  const at = deps.now();
  const job = newJob({
    id: `${at.toString(36)}-${Math.floor(deps.random() * 1e9).toString(36)}`,
    tabId,
    service: match.service,
    mode: input.mode,
    url: match.url,
    at,
    openPickerInTab: input.openPickerInTab,
  });
  state.jobs = [...state.jobs, job];
  await saveJobs(ctx);
  deps.broadcast({ type: 'changed', what: 'job', jobId: job.id });
  launch(ctx, job);
  return { jobId: job.id };
}

/** Runs (or resumes) the fallback chain of a job; a crash fails the job instead of hanging it. */
function launch(ctx: JobContext, job: Job): void {
  const { deps, state } = ctx;
  const skip = new Set(job.trail.filter((t) => t.outcome !== 'running').map((t) => t.origin));
  void runJob({
    job,
    ranked: ctx.rankFor(job.service),
    settings: state.settings,
    probes: state.probes,
    fetch: deps.fetch,
    download: deps.download,
    local: deps.local,
    now: deps.now,
    health: state.health,
    onOutcome: (change) => void changeHealth(ctx, change),
    update: (change) => updateJob(ctx, job.id, change),
    skip,
  }).catch(async (error: unknown) => {
    deps.log(`job ${job.id} crashed: ${String(error)}`);
    await updateJob(ctx, job.id, (j) => ({
      ...j,
      state: 'failed',
      error: CRASHED,
      updatedAt: deps.now(),
    }));
  });
}

async function pickItems(
  ctx: JobContext,
  jobId: string,
  indexes: number[],
  audio: boolean,
): Promise<{ ok: boolean }> {
  const { deps, state } = ctx;
  const job = state.jobs.find((j) => j.id === jobId);
  if (!job?.picker || job.state !== 'picker') return { ok: false };
  const outcome = await downloadPicked(job.picker, indexes, audio, deps.download, {
    saveAs: state.settings.saveAs,
    service: job.service,
  });
  const started = outcome.started;
  const failed: UserError = {
    kind: 'internal',
    titleKey: 'error_download_failed_title',
    detailKey: 'error_download_failed_detail',
    params: [outcome.failed[0]?.message ?? ''],
  };
  await updateJob(ctx, jobId, (j) => ({
    ...j,
    state: started.length > 0 ? 'downloading' : 'failed',
    filenames: started.map((s) => s.filename),
    downloadIds: started.flatMap((s) => (typeof s.id === 'number' ? [s.id] : [])),
    error: started.length > 0 ? null : failed,
    updatedAt: deps.now(),
  }));
  return { ok: started.length > 0 };
}

/** Why a file that is not there any more failed the job, in plain words. */
const DOWNLOAD_ERROR_DETAIL: Record<Exclude<DownloadVerdict['kind'], 'saved'>, string> = {
  'not-media': 'error_download_not_media_detail',
  broken: 'error_download_interrupted_detail',
  cancelled: 'error_download_cancelled_detail',
  local: 'error_download_local_detail',
};

/**
 * The browser reports a download stopped. A saved file counts towards the job; a web page, an
 * empty file or a broken transfer is removed, held against the instance that handed it over, and
 * the link goes to the next instance of the chain (docs/rules.md "Downloads that break").
 */
async function downloadEnded(ctx: JobContext, end: DownloadEnd): Promise<void> {
  const job = ctx.state.jobs.find((j) => j.downloadIds.includes(end.id));
  if (!job) return;
  // The file made on this device is saved (or the download gave up): its temporary copy goes.
  if (job.localFile) ctx.deps.local.release(job.id);
  const verdict = await judgeEnded(ctx, end, { origin: job.servedBy, service: job.service });
  let trail = job.trail;
  if (verdict.kind === 'not-media' || verdict.kind === 'broken') {
    trail = servedStepFailed(job, verdict.code);
    if (canRetry(ctx, job)) return retryJob(ctx, job, trail);
  }
  const ended = new Set([...(job.endedDownloads ?? []), end.id]);
  const allEnded = job.downloadIds.every((d) => ended.has(d));
  const failure: UserError | null =
    verdict.kind === 'saved'
      ? null
      : {
          kind: 'internal',
          titleKey: 'error_download_failed_title',
          detailKey: DOWNLOAD_ERROR_DETAIL[verdict.kind],
        };
  const next = await updateJob(ctx, job.id, (j) => ({
    ...j,
    endedDownloads: [...ended],
    trail,
    ...(failure ? { error: failure } : {}),
    ...(allEnded ? { state: !j.error && !failure ? ('done' as const) : ('failed' as const) } : {}),
    updatedAt: ctx.deps.now(),
  }));
  if (allEnded && next.state === 'done') await finishJob(ctx, next, true);
}

async function handOver(ctx: JobContext, jobId: string): Promise<Job | null> {
  const job = ctx.state.jobs.find((j) => j.id === jobId);
  if (!job?.picker || job.state !== 'picker' || job.servedBy === null) return null;
  ctx.state.jobs = ctx.state.jobs.filter((j) => j.id !== jobId);
  await saveJobs(ctx);
  ctx.deps.broadcast({ type: 'changed', what: 'job', jobId });
  return job;
}

/** The running job's `processLocally` ends it as cancelled once the processor has stopped. */
async function cancelJob(ctx: JobContext, jobId: string): Promise<{ ok: boolean }> {
  const job = ctx.state.jobs.find((j) => j.id === jobId);
  if (job?.state !== 'processing') return { ok: false };
  ctx.deps.local.cancel(jobId);
  return { ok: true };
}

/**
 * One file from one instance: the link can be asked of the next one (a fresh `POST /`, a fresh
 * tunnel) while an instance the job has not tried is left. Each instance is tried at most once
 * per job: a run skips every origin its trail already holds (launch below). A picker's files were chosen by the user from one
 * instance's answer, so they are not re-asked.
 */
function canRetry(ctx: JobContext, job: Job): boolean {
  const tried = new Set(job.trail.map((t) => t.origin));
  const untried = ctx.rankFor(job.service).some((r) => !r.excluded && !tried.has(r.origin));
  const oneFile = job.picker === null && job.downloadIds.length === 1;
  return oneFile && job.state === 'downloading' && untried;
}

/** The trail once the serving instance's step says why its download was not the file. */
function servedStepFailed(job: Job, code: string): TrailEntry[] {
  return job.trail.map((step) =>
    step.origin === job.servedBy && step.outcome === 'ok'
      ? { ...step, outcome: 'failed' as const, code, messageKey: trailMessageKey('failed', code) }
      : step,
  );
}

async function retryJob(ctx: JobContext, job: Job, trail: TrailEntry[]): Promise<void> {
  const at = ctx.deps.now();
  const next = await updateJob(ctx, job.id, (j) => ({
    ...j,
    trail,
    state: 'running',
    servedBy: null,
    filenames: [],
    downloadIds: [],
    endedDownloads: [],
    error: null,
    localFile: false,
    updatedAt: at,
  }));
  launch(ctx, next);
}

async function recoverJobs(ctx: JobContext): Promise<void> {
  const { deps, state } = ctx;
  const resumed: Job[] = [];
  const failed: Job[] = [];
  state.jobs = state.jobs.map((job) => {
    const recovery = recoverJob(job, deps.now(), state.settings.fallback.deadlineMs);
    if (recovery.action === 'resume') resumed.push(recovery.job);
    if (recovery.action === 'failed') failed.push(recovery.job);
    return recovery.job;
  });
  await saveJobs(ctx);
  for (const job of failed) await finishJob(ctx, job, false);
  for (const job of resumed) launch(ctx, job);
}

async function saveJobs(ctx: JobContext): Promise<void> {
  ctx.state.jobs = pruneJobs(ctx.state.jobs, ctx.deps.now());
  await ctx.store.write(jobsItem, ctx.state.jobs);
}

async function updateJob(ctx: JobContext, id: string, change: (job: Job) => Job): Promise<Job> {
  const { state } = ctx;
  const current = state.jobs.find((j) => j.id === id);
  if (!current) throw new Error(`no job ${id}`);
  const next = change(current);
  state.jobs = state.jobs.map((j) => (j.id === id ? next : j));
  await saveJobs(ctx);
  ctx.deps.broadcast({ type: 'changed', what: 'job', jobId: id });
  if (next.state !== current.state) {
    if (next.state === 'failed') await finishJob(ctx, next, false);
    else if (next.state === 'picker' && next.openPickerInTab) ctx.deps.openPicker(next.id);
  }
  return next;
}

/** A finished job: into the recent list, and a notification if the user wants one. */
async function finishJob(ctx: JobContext, job: Job, ok: boolean): Promise<void> {
  const { deps, state } = ctx;
  const entry: RecentDownload = {
    at: deps.now(),
    service: job.service,
    filename: job.filenames[0] ?? null,
    servedBy: job.servedBy,
    ok,
    ...(job.error ? { errorKey: job.error.titleKey } : {}),
  };
  state.recent = addRecentDownload(state.recent, entry);
  await ctx.store.write(recentItem, state.recent);
  await remember(ctx, {
    url: job.url,
    service: job.service,
    filename: entry.filename,
    servedBy: job.servedBy,
    ok,
    reason: job.error?.titleKey ?? null,
    at: entry.at,
  });
  deps.broadcast({ type: 'changed', what: 'recent' });
  const { notifications } = state.settings;
  if (ok && notifications.onSuccess) {
    deps.notify(job.id, 'notifyDoneTitle', 'notifyDoneMessage', [
      job.filenames.join(', '),
      job.servedBy ?? '',
    ]);
  } else if (!ok && notifications.onFailure) {
    // When no instance could serve it, the notification offers the best web app; a click on it
    // (and only that) opens one tab (entrypoints/background: notifications.onClicked).
    const handoff = handoffForJob(job, ctx.rankFor);
    if (handoff) {
      deps.notify(job.id, 'notifyFailedTitle', 'notifyFailedHandoff', [handoff.name]);
      return;
    }
    const key = job.error?.titleKey ?? 'notifyFailedMessage';
    deps.notify(job.id, 'notifyFailedTitle', key, job.error?.params ?? []);
  }
}
