/**
 * When the fallback chain gives a second instance the page URL, and when it gives up on an
 * attempt altogether (docs/rules.md "Submit with fallback"; docs/performance.md "World model"
 * and "Failover").
 *
 * A second instance sees the page URL only once the first has outlived what is normal for it:
 * a quantile of its answer time for this service, learned per instance and service
 * (lib/health/latency-belief.ts), at the point where its silence has become as likely a hang as
 * a slow answer (lib/health/hedge-quantile.ts). Before any history that is the 95th percentile
 * of a conservative default (6 s); an instance that keeps answering is hedged later, one that
 * keeps going silent sooner. Each hedge costs the user's privacy one more instance, not a
 * fault: the loser is recorded as a lower bound on its time, never as a failure
 * (lib/app/run-job.ts).
 *
 * The hard timeout is the only time-based fault: an attempt silent for HARD_TIMEOUT_MULTIPLE
 * times its 95th percentile is taken for a hang, aborted to free its slot, and quarantined.
 */

/** The 95th percentile (z of the normal, log scale): what the hard timeout is a multiple of. */
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
 * Timing for one attempt from the instance's learned 95th percentile (ms) and the quantile to
 * hedge at (ms; hedge-quantile.ts, the 95th percentile when not given). The hedge is clamped to
 * [HEDGE_FLOOR_MS, ceiling] (a ceiling the user sets below the floor wins); the hard timeout is
 * three times the unclamped 95th percentile, capped by the deadline share, and never before the
 * hedge.
 */
export function attemptTiming(
  p95Ms: number,
  limits: TimingLimits,
  hedgeAtMs: number = p95Ms,
): AttemptTiming {
  const p95 = Number.isFinite(p95Ms) && p95Ms > 0 ? p95Ms : HEDGE_FLOOR_MS;
  const hedgeAt = Number.isFinite(hedgeAtMs) && hedgeAtMs > 0 ? hedgeAtMs : p95;
  const ceiling =
    Number.isFinite(limits.ceilingMs) && limits.ceilingMs > 0 ? limits.ceilingMs : Infinity;
  const deadline =
    Number.isFinite(limits.deadlineMs) && limits.deadlineMs > 0 ? limits.deadlineMs : Infinity;
  const hedgeMs = Math.min(ceiling, Math.max(HEDGE_FLOOR_MS, hedgeAt));
  const hardTimeoutMs = Math.max(
    hedgeMs,
    Math.min(
      HARD_TIMEOUT_MULTIPLE * Math.max(HEDGE_FLOOR_MS, p95),
      HARD_TIMEOUT_DEADLINE_SHARE * deadline,
    ),
  );
  return { hedgeMs: Math.round(hedgeMs), hardTimeoutMs: Math.round(hardTimeoutMs) };
}
