import type { ServiceKey } from '../services/service-key';

/**
 * Outcome memory per (instance, service) (docs/rules.md "Health"). Counts decay with time
 * (see lib/health), so old failures stop mattering.
 */
export interface HealthRecord {
  origin: string;
  service: ServiceKey;
  /** Decayed success weight. */
  successes: number;
  /** Decayed instance-class failure weight (content-class failures never count). */
  failures: number;
  /** ms since epoch of the last update (decay reference point). */
  updatedAt: number;
  /** Instance excluded for this service until this time (ms since epoch), or null. */
  quarantinedUntil: number | null;
  /** Short machine code of the last outcome ("ok", "error.api.rate_exceeded", "timeout", …). */
  lastOutcome: string | null;
  /** Median of the recent complete answer times (`latencySamples`), ms; null when unknown. */
  latencyMs: number | null;
  /**
   * Instance-class failures since the last success; drives the escalating quarantine
   * (lib/health/quarantine-policy.ts). Absent = 0 (records written before it existed).
   */
  consecutiveFailures?: number;
  /**
   * The last few answer times of this instance for this service, oldest first (absent = none):
   * what the fallback chain learns its hedge delay from (lib/health/latency-quantile.ts).
   */
  latencySamples?: LatencySample[];
}

/**
 * One observed `POST /` time. `lowerBound`: the attempt was cancelled because another
 * instance answered first, so all we know is that this one would have taken at least `ms`
 * (a censored sample). It is evidence about speed, never a failure.
 */
export interface LatencySample {
  ms: number;
  lowerBound?: true;
  /**
   * On a lower bound: the attempt never answered, and was given up at its hard timeout
   * (lib/submit/hedge-delay.ts). What lib/health/hedge-quantile.ts counts as a silence that may
   * have been a hang; an instance that answers late, even after losing a race, gives a complete
   * sample instead (lib/submit/run-fallback.ts lets such a loser finish).
   */
  silent?: true;
}

/** Keyed by `${origin}|${service}`. */
export type HealthTable = Record<string, HealthRecord>;

export function healthKey(origin: string, service: ServiceKey): string {
  return `${origin}|${service}`;
}
