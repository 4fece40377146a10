import type { TrustLevel } from '../instances/instance';
import type { ServiceKey } from '../services/service-key';

/** One known instance in the options page's diagnostics table. */
export interface DiagnosticsRow {
  origin: string;
  version: string | null;
  trust: TrustLevel;
  online: boolean | null;
  turnstile: boolean | null;
  sources: string[];
  services: Partial<Record<ServiceKey, boolean>>;
  latencyMs: number | null;
  /** `owner/repo` it runs, or null when nothing says. */
  codebase: string | null;
  /** Short health summary: successes / failures, quarantined services. */
  health: { ok: number; failed: number; quarantined: ServiceKey[] };
}
