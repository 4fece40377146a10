import type { AttemptOutcome } from '../cobalt/cobalt-result';
import { CLIENT_CODES, classifyError } from '../cobalt/classify-error';
import type { ClassifiedError } from '../cobalt/error-action';
import { requestInstance } from '../cobalt/request-instance';
import type { HealthTable } from '../health/health-state';
import { medianLatency } from '../health/median-latency';
import { recordOutcome } from '../health/record-outcome';
import type { TrailEntry } from '../model/trail';
import type { FetchLike } from '../net/http';
import type { ProbeTable } from '../probe/probe-result';
import { requestVersion } from '../probe/request-version';
import type { RankedEntry } from '../rank/ranked-entry';
import { effectiveOptions } from '../settings/merge-download-options';
import { DEFAULT_SETTINGS, type DownloadOptions, type Settings } from '../settings/schema';
import { acceptDeliverable } from '../submit/accept-deliverable';
import { deliverResult, type DeliverOutcome } from '../submit/deliver-result';
import type { DownloadAdapter } from '../submit/download-adapter';
import { hedgeDelay } from '../submit/hedge-delay';
import { runFallback } from '../submit/run-fallback';
import { toUserError } from '../submit/user-error';
import type { Job } from './job';

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
  now: () => number;
  /** Current health (read at start for the hedge); outcomes are reported through `onOutcome`. */
  health: HealthTable;
  onOutcome: (change: (table: HealthTable) => HealthTable) => void;
  update: (change: (job: Job) => Job) => Promise<Job>;
  /** Origins already tried by an earlier run of this job (a resumed chain skips them). */
  skip?: ReadonlySet<string>;
}

/**
 * A hang, classified as the client classifies its own timeouts. classify-error.ts maps
 * client.timeout to an instance-class failover; it is pinned here because record-outcome.ts
 * weighs a `transient` failure at ¼ with no quarantine, which would never take a hanging (and
 * possibly pinned) instance out of the chain.
 */
function silentTimeout(): ClassifiedError {
  return { ...classifyError(CLIENT_CODES.timeout), action: 'failover', errorClass: 'instance' };
}

export async function runJob(input: RunJobInput): Promise<Job> {
  const { job, settings, now } = input;
  const options = effectiveOptions(settings, job.service, job.mode);
  const keys = new Map(
    settings.myInstances.filter((m) => m.apiKey).map((m) => [m.origin, m.apiKey as string]),
  );
  const versions = new Map(
    input.ranked.map((r) => [r.origin, requestVersion(input.probes[r.origin], r.instance.version)]),
  );
  const candidates = input.ranked
    .filter((r) => !r.excluded && !input.skip?.has(r.origin))
    .map((r) => ({ origin: r.origin }));
  const earlier: TrailEntry[] = job.trail.filter((t) => t.outcome !== 'running');

  const send = (origin: string, signal: AbortSignal, body: DownloadOptions) =>
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
    // An attempt we cancelled or abandoned says nothing about the instance.
    if (!signal.aborted) {
      input.onOutcome((table) =>
        recordOutcome(table, {
          origin,
          service: job.service,
          outcome: outcome.ok ? 'ok' : outcome.error,
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
    hedgeDelayMs: hedgeDelay(medianLatency(input.health, job.service), settings.fallback.hedgeMs),
    now,
    onTrail: (trail) => {
      void input.update((j) => ({ ...j, trail: [...earlier, ...trail], updatedAt: now() }));
    },
    acceptResult: acceptDeliverable,
    // An attempt that hung (abandoned, or still silent past its hedge delay when another won)
    // is the instance's fault: recorded as an instance-class client.timeout, so it takes the
    // escalating quarantine (lib/health/record-outcome.ts) and the next download skips it.
    // Attempts cancelled within their hedge delay stay unrecorded (see `attempt` above).
    onSilent: (origin) => {
      input.onOutcome((table) =>
        recordOutcome(table, {
          origin,
          service: job.service,
          outcome: silentTimeout(),
          now: now(),
        }),
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

  const delivered = await deliverResult({
    result: result.result,
    download: input.download,
    filenameFallback: `${job.service}-${job.id}`,
    saveAs: settings.saveAs,
  });
  return input.update(deliveredChange(delivered, result.origin, trail, now()));
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
