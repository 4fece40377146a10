import type { Instance } from '../instances/instance';
import { rank } from '../rank/rank';
import type { RankedEntry } from '../rank/ranked-entry';
import type { ServiceKey } from '../services/service-key';
import { builtinSources } from '../sources/builtin-sources';
import type { EngineContext } from './engine-state';
import { hasLiveList, knownInstances } from './known-instances';

/** The instances the engine knows now, and their ranking for a service, from the current state. */
export interface Ranking {
  known(): { instances: Instance[]; usingBundled: boolean };
  /** `known().usingBundled` without merging the lists (the popup asks on every open). */
  usingBundled(): boolean;
  rankFor(service: ServiceKey): RankedEntry[];
  /** Instances a download for the service could use (not excluded): the badge's number. */
  usableCount(service: ServiceKey): number;
}

export function createRanking(ctx: EngineContext): Ranking {
  const enabledStates = () => {
    // Only enabled sources count: a source the user switched off keeps its state, unused.
    const enabled = new Set(builtinSources(ctx.state.settings).map((s) => s.id as string));
    return Object.values(ctx.state.sources).filter((s) => enabled.has(s.id));
  };
  const known = () => knownInstances(ctx.bundled, enabledStates());
  const rankFor = (service: ServiceKey) => {
    const { state } = ctx;
    const facts = { instances: known().instances, probes: state.probes, health: state.health };
    return rank(service, facts, state.settings, ctx.deps.now());
  };
  return {
    known,
    usingBundled: () => !hasLiveList(enabledStates()),
    rankFor,
    usableCount: (service) => rankFor(service).filter((r) => !r.excluded).length,
  };
}
