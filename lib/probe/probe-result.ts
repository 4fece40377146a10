import type { ServiceKey } from '../services/service-key';
import type { ApiGeneration } from '../instances/instance';

/** What a light `GET /` told us about an instance (docs/cobalt-api.md §3.5, §9.1 step 2). */
export interface ProbeResult {
  origin: string;
  /** ms since epoch when the probe finished. */
  at: number;
  ok: boolean;
  latencyMs: number | null;
  generation: ApiGeneration;
  version: string | null;
  /** Enabled services in internal keys; null when the instance did not say (v7, error). */
  services: ServiceKey[] | null;
  turnstile: boolean;
  /** `cobalt.url` from `GET /` (parse-server-info.ts); absent or null when not reported. */
  apiUrl?: string | null;
  /** `git.remote` from `GET /` (parse-server-info.ts); absent or null when not reported. */
  codebase?: string | null;
  /**
   * `GET /` failed in the browser's CORS check while the instance did answer: its answers lack
   * an `Access-Control-Allow-Origin` the extension's origin passes, so only host access for the
   * origin makes it usable (probe-instance.ts, docs/cobalt-api.md §3.2). Set only with ok false.
   */
  needsHostAccess?: boolean;
  /** Plain-words reason when ok is false. */
  error?: string;
}

/** Probe results keyed by origin. */
export type ProbeTable = Record<string, ProbeResult>;
