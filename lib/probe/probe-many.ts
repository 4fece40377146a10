import type { FetchLike } from '../net/http';
import { runProbe } from './probe-instance';
import type { ProbeResult, ProbeTable } from './probe-result';

/** Open requests at most; the settings default (settings.probe.concurrency). */
export const DEFAULT_PROBE_CONCURRENCY = 8;
/** Per probe; a healthy `GET /` answers in well under a second, 5 s covers slow links. */
export const DEFAULT_PROBE_TIMEOUT_MS = 5000;
/** Results are reused this long (settings.probe.cacheMinutes default). */
const DEFAULT_PROBE_CACHE_MS = 15 * 60_000;

/**
 * The stuck-probe cut. `GET /` is a static answer (docs/cobalt-api.md §3.5): once a sweep has seen this
 * many answers, a probe still silent at STUCK_MULTIPLE × the slowest answer seen is stuck, not
 * slow, and holding its socket only delays the rest of the sweep (a hang started late sets the
 * sweep's end, docs/performance.md). The cut never goes below STUCK_FLOOR_FRACTION of the
 * configured timeout, so a slow network (every answer slow) still gets most of it.
 */
export const STUCK_MIN_ANSWERS = 8;
const STUCK_MULTIPLE = 2;
const STUCK_FLOOR_FRACTION = 0.5;

/** The timeout for the next probe of a sweep, given the answers seen so far. */
export function adaptiveProbeTimeout(timeoutMs: number, answeredMs: readonly number[]): number {
  if (answeredMs.length < STUCK_MIN_ANSWERS) return timeoutMs;
  const slowest = Math.max(...answeredMs);
  const cut = Math.max(STUCK_MULTIPLE * slowest, STUCK_FLOOR_FRACTION * timeoutMs);
  return Math.round(Math.min(timeoutMs, cut));
}

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
 * instance holds one slot for one timeout, never a whole batch. Probes start longest expected
 * first (see `longestExpectedFirst`), so a hang is not left for the end of the sweep, and once
 * the sweep has seen enough answers a stuck probe is cut early (`adaptiveProbeTimeout`).
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
  const due: string[] = [];
  const started = now();
  for (const origin of origins) {
    const cached = options.cache?.[origin];
    const age = cached ? started - cached.at : Infinity;
    // A result from the future (clock change) is not trusted to be fresh.
    if (cached && age >= 0 && age < cacheMs) found.set(origin, cached);
    else due.push(origin);
  }
  const queue = longestExpectedFirst(due, options.cache, timeoutMs);

  let next = 0;
  // Latencies of the answers this sweep has had; they set the stuck-probe cut for later probes.
  const answered: number[] = [];
  const worker = async () => {
    while (next < queue.length && !signal?.aborted) {
      const origin = queue[next++] as string;
      const limit = adaptiveProbeTimeout(timeoutMs, answered);
      const run = await runProbe({ fetch: options.fetch, origin, timeoutMs: limit, now, signal });
      if (run.cancelled) continue;
      found.set(origin, run.result);
      if (run.result.ok && typeof run.result.latencyMs === 'number')
        answered.push(run.result.latencyMs);
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

/**
 * The probe queue, longest expected probe first (LPT list scheduling: a long probe started last
 * holds one slot while the others have run out of work, docs/performance.md). The expectation
 * comes from the cache, stale entries included, since they are the only history there is:
 *
 * 1. the last probe failed (an error or a timeout): it may hang again, so it is costed at the
 *    full timeout and starts first;
 * 2. known latencies, slowest first;
 * 3. no history: costed at the mean of the known costs above (failures at the timeout), so an
 *    unknown instance sits between the slow and the fast known ones. With no history at all
 *    (a first sweep) every cost is unknown and the list order is kept.
 *
 * Ties keep the request order, so the order is deterministic for the same list and cache.
 */
export function longestExpectedFirst(
  origins: readonly string[],
  cache: ProbeTable | undefined,
  timeoutMs: number,
): string[] {
  const known = origins.map((origin) => expectedCost(cache?.[origin], timeoutMs));
  const costs = known.filter((cost): cost is number => cost !== null);
  if (costs.length === 0) return [...origins];
  const unknownCost = costs.reduce((sum, cost) => sum + cost, 0) / costs.length;
  return origins
    .map((origin, index) => ({ origin, index, cost: known[index] ?? unknownCost }))
    .sort((a, b) => b.cost - a.cost || a.index - b.index)
    .map((entry) => entry.origin);
}

function expectedCost(cached: ProbeResult | undefined, timeoutMs: number): number | null {
  if (!cached) return null;
  const ceiling = Number.isFinite(timeoutMs) && timeoutMs > 0 ? timeoutMs : Number.MAX_VALUE;
  if (!cached.ok) return ceiling;
  const latency = cached.latencyMs;
  return typeof latency === 'number' && Number.isFinite(latency) && latency >= 0
    ? Math.min(latency, ceiling)
    : null;
}
