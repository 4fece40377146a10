import type { ServiceKey } from '../services/service-key';
import { healthKey, type HealthTable, type LatencySample } from './health-state';

/**
 * What we believe about how long an instance takes to answer `POST /` for a service: a
 * log-normal distribution, kept as the mean and standard deviation of the log of the time.
 *
 * Why log-normal: a cobalt instance answers after it has asked the service (YouTube, TikTok…)
 * for the media, so most answers cluster around a typical time and a few take several times
 * longer (a slow upstream call, a busy instance). Times are positive and long-tailed; their
 * log is roughly symmetric. docs/performance.md "World model" gives the numbers assumed.
 *
 * How it is learned: a conjugate (normal / inverse-gamma) update of the log-times with a prior
 * worth PRIOR_MEAN_WEIGHT samples for the typical time and PRIOR_SPREAD_WEIGHT for the spread, so
 * the typical time follows the first answers while one fast answer cannot make the hedge jumpy. A lower bound (an attempt cancelled because another
 * instance answered first, health-state.ts) is a censored sample: it enters as its expected
 * value given that the time was at least that long (expectation–maximisation, a few rounds).
 */
export interface LatencyBelief {
  /** Mean of ln(ms). */
  logMean: number;
  /** Standard deviation of ln(ms). */
  logSd: number;
}

/** z for the 95th percentile of a normal distribution. */
export const Z_95 = 1.6448536;

/**
 * Before any history: a typical cobalt answer in about 1.5 s, one in twenty slower than 6 s.
 * A real `POST /` makes the instance fetch the page from the service first, which takes
 * seconds; the 6 s tail is well inside the 20 s after which cobalt's own web app gives up
 * (https://github.com/imputnet/cobalt/blob/main/web/src/lib/api/api.ts). These are the
 * assumptions of docs/performance.md "World model"; being conservative here only delays the
 * hedge of the very first download of a service.
 */
export const DEFAULT_MEDIAN_MS = 1500;
export const DEFAULT_P95_MS = 6000;

export const DEFAULT_BELIEF: LatencyBelief = {
  logMean: Math.log(DEFAULT_MEDIAN_MS),
  logSd: Math.log(DEFAULT_P95_MS / DEFAULT_MEDIAN_MS) / Z_95,
};

/**
 * The prior's typical time counts as a quarter of a sample: 1.5 s is a guess across every
 * service and instance, so a few real answers should set the typical time. (Where the data sit
 * far from the guess, a heavier weight also inflates the spread, which would keep the hedge late
 * long after the instance has shown it answers in a few hundred ms.)
 */
export const PRIOR_MEAN_WEIGHT = 0.25;

/**
 * The prior spread counts as four samples: a handful of similar answers must not convince us
 * that the instance never has a slow moment (its tail would then trigger hedges).
 */
export const PRIOR_SPREAD_WEIGHT = 4;

/** Rounds of expectation–maximisation for lower bounds; the estimate settles within a few. */
const EM_ROUNDS = 6;

/** The belief after `samples`, starting from `prior`. Samples that are not usable are skipped. */
export function updateBelief(
  prior: LatencyBelief,
  samples: readonly LatencySample[],
): LatencyBelief {
  const exact: number[] = [];
  const bounds: number[] = [];
  for (const sample of samples) {
    if (!(Number.isFinite(sample.ms) && sample.ms >= 0)) continue;
    (sample.lowerBound ? bounds : exact).push(Math.log(Math.max(1, sample.ms)));
  }
  const n = exact.length + bounds.length;
  if (n === 0) return prior;
  let mean = prior.logMean;
  let sd = prior.logSd;
  const rounds = bounds.length > 0 ? EM_ROUNDS : 1;
  for (let round = 0; round < rounds; round += 1) {
    let sum = 0;
    let sumSquares = 0;
    for (const x of exact) {
      sum += x;
      sumSquares += x * x;
    }
    for (const bound of bounds) {
      const moments = truncatedMoments(mean, sd, bound);
      sum += moments.mean;
      sumSquares += moments.meanSquare;
    }
    const average = sum / n;
    const scatter = Math.max(0, sumSquares - n * average * average);
    const pull =
      ((PRIOR_MEAN_WEIGHT * n) / (PRIOR_MEAN_WEIGHT + n)) * (average - prior.logMean) ** 2;
    mean = (PRIOR_MEAN_WEIGHT * prior.logMean + sum) / (PRIOR_MEAN_WEIGHT + n);
    sd = Math.sqrt(
      (PRIOR_SPREAD_WEIGHT * prior.logSd ** 2 + scatter + pull) / (PRIOR_SPREAD_WEIGHT + n),
    );
  }
  return { logMean: mean, logSd: sd };
}

/** The time (ms) below which a fraction `q` of answers fall, e.g. q = 0.95 with Z_95. */
export function beliefQuantile(belief: LatencyBelief, z: number): number {
  return Math.exp(belief.logMean + z * belief.logSd);
}

/** The median (ms). */
export function beliefMedian(belief: LatencyBelief): number {
  return Math.exp(belief.logMean);
}

/**
 * What is normal for a service across every instance we have timed for it: the prior for an
 * instance we have never timed for that service.
 */
export function serviceBelief(table: HealthTable, service: ServiceKey): LatencyBelief {
  const pooled: LatencySample[] = [];
  for (const key in table) {
    const record = table[key];
    if (record?.service === service && record.latencySamples) pooled.push(...record.latencySamples);
  }
  return updateBelief(DEFAULT_BELIEF, pooled);
}

/** What is normal for this instance and service: its own samples over the service's belief. */
export function instanceBelief(
  table: HealthTable,
  origin: string,
  service: ServiceKey,
  prior: LatencyBelief = serviceBelief(table, service),
): LatencyBelief {
  return updateBelief(prior, table[healthKey(origin, service)]?.latencySamples ?? []);
}

/**
 * Mean and mean square of a normal(mean, sd) variable known to be at least `bound`
 * (the inverse Mills ratio gives the shift).
 */
function truncatedMoments(
  mean: number,
  sd: number,
  bound: number,
): { mean: number; meanSquare: number } {
  const alpha = (bound - mean) / sd;
  const tail = upperTail(alpha);
  // Far in the tail the ratio tends to alpha (and the tail underflows).
  const mills = tail > 1e-300 ? normalDensity(alpha) / tail : alpha + 1 / Math.max(alpha, 1);
  const shifted = mean + sd * mills;
  const variance = sd * sd * Math.max(0, 1 + alpha * mills - mills * mills);
  return { mean: shifted, meanSquare: variance + shifted * shifted };
}

function normalDensity(x: number): number {
  return Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
}

/** P(Z > x) for a standard normal Z. */
export function upperTail(x: number): number {
  return 0.5 * erfc(x / Math.SQRT2);
}

/**
 * Complementary error function, Chebyshev fit with fractional error below 1.2e-7
 * (Numerical Recipes, `erfcc`): plenty for a hedge delay.
 */
function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t *
                      (-0.18628806 +
                        t *
                          (0.27886807 +
                            t *
                              (-1.13520398 +
                                t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}
