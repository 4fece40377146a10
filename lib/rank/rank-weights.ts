import type { ApiGeneration } from '../instances/instance';

/**
 * Scoring weights, in points added to BASE_SCORE. The scale is arbitrary; what matters is the
 * order of magnitude between factors: our own outcomes ≳ the tracker's per-service test >
 * latency > trust and tracker score > API generation. Pins do not score: they sort first.
 */

/** Where an instance nobody knows anything about starts: mid-scale, so factors move it both ways. */
export const BASE_SCORE = 50;

/**
 * The tracker downloaded this service's test link through the instance: the best evidence
 * available before the user's own outcomes.
 */
export const TRACKER_SERVICE_OK_POINTS = 20;

/**
 * The tracker's test of this service failed but our own latest attempt succeeded (so it is
 * not excluded): the failure may come back, so it still costs a little.
 */
export const TRACKER_SERVICE_FAILED_POINTS = -10;

/**
 * Per tracker-score point away from 50 (scores are 0–100): ±10 at the extremes. The score
 * spans every service (and hyper.lol's includes the frontend), so it weighs half the
 * per-service result.
 */
export const TRACKER_SCORE_POINTS_PER_POINT = 0.2;
export const TRACKER_SCORE_MIDPOINT = 50;

/** A tracker owner vouched for it ('safe') vs. looked and could not tell ('unknown'). */
export const TRUST_SAFE_POINTS = 8;
export const TRUST_UNKNOWN_POINTS = -8;

/**
 * Probe latency (GET /, mostly network distance; tunnels stream through the instance, so
 * distance is download speed): +15 at 0 ms, 0 at 800 ms (a far but usable instance), falling
 * linearly to a floor of −15 (a slow answer is still an answer; the probe timeout handles dead
 * ones).
 */
export const LATENCY_BEST_POINTS = 15;
export const LATENCY_NEUTRAL_MS = 800;
export const LATENCY_WORST_POINTS = -15;

/**
 * Learned `POST /` answer time for this service (lib/health/latency-belief.ts), against what the
 * other instances take for it, or what cobalt answers take for this user elsewhere
 * (rank-context.ts answerTimeReference): +24 per halving, −24 per doubling, at most ±48. A
 * cobalt answer takes seconds because the instance fetches the media's page first, and
 * instances differ by several times for the same service (docs/performance.md "World model").
 * An instance twice as slow as the reference loses what three successes give it
 * (OUTCOME_SUCCESS_MAX), so the chain tries another one instead of keeping the user on it for
 * good; one within ±20 % of the reference moves by at most ±6, so known-good instances of
 * similar speed do not swap places (each swap would tell one more operator the user's links).
 * Only instances with a complete answer on record score; the others stay neutral until tried.
 * At ±12 per doubling (the earlier weight) an instance three times slower than the others kept
 * its place over untried ones (docs/performance.md "Budgets missed").
 */
export const ANSWER_TIME_POINTS_PER_DOUBLING = 24;
export const ANSWER_TIME_MAX_POINTS = 48;

/**
 * A fresh GET / failed (timeout, refused, not cobalt). Not an exclusion: the free probe may
 * have hit a blip, and the fallback chain moves on quickly, but it should rarely lead.
 */
export const PROBE_FAILED_POINTS = -25;

/**
 * Our own outcomes for this service, decayed (lib/health): per success +8 up to +24, per
 * failure −12 down to −36. The user's own experience outweighs the trackers (which may test
 * with private keys, docs/cobalt-api.md §9 item 15); a failure weighs more than a success because it costs
 * the user a hedge delay every time.
 */
export const OUTCOME_SUCCESS_POINTS = 8;
export const OUTCOME_SUCCESS_MAX = 24;
export const OUTCOME_FAILURE_POINTS = 12;
export const OUTCOME_FAILURE_MAX = 36;

/**
 * API generation: v11 has the current extractors (services break and get fixed upstream
 * often); v10 mostly works; v7 speaks the retired API and is recommended last (docs/cobalt-api.md §7).
 */
export const GENERATION_POINTS: Record<ApiGeneration, number> = {
  v11: 6,
  v10: 2,
  unknown: 0,
  v7: -20,
};

/**
 * The user's own instance: self-hosted, nobody else's rate limit. With a key it also lifts
 * the key's limit and may unlock services closed to anonymous users (docs/cobalt-api.md §3.6).
 */
export const MY_INSTANCE_POINTS = 15;
export const OWN_KEY_POINTS = 25;

/** A success with the service disabled in GET / (only reachable with a key, §3.5): may fail. */
export const SERVICE_DISABLED_KEYED_POINTS = -10;

/**
 * Probes older than the larger of this and the probe cache lifetime are ignored: trackers
 * refresh hourly, so an older probe no longer adds anything they do not say.
 */
export const PROBE_RELEVANCE_MIN_MS = 60 * 60_000;
