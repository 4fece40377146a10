import type { LocalProgress } from '../model/local-progress';
import type { TrailEntry } from '../model/trail';
import type { UserError } from '../model/user-error';
import type { MuxPlan } from '../mux/local-plan';
import type { LocalProcessor } from '../mux/local-processor';
import { saveLocalFile, type DownloadAdapter } from '../submit/download-adapter';
import type { Job } from './job';

/**
 * The end of a job whose winning answer is parts to mux (docs/local-processing.md): the job shows
 * `processing` with the tunnels' bytes and then the muxing percentage, the local processor makes
 * the file, and the downloads API saves it under the instance's output filename. A failure or a
 * cancel ends the job with its reason; the temporary file is released in every case but a
 * started download, whose end releases it (job-manager.ts).
 */
export interface ProcessLocallyInput {
  job: Job;
  plan: MuxPlan;
  servedBy: string;
  trail: TrailEntry[];
  local: LocalProcessor;
  download: DownloadAdapter;
  saveAs: boolean;
  now: () => number;
  update: (change: (job: Job) => Job) => Promise<Job>;
}

/** Progress is stored and broadcast; more often than this would only cost storage writes. */
export const PROGRESS_INTERVAL_MS = 250;

const CANCELLED: UserError = {
  kind: 'input',
  titleKey: 'error_cancelled_title',
  detailKey: 'error_cancelled_detail',
};

function failed(message: string, code: string): UserError {
  return {
    kind: 'internal',
    titleKey: 'error_local_failed_title',
    detailKey: 'error_local_failed_detail',
    params: [message.slice(0, 200)],
    code,
  };
}

/** Passes a phase change at once, and otherwise at most one report per interval. */
export function throttleProgress(
  now: () => number,
  emit: (progress: LocalProgress) => void,
): (progress: LocalProgress) => void {
  let lastAt = -Infinity;
  let lastPhase: LocalProgress['phase'] | null = null;
  return (progress) => {
    const at = now();
    if (progress.phase === lastPhase && at - lastAt < PROGRESS_INTERVAL_MS) return;
    lastAt = at;
    lastPhase = progress.phase;
    emit(progress);
  };
}

export async function processLocally(input: ProcessLocallyInput): Promise<Job> {
  const { job, plan, local, now } = input;
  await input.update((j) => ({
    ...j,
    trail: input.trail,
    state: 'processing',
    servedBy: input.servedBy,
    local: { phase: 'fetching', tunnels: plan.tunnels.map(() => ({ received: 0, total: null })) },
    updatedAt: now(),
  }));
  const report = throttleProgress(now, (progress) => {
    void input.update((j) =>
      j.state === 'processing' ? { ...j, local: progress, updatedAt: now() } : j,
    );
  });
  const outcome = await local.run({ jobId: job.id, plan, instanceOrigin: input.servedBy }, report);
  if (!outcome.ok) {
    local.release(job.id);
    const error =
      outcome.code === 'cancelled'
        ? CANCELLED
        : failed(outcome.message, `client.local.${outcome.code}`);
    return input.update((j) => ({
      ...j,
      state: 'failed',
      local: undefined,
      error,
      updatedAt: now(),
    }));
  }
  const started = await saveLocalFile(
    input.download,
    outcome.url,
    plan.filename,
    `${job.service}-${job.id}`,
    input.saveAs,
  );
  if (!started.ok) {
    local.release(job.id);
    return input.update((j) => ({
      ...j,
      state: 'failed',
      local: undefined,
      error: {
        kind: 'internal',
        titleKey: 'error_download_failed_title',
        detailKey: 'error_download_failed_detail',
        params: [started.message.slice(0, 200)],
        code: started.code,
      },
      updatedAt: now(),
    }));
  }
  return input.update((j) => ({
    ...j,
    state: 'downloading',
    local: undefined,
    localFile: true,
    filenames: [started.filename],
    downloadIds: typeof started.id === 'number' ? [started.id] : [],
    updatedAt: now(),
  }));
}
