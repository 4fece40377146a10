import { probeMany } from '../probe/probe-many';
import type { RankedEntry } from '../rank/ranked-entry';
import type { EngineContext } from './engine-state';
import { selectProbeCandidates } from './select-probe-candidates';
import { probeCacheItem } from './stored-items';

export interface ProbeScheduler {
  /**
   * Probes the top candidates of a ranking in the background (`GET /`, bounded concurrency,
   * cached); the open pages are told when a fact changed. One sweep at a time: a call while
   * one runs is dropped, the next popup opening asks again.
   */
  probeCandidates(ranked: readonly RankedEntry[]): void;
}

export function createProbeScheduler(ctx: EngineContext): ProbeScheduler {
  const { deps, store, state } = ctx;
  let probing: Promise<void> | null = null;

  async function sweep(origins: string[]): Promise<void> {
    const { probe } = state.settings;
    const probes = await probeMany({
      fetch: deps.fetch,
      origins,
      concurrency: probe.concurrency,
      timeoutMs: probe.timeoutMs,
      cache: state.probes,
      cacheMs: probe.cacheMinutes * 60_000,
      now: deps.now,
    });
    // A cached answer comes back as the same object: nothing to store or announce.
    if (!origins.some((o) => probes[o] !== state.probes[o])) return;
    state.probes = { ...state.probes, ...probes };
    await store.write(probeCacheItem, state.probes);
    deps.broadcast({ type: 'changed', what: 'instances' });
  }

  return {
    probeCandidates(ranked) {
      if (probing) return;
      const origins = selectProbeCandidates(ranked, state.settings);
      if (origins.length === 0) return;
      probing = sweep(origins)
        .catch((error: unknown) => deps.log(`probe sweep failed: ${String(error)}`))
        .finally(() => {
          probing = null;
        });
    },
  };
}
