import type { LocalProgress } from '../model/local-progress';
import type { LocalJobFailure } from './local-job';
import type { MuxPlan } from './local-plan';

/**
 * The door from the engine to where local processing runs (docs/local-processing.md): an
 * offscreen document in Chromium (the MV3 worker has no DOM, no `URL.createObjectURL`), the
 * background page itself in Firefox (it has no offscreen API). platform/local-processor.ts
 * implements it; tests pass one that runs lib/mux/local-job.ts in Node.
 */
export interface LocalProcessorRequest {
  jobId: string;
  plan: MuxPlan;
  instanceOrigin: string;
}

/** `url`: an object URL of the finished file, valid until `release`. */
export type LocalProcessorOutcome = { ok: true; url: string; size: number } | LocalJobFailure;

export interface LocalProcessor {
  run(
    request: LocalProcessorRequest,
    onProgress: (progress: LocalProgress) => void,
  ): Promise<LocalProcessorOutcome>;
  /** Stops a running job; its `run` then resolves as cancelled, its temporary file removed. */
  cancel(jobId: string): void;
  /** The file is saved (or given up on): revoke its URL and delete the temporary file. */
  release(jobId: string): void;
}
