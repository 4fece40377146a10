import type { HealthTable } from '../health/health-state';
import type { Instance } from '../instances/instance';
import type { RankReason } from '../messages/protocol';
import type { ProbeTable } from '../probe/probe-result';

/** Everything the engine knows about instances, as rank() reads it. */
export interface RankState {
  /** Merged instances; origins are unique (lib/sources merges by origin). */
  instances: readonly Instance[];
  probes: ProbeTable;
  health: HealthTable;
}

/** One instance's place in the ranking for one service, with every reason for it. */
export interface RankedEntry {
  origin: string;
  /** null when excluded. */
  score: number | null;
  excluded: boolean;
  /** Exclusions ('!') first for excluded entries; otherwise each scoring factor in turn. */
  reasons: RankReason[];
  pinned: boolean;
  /** The user holds an API key for this origin (settings.myInstances). */
  hasKey: boolean;
  instance: Instance;
}
