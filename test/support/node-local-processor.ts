import { openAsBlob } from 'node:fs';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StreamTargetChunk } from 'mediabunny';
import { runLocalJob, type TempStore } from '../../lib/mux/local-job';
import type { LocalProcessor } from '../../lib/mux/local-processor';

/**
 * The engine's LocalProcessor as tests run it: lib/mux/local-job.ts with its temporary files in a
 * real temp folder written positionally (as the browser writes an OPFS file) and the finished
 * file handed out as an object URL (Node's fetch reads `blob:` URLs like a browser's downloads
 * API). `leftovers()` lists what is still in the folder, so a test sees a cancel clean up.
 */
export function nodeLocalProcessor(
  fetchImpl: (url: string, init?: RequestInit) => Promise<Response> = fetch,
) {
  // made on first use: most engines under test never process anything locally
  let made: string | null = null;
  const folder = () => (made ??= mkdtempSync(join(tmpdir(), 'cobalt-picker-local-')));
  const running = new Map<string, AbortController>();
  const done = new Map<string, { url: string; remove: () => Promise<void> }>();
  const store: TempStore = {
    async create(name) {
      const path = join(folder(), name);
      const handle = await open(path, 'w+');
      const writable = new WritableStream<StreamTargetChunk>({
        async write(chunk) {
          await handle.write(chunk.data, 0, chunk.data.length, chunk.position);
        },
        close: () => handle.close(),
        abort: () => handle.close(),
      });
      return {
        writable,
        file: () => openAsBlob(path),
        remove: () => rm(path, { force: true }),
      };
    },
  };
  const processor: LocalProcessor & { leftovers(): string[]; dispose(): void } = {
    async run(request, onProgress) {
      const controller = new AbortController();
      running.set(request.jobId, controller);
      try {
        const outcome = await runLocalJob({
          ...request,
          fetch: (url, init) => fetchImpl(url, init),
          store,
          onProgress,
          signal: controller.signal,
        });
        if (!outcome.ok) return outcome;
        const url = URL.createObjectURL(outcome.blob);
        done.set(request.jobId, { url, remove: () => outcome.file.remove() });
        return { ok: true, url, size: outcome.blob.size };
      } finally {
        running.delete(request.jobId);
      }
    },
    cancel(jobId) {
      running.get(jobId)?.abort();
    },
    release(jobId) {
      const file = done.get(jobId);
      done.delete(jobId);
      if (!file) return;
      URL.revokeObjectURL(file.url);
      void file.remove();
    },
    leftovers: () => (made ? readdirSync(made) : []),
    dispose: () => {
      if (made) rmSync(made, { recursive: true, force: true });
    },
  };
  return processor;
}
