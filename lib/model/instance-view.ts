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
}
