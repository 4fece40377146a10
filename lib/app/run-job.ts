import type { AttemptOutcome, CobaltResult } from '../cobalt/cobalt-result';
import { CLIENT_CODES, classifyError } from '../cobalt/classify-error';
import type { ClassifiedError } from '../cobalt/error-action';
import { requestInstance } from '../cobalt/request-instance';
import { healthKey, type HealthTable } from '../health/health-state';
import { hedgeZ } from '../health/hedge-quantile';
import {
  beliefQuantile,
  instanceBelief,
  serviceBelief,
  type LatencyBelief,
} from '../health/latency-belief';
import { recordLatencyBound, recordOutcome } from '../health/record-outcome';
import type { TrailEntry } from '../model/trail';
import { planForResult } from '../mux/local-plan';
import type { LocalProcessor } from '../mux/local-processor';
import type { FetchLike } from '../net/http';
import type { ProbeTable } from '../probe/probe-result';
import { requestVersion } from '../probe/request-version';
import type { RankedEntry } from '../rank/ranked-entry';
import { effectiveOptions } from '../settings/merge-download-options';
import { DEFAULT_SETTINGS, type DownloadOptions, type Settings } from '../settings/schema';
import type { TargetContext } from '../safety/download-target';
import type { ServiceKey } from '../services/service-key';
import { acceptDeliverable } from '../submit/accept-deliverable';
import { confineResult } from '../submit/confine-result';
import { deliverResult, type DeliverOutcome } from '../submit/deliver-result';
import type { DownloadAdapter } from '../submit/download-adapter';
import { HEDGE_Z, attemptTiming, type AttemptTiming } from '../submit/hedge-delay';
import { runFallback, type RunFallbackOptions } from '../submit/run-fallback';
import { SUBMIT_CODES } from '../submit/submit-codes';
import { toUserError } from '../submit/user-error';
import type { Job } from './job';
import { processLocally } from './process-locally';

/**
 * One download from ranked instances to the downloads API: the fallback chain, health
 * recorded for every attempt, and the winning result handed over at once (tunnels expire).
 * Job changes go out through `update` as they happen, so the popup shows live progress even
 * if it was closed and reopened mid-chain.
 */
export interface RunJobInput {
  job: Job;
  ranked: readonly RankedEntry[];
  settings: Settings;
  /** Fresh probe facts beat tracker facts for the version (request keys) and Turnstile. */
  probes: ProbeTable;
  fetch: FetchLike;
  download: DownloadAdapter;
  local: LocalProcessor;
  now: () => number;
  /** Current health (read at start for the hedge); outcomes are reported through `onOutcome`. */
  health: HealthTable;
  /**
   * Subscribes to the engine's health as it changes (lib/app/health-changes.ts); returns the
   * unsubscribe. Each change re-reads the running attempts' timing (run-fallback.ts `retime`),
   * so what other downloads learn meanwhile (a batch's other items) moves this one's hedge.
   */
  watchHealth?: (listener: (health: HealthTable, pooled: HealthTable) => void) => () => void;
  onOutcome: (change: (table: HealthTable) => HealthTable) => void;
  update: (change: (job: Job) => Job) => Promise<Job>;
  /** Origins already tried by an earlier run of this job (a resumed chain skips them). */
  skip?: ReadonlySet<string>;
  /** The caller tries other instances itself (the batch queue): see runFallback's option. */
  othersOutside?: boolean;
  /** Asked before each attempt after the first: see runFallback's option. */
  claim?: (origin: string) => boolean;
}

/**
 * A hang (an attempt silent for its whole hard timeout, hedge-delay.ts), classified as the
 * client classifies its own timeouts. classify-error.ts maps client.timeout to an
 * instance-class failover; it is pinned here because record-outcome.ts weighs a `transient`
 * failure at ¼ with no quarantine, which would never take a hanging (and possibly pinned)
 * instance out of the chain.
 */
function hardTimeout(): ClassifiedError {
  return { ...classifyError(CLIENT_CODES.timeout), action: 'failover', errorClass: 'instance' };
}

/**
 * What an instance may name as a download (lib/safety/download-target.ts): its own origin, the
 * API URL its probe reported, and the job's service's media hosts.
 */
function targetContext(origin: string, probes: ProbeTable, service: ServiceKey): TargetContext {
  return { instanceOrigin: origin, reportedApiUrl: probes[origin]?.apiUrl ?? null, service };
}

/**
 * One `POST /` of the job's link to an instance: the body for its API version (fresh probe facts
 * beat tracker facts) and the user's key for that origin only.
 */
function sender(input: RunJobInput) {
  const { job, settings, now } = input;
  const keys = new Map(
    settings.myInstances.filter((m) => m.apiKey).map((m) => [m.origin, m.apiKey as string]),
  );
  const versions = new Map(
    input.ranked.map((r) => [r.origin, requestVersion(input.probes[r.origin], r.instance.version)]),
  );
  return (origin: string, signal: AbortSignal, body: DownloadOptions) =>
    requestInstance({
      fetch: input.fetch,
      origin,
      version: versions.get(origin) ?? null,
      url: job.url,
      options: body,
      apiKey: keys.get(origin),
      turnstile: input.probes[origin]?.turnstile,
      signal,
      timeoutMs: settings.fallback.deadlineMs,
      now,
    });
}

/**
 * Each instance's hedge delay and hard timeout from what is normal for it on this service (its
 * own answer times over the service's, over the default; lib/health/latency-belief.ts): read
 * at the start, and again whenever the health changes while the chain runs (when `watchHealth`
 * is given). What is normal across the service counts the requests still out as lower bounds
 * (`pooled`, lib/app/health-changes.ts): the first answers of a batch are its fast ones.
 */
function attemptTimings(input: RunJobInput): {
  timing: (origin: string) => AttemptTiming;
  retime: RunFallbackOptions['retime'];
} {
  const { job, settings } = input;
  let health = input.health;
  let pooled = input.health;
  let prior: LatencyBelief | null = null;
  const limits = { ceilingMs: settings.fallback.hedgeMs, deadlineMs: settings.fallback.deadlineMs };
  const timings = new Map<string, AttemptTiming>();
  const timing = (origin: string): AttemptTiming => {
    let known = timings.get(origin);
    if (!known) {
      prior ??= serviceBelief(pooled, job.service);
      const belief = instanceBelief(health, origin, job.service, prior);
      const samples = health[healthKey(origin, job.service)]?.latencySamples;
      known = attemptTiming(
        beliefQuantile(belief, HEDGE_Z),
        limits,
        beliefQuantile(belief, hedgeZ(samples)),
      );
      timings.set(origin, known);
    }
    return known;
  };
  const watch = input.watchHealth;
  const retime: RunFallbackOptions['retime'] = watch
    ? (listener) =>
        watch((table, withPending) => {
          health = table;
          pooled = withPending;
          prior = null;
          timings.clear();
          listener();
        })
    : undefined;
  return { timing, retime };
}

export async function runJob(input: RunJobInput): Promise<Job> {
  const { job, settings, now } = input;
  const options = effectiveOptions(settings, job.service, job.mode);
  const candidates = input.ranked
    .filter((r) => !r.excluded && !input.skip?.has(r.origin))
    .map((r) => ({ origin: r.origin }));
  const earlier: TrailEntry[] = job.trail.filter((t) => t.outcome !== 'running');

  const { timing, retime } = attemptTimings(input);

  const send = sender(input);

  const targetFor = (origin: string) => targetContext(origin, input.probes, job.service);

  const attempt = async (origin: string, signal: AbortSignal): Promise<AttemptOutcome> => {
    let outcome = await send(origin, signal, options);
    // `fix` (invalid_body from a mislabelled version, no matching format, no HLS streams):
    // the same instance once more with cobalt's defaults, keeping only the mode the user chose,
    // so the body holds nothing a strict schema of any version could refuse (docs/cobalt-api.md §2, §4).
    if (!outcome.ok && outcome.error.action === 'fix' && !signal.aborted) {
      const minimal: DownloadOptions = {
        ...DEFAULT_SETTINGS.download,
        downloadMode: options.downloadMode,
      };
      outcome = await send(origin, signal, minimal);
    }
    // An attempt we cancelled or abandoned has no outcome of its own: runFallback reports it
    // through onCancelled (a lower bound on its time) or onHardTimeout (a hang), below.
    if (!signal.aborted) {
      // An answer naming a download the instance may not name is its failure, not a success
      // (the chain refuses it through acceptDeliverable below and moves on).
      const confined = outcome.ok ? confineResult(outcome.result, targetFor(origin)) : null;
      input.onOutcome((table) =>
        recordOutcome(table, {
          origin,
          service: job.service,
          outcome: !outcome.ok ? outcome.error : confined?.ok === false ? confined.error : 'ok',
          latencyMs: outcome.ms,
          now: now(),
          rateLimit: outcome.rateLimit,
        }),
      );
    }
    return outcome;
  };

  const result = await runFallback({
    candidates,
    attempt,
    maxAttempts: settings.fallback.maxAttempts,
    deadlineMs: settings.fallback.deadlineMs,
    timing,
    retime,
    othersOutside: input.othersOutside,
    claim: input.claim,
    now,
    onTrail: (trail) => {
      void input.update((j) => ({ ...j, trail: [...earlier, ...trail], updatedAt: now() }));
    },
    acceptResult: (answer, origin) =>
      acceptDeliverable(answer, targetFor(origin), options.localProcessing),
    // Lost the race before its own hedge delay (it was the hedge): how long it ran is a lower
    // bound on its answer time. Never a fault, never a quarantine. (A loser already past its
    // hedge delay is left to answer, run-fallback.ts: its answer is recorded by `attempt` above.)
    onCancelled: (origin, ms) => {
      input.onOutcome((table) =>
        recordLatencyBound(table, { origin, service: job.service, ms, now: now(), silent: false }),
      );
    },
    // Silent for its whole hard timeout: a hang, recorded as an instance-class client.timeout,
    // so it takes the escalating quarantine (lib/health/record-outcome.ts) and the next
    // download skips it.
    onHardTimeout: (origin, ms) => {
      // One event, one time: two clock reads a millisecond apart would decay the failure just
      // recorded before the bound is added.
      const at = now();
      input.onOutcome((table) =>
        recordLatencyBound(
          recordOutcome(table, { origin, service: job.service, outcome: hardTimeout(), now: at }),
          { origin, service: job.service, ms, now: at, silent: true },
        ),
      );
    },
  });
  const trail = [...earlier, ...result.trail];

  if (!result.ok) {
    return input.update((j) => ({
      ...j,
      trail,
      state: 'failed',
      error: toUserError({ ...result, trail }),
      updatedAt: now(),
    }));
  }

  return handOver(input, result.result, result.origin, trail, targetFor(result.origin));
}

/**
 * The winning answer handed over at once (tunnels expire): muxed on this device when it is parts,
 * else to the downloads API or the picker.
 */
async function handOver(
  input: RunJobInput,
  answer: CobaltResult,
  servedBy: string,
  trail: TrailEntry[],
  target: TargetContext,
): Promise<Job> {
  const { job, settings, now } = input;
  // Only what passed the target policy is kept: a picker loses refused items, thumbnails and
  // audio here, before the job stores it for the popup.
  const confined = confineResult(answer, target);
  // Parts to mux on this device (acceptDeliverable() let only muxable ones win).
  if (confined.ok && confined.result.status === 'local-processing') {
    const plan = planForResult(confined.result);
    if (plan.kind === 'mux') {
      return processLocally({
        job,
        plan,
        servedBy,
        trail,
        local: input.local,
        download: input.download,
        saveAs: settings.saveAs,
        now,
        update: input.update,
      });
    }
  }
  // acceptDeliverable() let only confinable answers win; this guards that invariant.
  const delivered: DeliverOutcome = confined.ok
    ? await deliverResult({
        result: confined.result,
        download: input.download,
        filenameFallback: `${job.service}-${job.id}`,
        saveAs: settings.saveAs,
      })
    : { kind: 'failed', code: SUBMIT_CODES.unsafeUrl, message: confined.error.code };
  return input.update(deliveredChange(delivered, servedBy, trail, now()));
}

/** The job once its result is handed over: a picker to choose from, a download, or a failure. */
function deliveredChange(
  delivered: DeliverOutcome,
  servedBy: string,
  trail: TrailEntry[],
  at: number,
): (job: Job) => Job {
  switch (delivered.kind) {
    case 'picker':
      return (j) => ({
        ...j,
        trail,
        state: 'picker',
        servedBy,
        picker: delivered.result,
        updatedAt: at,
      });
    case 'downloading':
      return (j) => ({
        ...j,
        trail,
        state: 'downloading',
        servedBy,
        filenames: [delivered.filename],
        downloadIds: typeof delivered.id === 'number' ? [delivered.id] : [],
        updatedAt: at,
      });
    case 'failed':
      return (j) => ({
        ...j,
        trail,
        state: 'failed',
        servedBy,
        error: {
          kind: 'internal',
          titleKey: 'error_download_failed_title',
          detailKey: 'error_download_failed_detail',
          params: [delivered.message.slice(0, 200)],
          code: delivered.code,
        },
        updatedAt: at,
      });
  }
}
