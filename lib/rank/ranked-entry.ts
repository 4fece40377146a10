import type { HealthTable } from '../health/health-state';
import type { Instance } from '../instances/instance';
import type { RankReason } from '../model/rank-reason';
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
  /**
   * The filters' verdicts first ('!' excluded by a rule, '=' a rule waived because the user
   * chose the instance), then, for included entries, each scoring factor ('+' / '-').
   */
  reasons: RankReason[];
  pinned: boolean;
  /** The user holds an API key for this origin (settings.myInstances). */
  hasKey: boolean;
  instance: Instance;
}
