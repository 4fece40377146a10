/**
 * When the fallback chain gives a second instance the page URL, and when it gives up on an
 * attempt altogether (docs/rules.md "Submit with fallback"; docs/performance.md "World model"
 * and "Failover").
 *
 * A second instance sees the page URL only once the first has outlived what is normal for it:
 * the 95th percentile of its answer time for this service, learned per instance and service
 * (lib/health/latency-belief.ts; before any history, a conservative default of 6 s). A healthy
 * instance that is merely slow is therefore left alone 19 times in 20, and each hedge that does
 * happen costs the user's privacy one more instance, not a fault: the loser is recorded as a
 * lower bound on its time, never as a failure (lib/app/run-job.ts).
 *
 * The hard timeout is the only time-based fault: an attempt silent for HARD_TIMEOUT_MULTIPLE
 * times that percentile is taken for a hang, aborted to free its slot, and quarantined.
 */

/** Hedge at the 95th percentile of the instance's answer time (z of the normal, log scale). */
export const HEDGE_Z = 1.6448536;

/**
 * Never hedge sooner than this, whatever was learned: below it, ordinary jitter (a TLS
 * handshake to a new origin) would start a second attempt that spends another instance's rate
 * limit and hands it the page URL for nothing.
 */
export const HEDGE_FLOOR_MS = 250;

/**
 * An attempt silent for three times its 95th percentile is a hang. For a log-normal with the
 * default spread (p95 = 4 × median) a healthy answer takes that long about once in 600 attempts,
 * and the attempt is only cut when the hedge beside it has not answered either (run-fallback.ts),
 * so a slow-but-healthy instance is practically never benched for it.
 */
const HARD_TIMEOUT_MULTIPLE = 3;

/**
 * …but never later than this share of the chain's deadline, so that after a hang the next
 * instance still has a third of the deadline to answer.
 */
const HARD_TIMEOUT_DEADLINE_SHARE = 2 / 3;

export interface AttemptTiming {
  /** Start the next candidate beside this attempt after this long without an answer. */
  hedgeMs: number;
  /** Abort this attempt as hung after this long (when another candidate can take its slot). */
  hardTimeoutMs: number;
}

export interface TimingLimits {
  /** settings.fallback.hedgeMs: the user's longest wait before a hedge. */
  ceilingMs: number;
  /** settings.fallback.deadlineMs. */
  deadlineMs: number;
}

/**
 * Timing for one attempt from the instance's learned 95th percentile (ms). The hedge is clamped
 * to [HEDGE_FLOOR_MS, ceiling] (a ceiling the user sets below the floor wins); the hard timeout
 * is three times the unclamped percentile, capped by the deadline share, and never before the
 * hedge.
 */
export function attemptTiming(p95Ms: number, limits: TimingLimits): AttemptTiming {
  const p95 = Number.isFinite(p95Ms) && p95Ms > 0 ? p95Ms : HEDGE_FLOOR_MS;
  const ceiling =
    Number.isFinite(limits.ceilingMs) && limits.ceilingMs > 0 ? limits.ceilingMs : Infinity;
  const deadline =
    Number.isFinite(limits.deadlineMs) && limits.deadlineMs > 0 ? limits.deadlineMs : Infinity;
  const hedgeMs = Math.min(ceiling, Math.max(HEDGE_FLOOR_MS, p95));
  const hardTimeoutMs = Math.max(
    hedgeMs,
    Math.min(
      HARD_TIMEOUT_MULTIPLE * Math.max(HEDGE_FLOOR_MS, p95),
      HARD_TIMEOUT_DEADLINE_SHARE * deadline,
    ),
  );
  return { hedgeMs: Math.round(hedgeMs), hardTimeoutMs: Math.round(hardTimeoutMs) };
}
