import { decayedCounts } from '../health/decayed-counts';
import { beliefMedian, updateBelief } from '../health/latency-belief';
import { FORGOTTEN_WEIGHT } from '../health/prune-health';
import type { Instance } from '../instances/instance';
import type { RankReason } from '../model/rank-reason';
import type { Evidence, RankContext } from './rank-context';
import {
  ANSWER_TIME_MAX_POINTS,
  ANSWER_TIME_POINTS_PER_DOUBLING,
  BASE_SCORE,
  GENERATION_POINTS,
  LATENCY_BEST_POINTS,
  LATENCY_NEUTRAL_MS,
  LATENCY_WORST_POINTS,
  MY_INSTANCE_POINTS,
  OUTCOME_FAILURE_MAX,
  OUTCOME_FAILURE_POINTS,
  OUTCOME_SUCCESS_MAX,
  OUTCOME_SUCCESS_POINTS,
  OWN_KEY_POINTS,
  PROBE_FAILED_POINTS,
  SERVICE_DISABLED_KEYED_POINTS,
  TRACKER_SCORE_MIDPOINT,
  TRACKER_SCORE_POINTS_PER_POINT,
  TRACKER_SERVICE_FAILED_POINTS,
  TRACKER_SERVICE_OK_POINTS,
  TRUST_SAFE_POINTS,
  TRUST_UNKNOWN_POINTS,
} from './rank-weights';
import { REASON } from './reason-keys';

/**
 * The score of an instance that passed the filters (weights: rank-weights.ts). Every factor
 * that moves the score pushes a '+' or '-' reason; a pin pushes a '+' reason without points
 * (pins sort first instead).
 */
export function scoreInstance(
  instance: Instance,
  ev: Evidence,
  ctx: RankContext,
  reasons: RankReason[],
): number {
  let score = BASE_SCORE;
  const add = (points: number, key: string, params?: string[]) => {
    if (points === 0) return;
    score += points;
    const effect = points > 0 ? '+' : '-';
    reasons.push(params ? { key, params, effect } : { key, effect });
  };

  if (ev.pinIndex !== undefined) {
    reasons.push({ key: REASON.pinned, params: [String(ev.pinIndex + 1)], effect: '+' });
  }
  if (ev.hasKey) add(OWN_KEY_POINTS, REASON.ownKey);
  else if (ev.mine) add(MY_INSTANCE_POINTS, REASON.myInstance);

  const tracked = instance.services[ctx.service];
  if (tracked) {
    add(
      tracked.ok ? TRACKER_SERVICE_OK_POINTS : TRACKER_SERVICE_FAILED_POINTS,
      tracked.ok ? REASON.trackerServiceOk : REASON.trackerServiceFailed,
    );
  }
  if (instance.score !== null && Number.isFinite(instance.score)) {
    const points = (instance.score - TRACKER_SCORE_MIDPOINT) * TRACKER_SCORE_POINTS_PER_POINT;
    add(points, REASON.trackerScore, [String(Math.round(instance.score))]);
  }
  // The user's choice replaces the trackers' trust verdict (checkFilters noted it with '=').
  if (instance.trust === 'safe') add(TRUST_SAFE_POINTS, REASON.trustSafe);
  else if (instance.trust === 'unknown' && !ev.chosen) {
    add(TRUST_UNKNOWN_POINTS, REASON.trustUnknown);
  }

  const { probe } = ev;
  if (probe && !probe.ok) add(PROBE_FAILED_POINTS, REASON.probeFailed);
  if (probe?.ok && probe.latencyMs !== null && probe.latencyMs >= 0) {
    add(latencyPoints(probe.latencyMs), REASON.latency, [String(Math.round(probe.latencyMs))]);
  }
  if (probe?.ok && probe.services && !probe.services.includes(ctx.service)) {
    add(SERVICE_DISABLED_KEYED_POINTS, REASON.serviceDisabled);
  }

  const answered = ev.record?.latencySamples?.filter((s) => !s.lowerBound) ?? [];
  if (ev.record && answered.length > 0) {
    const reference = ctx.answerTimeReference(instance.origin);
    const typical = beliefMedian(updateBelief(reference, ev.record.latencySamples ?? []));
    add(answerTimePoints(typical, beliefMedian(reference)), REASON.answerTime, [
      String(Math.round(typical)),
    ]);
  }

  if (ev.record) {
    const { successes, failures } = decayedCounts(ev.record, ctx.now);
    if (successes >= FORGOTTEN_WEIGHT) {
      const points = Math.min(successes * OUTCOME_SUCCESS_POINTS, OUTCOME_SUCCESS_MAX);
      add(points, REASON.recentSuccesses, [successes.toFixed(1)]);
    }
    if (failures >= FORGOTTEN_WEIGHT) {
      const points = Math.min(failures * OUTCOME_FAILURE_POINTS, OUTCOME_FAILURE_MAX);
      add(-points, REASON.recentFailures, [failures.toFixed(1)]);
    }
  }

  add(GENERATION_POINTS[ev.generation], REASON.generation, [ev.generation]);
  // One decimal: stable display, and float noise cannot reorder equal instances.
  return Math.round(score * 10) / 10;
}

/** ±ANSWER_TIME_POINTS_PER_DOUBLING per halving / doubling against the reference, clamped. */
function answerTimePoints(typicalMs: number, serviceMs: number): number {
  if (!(typicalMs > 0 && serviceMs > 0)) return 0;
  const points = ANSWER_TIME_POINTS_PER_DOUBLING * Math.log2(serviceMs / typicalMs);
  // One decimal, as the score: float noise must not reorder equal instances.
  return (
    Math.round(Math.max(-ANSWER_TIME_MAX_POINTS, Math.min(ANSWER_TIME_MAX_POINTS, points)) * 10) /
    10
  );
}

/** +LATENCY_BEST_POINTS at 0 ms, 0 at LATENCY_NEUTRAL_MS, linear, floored at LATENCY_WORST_POINTS. */
export function latencyPoints(ms: number): number {
  const points = LATENCY_BEST_POINTS * (1 - ms / LATENCY_NEUTRAL_MS);
  return Math.max(LATENCY_WORST_POINTS, points);
}
