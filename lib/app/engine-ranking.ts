import type { Instance } from '../instances/instance';
import { rank } from '../rank/rank';
import type { RankedEntry } from '../rank/ranked-entry';
import type { ServiceKey } from '../services/service-key';
import { builtinSources } from '../sources/builtin-sources';
import type { EngineContext } from './engine-state';
import { knownInstances } from './known-instances';

/** The instances the engine knows now, and their ranking for a service, from the current state. */
export interface Ranking {
  known(): { instances: Instance[]; usingBundled: boolean };
  rankFor(service: ServiceKey): RankedEntry[];
  /** Instances a download for the service could use (not excluded): the badge's number. */
  usableCount(service: ServiceKey): number;
}

export function createRanking(ctx: EngineContext): Ranking {
  const known = () => {
    // Only enabled sources count: a source the user switched off keeps its state, unused.
    const enabled = new Set(builtinSources(ctx.state.settings).map((s) => s.id as string));
    const states = Object.values(ctx.state.sources).filter((s) => enabled.has(s.id));
    return knownInstances(ctx.bundled, states);
  };
  const rankFor = (service: ServiceKey) => {
    const { state } = ctx;
    const facts = { instances: known().instances, probes: state.probes, health: state.health };
    return rank(service, facts, state.settings, ctx.deps.now());
  };
  return {
    known,
    rankFor,
    usableCount: (service) => rankFor(service).filter((r) => !r.excluded).length,
  };
}
