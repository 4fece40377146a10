import type { ServiceKey } from '../services/service-key';
import { healthKey, type HealthRecord, type HealthTable, type LatencySample } from './health-state';

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
 * the typical time follows the first answers while one fast answer cannot make the hedge jumpy.
 * A lower bound (an attempt cancelled because another instance answered first, health-state.ts)
 * is a censored sample: it enters as its expected value given the complete answers and that the
 * time was at least that long (one expectation step; an instance with no complete answer keeps
 * the service's belief, see updateBelief).
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
const PRIOR_MEAN_WEIGHT = 0.25;

/**
 * The prior spread counts as four samples: a handful of similar answers must not convince us
 * that the instance never has a slow moment (its tail would then trigger hedges).
 */
const PRIOR_SPREAD_WEIGHT = 4;

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
  // Lower bounds only say something next to complete answers. An instance that has never
  // answered keeps what is normal for the service: its losses alone must not stretch its hedge
  // delay (each loss is cut at about that delay, so the delay would feed on itself).
  if (exact.length === 0) return prior;
  const complete = conjugate(prior, exact);
  if (bounds.length === 0) return complete;
  // One expectation step: each lower bound enters as the time it is expected to have taken
  // given the complete answers, never less than the bound itself.
  const imputed = bounds.map((bound) => Math.max(bound, truncatedMean(complete, bound)));
  return conjugate(prior, [...exact, ...imputed]);
}

/** Count, sum and sum of squares of log-times: all a conjugate update needs. */
interface LogSums {
  n: number;
  sum: number;
  squares: number;
}

const NO_SUMS: LogSums = { n: 0, sum: 0, squares: 0 };

function addLog(sums: LogSums, x: number): LogSums {
  return { n: sums.n + 1, sum: sums.sum + x, squares: sums.squares + x * x };
}

/** The normal / inverse-gamma update over `prior`, from the log-times' sums. */
function fromSums(prior: LatencyBelief, { n, sum, squares }: LogSums): LatencyBelief {
  const average = sum / n;
  const scatter = Math.max(0, squares - n * average * average);
  const pull = ((PRIOR_MEAN_WEIGHT * n) / (PRIOR_MEAN_WEIGHT + n)) * (average - prior.logMean) ** 2;
  return {
    logMean: (PRIOR_MEAN_WEIGHT * prior.logMean + sum) / (PRIOR_MEAN_WEIGHT + n),
    logSd: Math.sqrt(
      (PRIOR_SPREAD_WEIGHT * prior.logSd ** 2 + scatter + pull) / (PRIOR_SPREAD_WEIGHT + n),
    ),
  };
}

/**
 * For every origin at once, what the *other* records say (pooledBelief without that origin's
 * record), or null when no other record holds a complete answer. Built in one pass over the
 * samples and answered per origin by subtracting its own sums, so a rank over thousands of
 * instances does not pool the rest once per instance. One simplification against pooledBelief:
 * lower bounds are imputed once, given the complete answers of every record (the origin's own
 * included), not once per origin.
 */
export function pooledBeliefsWithout(
  records: Iterable<HealthRecord>,
): (origin: string) => LatencyBelief | null {
  const own = new Map<string, { exact: LogSums; bounds: number[] }>();
  let exactAll = NO_SUMS;
  for (const record of records) {
    let exact = NO_SUMS;
    const bounds: number[] = [];
    for (const sample of record.latencySamples ?? []) {
      if (!(Number.isFinite(sample.ms) && sample.ms >= 0)) continue;
      const x = Math.log(Math.max(1, sample.ms));
      if (sample.lowerBound) bounds.push(x);
      else exact = addLog(exact, x);
    }
    own.set(record.origin, { exact, bounds });
    exactAll = {
      n: exactAll.n + exact.n,
      sum: exactAll.sum + exact.sum,
      squares: exactAll.squares + exact.squares,
    };
  }
  if (exactAll.n === 0) return () => null;
  const complete = fromSums(DEFAULT_BELIEF, exactAll);
  const mine = new Map<string, LogSums>();
  let total = NO_SUMS;
  for (const [origin, { exact, bounds }] of own) {
    // As updateBelief: a record's lower bounds count only beside its own complete answers.
    let sums = exact;
    if (exact.n > 0) {
      for (const bound of bounds)
        sums = addLog(sums, Math.max(bound, truncatedMean(complete, bound)));
    }
    mine.set(origin, sums);
    total = {
      n: total.n + sums.n,
      sum: total.sum + sums.sum,
      squares: total.squares + sums.squares,
    };
  }
  return (origin) => {
    const self = mine.get(origin) ?? NO_SUMS;
    const exactOthers = exactAll.n - (own.get(origin)?.exact.n ?? 0);
    if (exactOthers === 0) return null;
    return fromSums(DEFAULT_BELIEF, {
      n: total.n - self.n,
      sum: total.sum - self.sum,
      squares: total.squares - self.squares,
    });
  };
}

/** Normal / inverse-gamma update of the log-times `xs` over `prior`. */
function conjugate(prior: LatencyBelief, xs: readonly number[]): LatencyBelief {
  let sums = NO_SUMS;
  for (const x of xs) sums = addLog(sums, x);
  return fromSums(prior, sums);
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
  const records: HealthRecord[] = [];
  for (const key in table) {
    const record = table[key];
    if (record?.service === service) records.push(record);
  }
  return pooledBelief(records);
}

/** The same from one service's records (lib/rank has them indexed already). */
export function pooledBelief(records: Iterable<HealthRecord>): LatencyBelief {
  const pooled: LatencySample[] = [];
  for (const record of records) if (record.latencySamples) pooled.push(...record.latencySamples);
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

/** Mean of ln(time) given that it is at least `bound` (inverse Mills ratio). */
function truncatedMean(belief: LatencyBelief, bound: number): number {
  const alpha = (bound - belief.logMean) / belief.logSd;
  const tail = upperTail(alpha);
  // Far in the tail the ratio tends to alpha (and the tail underflows).
  const mills = tail > 1e-300 ? normalDensity(alpha) / tail : alpha + 1 / Math.max(alpha, 1);
  return belief.logMean + belief.logSd * mills;
}

function normalDensity(x: number): number {
  return Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
}

/** P(Z > x) for a standard normal Z. */
export function upperTail(x: number): number {
  return 0.5 * erfc(x / Math.SQRT2);
}

/**
 * The z with P(Z > z) = `tail` for a standard normal Z (0 < tail ≤ ½), by bisection on
 * upperTail: 50 halvings of [0, 9] leave it within 1e-14, far below what a hedge delay in ms
 * can show.
 */
export function zForUpperTail(tail: number): number {
  if (!(tail > 0)) return 9;
  if (tail >= 0.5) return 0;
  let low = 0;
  let high = 9;
  for (let i = 0; i < 50; i++) {
    const middle = (low + high) / 2;
    if (upperTail(middle) > tail) low = middle;
    else high = middle;
  }
  return (low + high) / 2;
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
