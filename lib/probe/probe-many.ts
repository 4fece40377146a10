import type { FetchLike } from '../net/http';
import { runProbe } from './probe-instance';
import type { ProbeTable } from './probe-result';

/** Open requests at most; the settings default (settings.probe.concurrency). */
export const DEFAULT_PROBE_CONCURRENCY = 8;
/** Per probe; a healthy `GET /` answers in well under a second, 5 s covers slow links. */
export const DEFAULT_PROBE_TIMEOUT_MS = 5000;
/** Results are reused this long (settings.probe.cacheMinutes default). */
export const DEFAULT_PROBE_CACHE_MS = 15 * 60_000;

export interface ProbeManyOptions {
  fetch: FetchLike;
  origins: readonly string[];
  concurrency?: number;
  timeoutMs?: number;
  now?: () => number;
  /** Earlier results: a fresh one is returned as is, without a request. */
  cache?: ProbeTable;
  cacheMs?: number;
  /** Stops the sweep: no new probes start, open ones are aborted and left out of the result. */
  signal?: AbortSignal;
}

/**
 * Probes many instances with at most `concurrency` requests open at any moment. A worker pool:
 * each worker takes the next origin as soon as its previous probe settles, so one hanging
 * instance holds one slot for one timeout, never a whole batch.
 *
 * Returns the results for the requested origins (fresh cached ones included), failed probes
 * too (a timeout is worth remembering), keyed by origin in request order. Merge into a wider
 * table with `{ ...table, ...result }`.
 */
export async function probeMany(options: ProbeManyOptions): Promise<ProbeTable> {
  const now = options.now ?? Date.now;
  const cacheMs = options.cacheMs ?? DEFAULT_PROBE_CACHE_MS;
  const timeoutMs = options.timeoutMs ?? DEFAULT_PROBE_TIMEOUT_MS;
  const concurrency = Math.max(
    1,
    Math.floor(options.concurrency ?? DEFAULT_PROBE_CONCURRENCY) || 1,
  );
  const { signal } = options;
  const origins = [...new Set(options.origins)];
  const found = new Map<string, ProbeTable[string]>();
  const queue: string[] = [];
  const started = now();
  for (const origin of origins) {
    const cached = options.cache?.[origin];
    const age = cached ? started - cached.at : Infinity;
    // A result from the future (clock change) is not trusted to be fresh.
    if (cached && age >= 0 && age < cacheMs) found.set(origin, cached);
    else queue.push(origin);
  }

  let next = 0;
  const worker = async () => {
    while (next < queue.length && !signal?.aborted) {
      const origin = queue[next++] as string;
      const run = await runProbe({ fetch: options.fetch, origin, timeoutMs, now, signal });
      if (!run.cancelled) found.set(origin, run.result);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, queue.length) }, worker));

  const table: ProbeTable = {};
  for (const origin of origins) {
    const result = found.get(origin);
    if (result) table[origin] = result;
  }
  return table;
}
