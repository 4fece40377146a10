import type { ClassifiedError } from '../cobalt/error-action';
import type { RateLimitInfo } from '../cobalt/cobalt-result';
import type { ServiceKey } from '../services/service-key';
import { decayFactor } from './decayed-counts';
import { healthKey, type HealthRecord, type HealthTable, type LatencySample } from './health-state';
import { isLatency, median } from './median-latency';
import {
  SILENCES_BEFORE_QUARANTINE,
  escalatingQuarantineMs,
  isRateLimitError,
  isSilence,
  rateLimitUntil,
} from './quarantine-until';

/** One finished attempt against one instance, as lib/submit (or a deep test) saw it. */
export interface OutcomeReport {
  origin: string;
  service: ServiceKey;
  outcome: 'ok' | ClassifiedError;
  /** Time to a usable answer; recorded for successes only. */
  latencyMs?: number;
  now: number;
  /** `RateLimit-*` / `Retry-After` facts of the answer, when it carried them. */
  rateLimit?: RateLimitInfo | null;
}

/**
 * A transient failure (a dropped connection, a timeout with no other sign) weighs a quarter of
 * a real one: it says little about the instance, but four in a row do mean something.
 */
export const TRANSIENT_FAILURE_WEIGHT = 0.25;

/**
 * A rate limit weighs half a failure: the instance works, it is only busy, and its quarantine
 * (until the reset) already keeps us away while it is.
 */
export const RATE_LIMIT_FAILURE_WEIGHT = 0.5;

/**
 * The last 16 answer times per (instance, service) are kept. The hedge delay is a high quantile
 * of them (lib/health/latency-quantile.ts), and a 95th percentile needs more than a handful of
 * samples to move away from the prior; 16 still follows an instance that became slow within a
 * day of ordinary use, and keeps a stored record under half a kilobyte.
 */
export const LATENCY_WINDOW = 16;

/**
 * The table after one outcome (immutable: a new table, the input untouched).
 *
 * - success: +1 success, quarantine and failure streak cleared, latency sampled. If the answer
 *   also said the rate limit is spent (`RateLimit-Remaining: 0`), the instance is benched until
 *   the reset: the next request would only be refused.
 * - instance-class failure: +1 failure and an escalating quarantine (2 min, 10 min, 1 h); a
 *   silence (`client.timeout`) quarantines only as the second failure in a row
 *   (quarantine-until.ts SILENCES_BEFORE_QUARANTINE);
 *   a rate limit instead: +½ failure and a quarantine until the reset (bounded to 1 h).
 * - transient: +¼ failure, no quarantine.
 * - content-class (private, deleted…) and client-class (our bug): never counted against the
 *   instance and never clear a quarantine; only `lastOutcome` is noted.
 */
export function recordOutcome(table: HealthTable, report: OutcomeReport): HealthTable {
  const key = healthKey(report.origin, report.service);
  const previous = table[key];
  const next = nextRecord(previous, report);
  return next === undefined || next === previous ? table : { ...table, [key]: next };
}

function nextRecord(
  previous: HealthRecord | undefined,
  report: OutcomeReport,
): HealthRecord | undefined {
  const { outcome, now } = report;
  if (outcome !== 'ok' && (outcome.errorClass === 'content' || outcome.errorClass === 'client')) {
    // Nothing to count: a record is only touched to remember what happened last.
    return previous && { ...decayed(previous, now), lastOutcome: outcome.code };
  }
  const base = previous ? decayed(previous, now) : emptyRecord(report);
  if (outcome === 'ok') return success(base, report);
  if (outcome.errorClass === 'transient') {
    return {
      ...base,
      failures: base.failures + TRANSIENT_FAILURE_WEIGHT,
      lastOutcome: outcome.code,
    };
  }
  if (isRateLimitError(outcome)) {
    return {
      ...base,
      failures: base.failures + RATE_LIMIT_FAILURE_WEIGHT,
      quarantinedUntil: later(
        base.quarantinedUntil,
        rateLimitUntil(outcome.retryAt, report.rateLimit, now),
      ),
      lastOutcome: outcome.code,
    };
  }
  const streak = (base.consecutiveFailures ?? 0) + 1;
  const benched = !isSilence(outcome) || streak >= SILENCES_BEFORE_QUARANTINE;
  return {
    ...base,
    failures: base.failures + 1,
    consecutiveFailures: streak,
    quarantinedUntil: benched
      ? later(base.quarantinedUntil, now + escalatingQuarantineMs(streak))
      : base.quarantinedUntil,
    lastOutcome: outcome.code,
  };
}

function success(base: HealthRecord, report: OutcomeReport): HealthRecord {
  const samples = isLatency(report.latencyMs)
    ? withSample(base.latencySamples, { ms: report.latencyMs })
    : base.latencySamples;
  const spent = report.rateLimit?.remaining === 0;
  return {
    ...base,
    successes: base.successes + 1,
    consecutiveFailures: 0,
    quarantinedUntil: spent ? rateLimitUntil(undefined, report.rateLimit, report.now) : null,
    lastOutcome: 'ok',
    latencySamples: samples,
    latencyMs: completeMedian(samples) ?? base.latencyMs,
  };
}

/** An attempt that lost to a faster instance and was cancelled after `ms` (see below). */
export interface LatencyBoundReport {
  origin: string;
  service: ServiceKey;
  ms: number;
  now: number;
  /** It never answered: given up at its hard timeout (a possible hang, hedge-quantile.ts). */
  silent: boolean;
}

/**
 * Notes that an instance took at least `ms` to (not) answer: it was cancelled because another
 * instance answered first. That is evidence about its speed (a censored sample for the hedge
 * quantile) and nothing else: no failure weight, no quarantine, the success and failure counts
 * and the failure streak untouched. A cancelled loser is not a fault.
 */
export function recordLatencyBound(table: HealthTable, report: LatencyBoundReport): HealthTable {
  if (!isLatency(report.ms)) return table;
  const key = healthKey(report.origin, report.service);
  const previous = table[key];
  const base = previous ? decayed(previous, report.now) : emptyRecord(report);
  const next: HealthRecord = {
    ...base,
    latencySamples: withSample(
      base.latencySamples,
      report.silent
        ? { ms: report.ms, lowerBound: true, silent: true }
        : { ms: report.ms, lowerBound: true },
    ),
  };
  return { ...table, [key]: next };
}

/**
 * A view of the table with one more lower bound on an instance's time (a request still out),
 * over its whole window: nothing is stored, nothing pushed out.
 */
export function addBound(
  table: HealthTable,
  origin: string,
  service: ServiceKey,
  ms: number,
  now: number,
): HealthTable {
  const key = healthKey(origin, service);
  const base = table[key] ?? emptyRecord({ origin, service, now });
  const sample: LatencySample = { ms, lowerBound: true };
  return { ...table, [key]: { ...base, latencySamples: [...(base.latencySamples ?? []), sample] } };
}

function withSample(
  samples: readonly LatencySample[] | undefined,
  sample: LatencySample,
): LatencySample[] {
  return [...(samples ?? []), sample].slice(-LATENCY_WINDOW);
}

/** Median of the complete (not lower-bound) samples; null when there are none. */
function completeMedian(samples: readonly LatencySample[] | undefined): number | null {
  return median((samples ?? []).filter((s) => !s.lowerBound).map((s) => s.ms));
}

/** Counts decayed to `now`, which becomes the new reference point. */
function decayed(record: HealthRecord, now: number): HealthRecord {
  const factor = decayFactor(now - record.updatedAt);
  return {
    ...record,
    successes: record.successes * factor,
    failures: record.failures * factor,
    // Never move the reference back: a clock jump must not re-decay the same interval.
    updatedAt: Math.max(record.updatedAt, now),
  };
}

function emptyRecord({
  origin,
  service,
  now,
}: Pick<OutcomeReport, 'origin' | 'service' | 'now'>): HealthRecord {
  return {
    origin,
    service,
    successes: 0,
    failures: 0,
    updatedAt: now,
    quarantinedUntil: null,
    lastOutcome: null,
    latencyMs: null,
  };
}

function later(a: number | null, b: number): number {
  return a !== null && a > b ? a : b;
}
