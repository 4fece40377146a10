import type { ApiGeneration, TrustLevel } from '../instances/instance';
import type { RankReason } from './rank-reason';

/** One ranked instance as the popup lists it, with the reasons for its rank. */
export interface InstanceView {
  origin: string;
  frontend: string | null;
  version: string | null;
  generation: ApiGeneration;
  trust: TrustLevel;
  pinned: boolean;
  blocked: boolean;
  hasKey: boolean;
  /** null when excluded. */
  score: number | null;
  excluded: boolean;
  reasons: RankReason[];
  latencyMs: number | null;
  /** `owner/repo` it runs (lib/rank/rank-context.ts knownCodebase), or null when nothing says. */
  codebase: string | null;
  /**
   * Excluded only because its answers are closed to the extension without host access for its
   * origin: the popup offers to ask for it (lib/probe/probe-instance.ts).
   */
  needsPermission: boolean;
}
