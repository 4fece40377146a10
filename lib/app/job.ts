import type { CobaltResult } from '../cobalt/cobalt-result';
import type { JobState, JobView } from '../model/job-view';
import type { LocalProgress } from '../model/local-progress';
import type { TrailEntry } from '../model/trail';
import type { UserError } from '../model/user-error';
import type { ServiceKey } from '../services/service-key';
import type { DownloadMode } from '../settings/schema';

/**
 * One download the user asked for, from click to file. Persisted (storage item `jobs`) so a
 * stopped MV3 worker can resume it or fail it clearly, never leaving a stuck "downloading".
 * The page URL stays in the browser (storage and our own pages); picker item URLs stay in the
 * background, the view carries only their thumbnails.
 */
export interface Job {
  id: string;
  tabId: number | null;
  service: ServiceKey;
  mode: DownloadMode;
  /** Normalised media link; sent only to the instances tried for it. */
  url: string;
  state: JobState;
  startedAt: number;
  updatedAt: number;
  trail: TrailEntry[];
  servedBy: string | null;
  /** Kept while the user chooses; item URLs expire (thumbnails after ~90 s). */
  picker: Extract<CobaltResult, { status: 'picker' }> | null;
  filenames: string[];
  downloadIds: number[];
  error: UserError | null;
  /** How many times a worker restart resumed this job (bounded, so a crash loop ends). */
  resumes: number;
  /** Started from the context menu or shortcut: a picker opens in a tab (no popup is open). */
  openPickerInTab?: boolean;
  /** Browser download ids that have finished (complete or interrupted). */
  endedDownloads?: number[];
  /** While processing on this device (state 'processing'). */
  local?: LocalProgress;
  /** The saved file was made on this device: its temporary copy goes when the download ends. */
  localFile?: boolean;
}

/** What identifies a new download; everything else starts empty. */
export interface NewJob {
  id: string;
  tabId: number | null;
  service: ServiceKey;
  mode: DownloadMode;
  url: string;
  at: number;
  openPickerInTab?: boolean;
}

/** A job as it starts: running, nothing tried, nothing saved. */
export function newJob({ at, openPickerInTab, ...what }: NewJob): Job {
  return {
    ...what,
    state: 'running',
    startedAt: at,
    updatedAt: at,
    trail: [],
    servedBy: null,
    picker: null,
    filenames: [],
    downloadIds: [],
    error: null,
    resumes: 0,
    ...(openPickerInTab === undefined ? {} : { openPickerInTab }),
  };
}

export function toJobView(job: Job): JobView {
  return {
    id: job.id,
    tabId: job.tabId,
    service: job.service,
    mode: job.mode,
    // The normalised media link, for "try again" in our own popup; it never leaves the browser.
    url: job.url,
    state: job.state,
    startedAt: job.startedAt,
    trail: job.trail,
    servedBy: job.servedBy,
    picker: job.picker
      ? {
          items: job.picker.items.map((item, index) => ({
            index,
            type: item.type,
            thumb: item.thumb,
          })),
          hasAudio: job.picker.audio !== null,
        }
      : null,
    filenames: job.filenames,
    error: job.error,
    ...(job.local ? { local: job.local } : {}),
  };
}

/** A resumed chain must still fit the user's deadline; one resume is enough to survive a restart. */
const MAX_RESUMES = 1;

export type Recovery = { job: Job; action: 'resume' | 'failed' | 'keep' };

/**
 * After a worker (re)start: running jobs either resume (young enough, not resumed before) or
 * fail with a plain explanation. Picker/done/failed jobs are kept as they are.
 */
export function recoverJob(job: Job, now: number, deadlineMs: number): Recovery {
  if (job.state !== 'running' && job.state !== 'processing') return { job, action: 'keep' };
  const young = now - job.startedAt < deadlineMs;
  // Processing cannot resume: the worker's link to the offscreen document died with it, and
  // the document removed the temporary file (platform/local-processor.ts).
  if (job.state === 'running' && young && job.resumes < MAX_RESUMES) {
    return { job: { ...job, resumes: job.resumes + 1, updatedAt: now }, action: 'resume' };
  }
  return {
    job: {
      ...job,
      state: 'failed',
      updatedAt: now,
      local: undefined,
      trail: job.trail.map((t) => (t.outcome === 'running' ? { ...t, outcome: 'cancelled' } : t)),
      error: {
        kind: 'internal',
        titleKey: 'error_interrupted_title',
        detailKey: 'error_interrupted_detail',
      },
    },
    action: 'failed',
  };
}

/** Old finished jobs are dropped so storage stays small; the recent list keeps the summary. */
export const JOB_RETENTION_MS = 30 * 60 * 1000;

export function pruneJobs(jobs: Job[], now: number): Job[] {
  return jobs.filter(
    (j) =>
      j.state === 'running' ||
      j.state === 'processing' ||
      j.state === 'downloading' ||
      now - j.updatedAt < JOB_RETENTION_MS,
  );
}
