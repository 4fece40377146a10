import type { LatencySample } from './health-state';
import { zForUpperTail } from './latency-belief';

/**
 * How far into an instance's own answer-time distribution the fallback chain waits before it
 * asks a second instance (docs/rules.md "Submit with fallback"; docs/performance.md "World
 * model"): the point where a silent attempt has become as likely to be hung as to be merely
 * slow.
 *
 * An attempt still silent after t is either a hang (rate h) or a normal answer still to come
 * (probability S(t), the share of its answers slower than t). It is more likely hung once
 * h ≥ (1 − h) · S(t), i.e. once S(t) ≤ h / (1 − h): the hedge waits for the quantile whose tail
 * is the odds that a silence of this instance is a hang.
 *
 * Those odds come from the instance's own recent record for the service: its silences (lower
 * bounds of attempts given up at their hard timeout, health-state.ts `silent`) against its
 * complete answers, over a prior of ¼ silence in 5 answers. The prior's odds are 1 : 20, so
 * before any history the hedge comes at the 95th percentile, the conservative default. An
 * instance that keeps answering moves its hedge later (16 answers and no silence: the 98.8th
 * percentile), so a healthy instance's slow moments hand the page URL to a second instance less
 * often; one that keeps going silent (a flaky instance that hangs on one request in seven)
 * moves it earlier (about the 88th), so its hangs cost the user less waiting. A slow moment
 * is not a silence: an attempt outrun after its hedge delay is left to answer
 * (lib/submit/run-fallback.ts) and its late answer is a complete sample. Lower bounds of
 * hedges that lost say nothing about hangs and are not counted.
 *
 * The hard timeout (lib/submit/hedge-delay.ts) stays on the 95th percentile whatever this
 * says: what counts as a fault does not move with the hedge.
 */
export const PRIOR_SILENCES = 0.25;
export const PRIOR_ANSWERS = 5;

/** z (log scale, standard normal) of the hedge quantile for an instance with these samples. */
export function hedgeZ(samples: readonly LatencySample[] | undefined): number {
  let silences = 0;
  let answered = 0;
  for (const sample of samples ?? []) {
    if (!sample.lowerBound) answered += 1;
    else if (sample.silent) silences += 1;
  }
  return zForUpperTail((silences + PRIOR_SILENCES) / (answered + PRIOR_ANSWERS));
}
