import { runLocalJob, type TempFile } from '../lib/mux/local-job';
import type { LocalProcessor } from '../lib/mux/local-processor';
import { opfsStore, sweepTempFiles } from './opfs-store';

/**
 * Runs local-processing jobs where page APIs exist (the offscreen document in Chromium, the
 * background page in Firefox): lib/mux/local-job.ts with OPFS temporary files, the finished
 * file handed out as an object URL for the downloads API. Leftovers of an earlier run are swept
 * when the host starts, before any job of its own exists.
 */
export function createLocalJobHost(): LocalProcessor {
  const swept = sweepTempFiles().catch(() => undefined);
  const running = new Map<string, AbortController>();
  const finished = new Map<string, { url: string; file: TempFile }>();
  const store = opfsStore();
  return {
    async run(request, onProgress) {
      await swept;
      const controller = new AbortController();
      running.set(request.jobId, controller);
      try {
        const outcome = await runLocalJob({
          ...request,
          fetch: (url, init) => fetch(url, { ...init, credentials: 'omit', cache: 'no-store' }),
          store,
          onProgress,
          signal: controller.signal,
        });
        if (!outcome.ok) return outcome;
        const url = URL.createObjectURL(outcome.blob);
        finished.set(request.jobId, { url, file: outcome.file });
        return { ok: true, url, size: outcome.blob.size };
      } finally {
        running.delete(request.jobId);
      }
    },
    cancel(jobId) {
      running.get(jobId)?.abort();
    },
    release(jobId) {
      running.get(jobId)?.abort();
      const done = finished.get(jobId);
      finished.delete(jobId);
      if (!done) return;
      URL.revokeObjectURL(done.url);
      void done.file.remove();
    },
  };
}
