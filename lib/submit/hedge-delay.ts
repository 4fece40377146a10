/**
 * How long an attempt may go unanswered before the fallback chain starts the next instance
 * (docs/rules.md "Submit with fallback"; the failover benchmark).
 *
 * The delay adapts to the latency observed for the service: a fixed 2 s hedge cannot meet the
 * failover budget (3 hanging instances ahead of a healthy one → a download URL within 2.5 s),
 * because the chain starts instance N at about N × hedge (an attempt is abandoned after two
 * hedge delays, which frees the slot for the next one; see run-fallback.ts).
 */

/**
 * Hedge after this multiple of the service's median latency. Answer times of a healthy instance
 * are skewed (most near the median, a tail of slow ones); twice the median is past most of the
 * healthy answers, so an attempt still silent then is more likely stuck than slow. A larger
 * multiple breaks the budget: at a 300 ms median, 3× gives 900 ms per dead instance, 2.7 s for
 * three of them.
 */
export const HEDGE_LATENCY_MULTIPLE = 2;

/**
 * Never hedge sooner than this. Below it, ordinary jitter (a TLS handshake to a new origin,
 * a busy instance) would start a second attempt that spends another instance's rate limit for
 * nothing.
 */
export const HEDGE_FLOOR_MS = 400;

/**
 * With no latency history for the service. Three dead instances ahead then cost 3 × 600 ms =
 * 1.8 s, which leaves 700 ms for a healthy instance to answer inside the 2.5 s budget.
 */
export const HEDGE_DEFAULT_MS = 600;

/**
 * The hedge delay, clamped to [HEDGE_FLOOR_MS, ceilingMs]. The ceiling is the user's
 * `settings.fallback.hedgeMs`; when the user sets it below the floor, the user wins.
 */
export function hedgeDelay(medianLatencyMs: number | null, ceilingMs: number): number {
  const ceiling = Number.isFinite(ceilingMs) && ceilingMs > 0 ? ceilingMs : HEDGE_DEFAULT_MS;
  const known =
    medianLatencyMs !== null && Number.isFinite(medianLatencyMs) && medianLatencyMs >= 0;
  const wanted = known
    ? Math.max(HEDGE_FLOOR_MS, HEDGE_LATENCY_MULTIPLE * medianLatencyMs)
    : HEDGE_DEFAULT_MS;
  return Math.round(Math.min(ceiling, wanted));
}
