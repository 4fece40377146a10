import type { JobView } from '../lib/model/job-view';
import { healthKey, type HealthTable } from '../lib/health/health-state';
import { Z_95, beliefQuantile, serviceBelief } from '../lib/health/latency-belief';
import { LATENCY_WINDOW } from '../lib/health/record-outcome';
import { healthItem } from '../lib/app/stored-items';
import { DEFAULT_SETTINGS } from '../lib/settings/schema';
import { attemptTiming } from '../lib/submit/hedge-delay';
import {
  loopbackSettings,
  memoryStorage,
  startEngine,
  type Harness,
} from '../test/support/engine-harness';
import { log, median, metric, option, round, runBench, type Metric } from './support/bench-io';
import {
  AHEAD,
  HEALTHY_DELAY_MS,
  PAGE_URL,
  TAB_ID,
  startLineUp,
  type LineUp,
} from './support/failover-setup';

/**
 * Failover and learned health, through the whole engine as the background runs it
 * (lib/app createEngine over test/support/engine-harness: in-memory storage, Node's fetch on
 * 127.0.0.1, a downloads adapter that fetches the bytes).
 *
 * Per run: a fresh engine, a custom feed listing the line-up, pins that put N hanging instances
 * ahead of the healthy one, default fallback settings. The clock runs from the `download/start`
 * message until the engine calls the downloads adapter with the tunnel URL.
 *
 * The budgeted runs start from a profile that has already downloaded from this service
 * LATENCY_WINDOW times, every time through the healthy instance (its stored health holds those
 * answer times, ~300 ms): the hedge and the hard timeout then come from what is normal for the
 * service. The hanging instances have no history of their own. One cold run (no history at all,
 * so the conservative 6 s default applies) is reported beside them: with no evidence, the chain
 * cannot tell a hang from a real cobalt answer that takes seconds, and waits as it should.
 */

const RUNS = option('runs', 'BENCH_FAILOVER_RUNS', 5);

/** The healthy instance's stored answer times (what LATENCY_WINDOW earlier downloads left). */
function learnedHealth(healthyOrigin: string, now: number): HealthTable {
  const samples = Array.from({ length: LATENCY_WINDOW }, (_, i) => ({
    ms: HEALTHY_DELAY_MS + 5 + (i % 4) * 3,
  }));
  return {
    [healthKey(healthyOrigin, 'youtube')]: {
      origin: healthyOrigin,
      service: 'youtube',
      successes: LATENCY_WINDOW,
      failures: 0,
      updatedAt: now,
      quarantinedUntil: null,
      lastOutcome: 'ok',
      latencyMs: HEALTHY_DELAY_MS + 8,
      consecutiveFailures: 0,
      latencySamples: samples,
    },
  };
}

interface Timed {
  ms: number;
  servedBy: string | null;
  trail: string[];
  hedgeFirstMs: number;
}

async function configuredEngine(lineUp: LineUp, ahead: number, learned = true): Promise<Harness> {
  const storage = memoryStorage(
    learned
      ? {
          [healthItem.key]: {
            version: healthItem.version,
            value: learnedHealth(lineUp.healthy.origin, Date.now()),
          },
        }
      : {},
  );
  const h = startEngine({ storage, tabs: { [TAB_ID]: PAGE_URL } });
  const pinned = [...lineUp.hanging.slice(0, ahead), lineUp.healthy].map((s) => s.origin);
  const saved = await h.engine.handle({
    type: 'settings/save',
    payload: { settings: loopbackSettings(lineUp.feedUrl, { pinned }) },
  });
  if (!('ok' in saved) || !saved.ok) throw new Error(`settings refused: ${JSON.stringify(saved)}`);
  await h.engine.handle({ type: 'sources/refresh', payload: {} });
  return h;
}

/** One download: `download/start` → the downloads adapter is called. */
async function timedDownload(h: Harness): Promise<Timed> {
  let calledAt = 0;
  let called!: () => void;
  const reached = new Promise<void>((resolve) => (called = resolve));
  const original = h.downloads.download.bind(h.downloads);
  h.downloads.download = (request) => {
    calledAt = performance.now();
    called();
    return original(request);
  };
  const started = performance.now();
  const answer = await h.engine.handle({
    type: 'download/start',
    payload: { tabId: TAB_ID, url: null, mode: 'auto' },
  });
  if (!('jobId' in answer)) throw new Error(`download refused: ${JSON.stringify(answer)}`);
  const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 60_000));
  if ((await Promise.race([reached, timeout])) === 'timeout') {
    const job = await jobView(h, answer.jobId);
    throw new Error(`no download within 60 s: ${JSON.stringify(job)}`);
  }
  h.downloads.download = original;
  const ms = calledAt - started;
  // Let the engine record the job state (and the adapter fetch the bytes) before reading it.
  await Promise.all(h.downloads.settled);
  const job = await waitSettled(h, answer.jobId);
  return {
    ms,
    servedBy: job?.servedBy ?? null,
    trail: (job?.trail ?? []).map((t) => `${t.outcome}${t.code ? `:${t.code}` : ''}@${t.ms}`),
    hedgeFirstMs: job?.trail[1] ? job.trail[0]!.ms - job.trail[1].ms : 0,
  };
}

async function jobView(h: Harness, jobId: string): Promise<JobView | null> {
  const snap = await h.engine.handle({
    type: 'popup/snapshot',
    payload: { tabId: TAB_ID, jobId },
  });
  return snap.job;
}

async function waitSettled(h: Harness, jobId: string): Promise<JobView | null> {
  for (let i = 0; i < 200; i++) {
    const job = await jobView(h, jobId);
    if (job && job.state !== 'running') return job;
    await new Promise((r) => setTimeout(r, 10));
  }
  return jobView(h, jobId);
}

runBench('failover', async () => {
  const lineUp = await startLineUp();
  try {
    // One discarded warm-up: the first run pays for JIT and the first connections.
    await timedDownload(await configuredEngine(lineUp, 0));
    const times: Record<number, number[]> = { 0: [], 1: [], 3: [] };
    const samples: Record<string, unknown>[] = [];
    for (let run = 0; run < RUNS; run++) {
      for (const ahead of AHEAD) {
        const h = await configuredEngine(lineUp, ahead);
        const first = await timedDownload(h);
        if (first.servedBy !== lineUp.healthy.origin) {
          throw new Error(`served by ${first.servedBy}, trail ${first.trail.join(' ')}`);
        }
        times[ahead]!.push(first.ms);
        const sample = { run, ahead, ms: round(first.ms), trail: first.trail };
        log(`failover run ${run} ahead ${ahead}: ${JSON.stringify(sample)}`);
        samples.push(sample);
      }
    }
    const cold = await timedDownload(await configuredEngine(lineUp, 3, false));
    log(`failover cold ahead 3: ${round(cold.ms)} ms ${cold.trail.join(' ')}`);
    const learned = serviceBelief(learnedHealth(lineUp.healthy.origin, Date.now()), 'youtube');
    const limits = {
      ceilingMs: DEFAULT_SETTINGS.fallback.hedgeMs,
      deadlineMs: DEFAULT_SETTINGS.fallback.deadlineMs,
    };
    const setup = {
      engine: 'lib/app createEngine via test/support/engine-harness, fresh per run',
      healthyDelayMs: HEALTHY_DELAY_MS,
      history: `${LATENCY_WINDOW} earlier answers of the healthy instance (~${HEALTHY_DELAY_MS} ms) in stored health; none for the hanging ones`,
      hangingInstanceTiming: attemptTiming(beliefQuantile(learned, Z_95), limits),
      runs: RUNS,
    };
    const metrics: Record<string, Metric> = {
      'failover.ahead_0_ms': metric(round(median(times[0]!)), 'ms', null, {
        ...setup,
        runsMs: times[0]!.map((v) => round(v)),
      }),
      'failover.ahead_1_ms': metric(round(median(times[1]!)), 'ms', null, {
        runsMs: times[1]!.map((v) => round(v)),
      }),
      'failover.ahead_3_ms': metric(round(median(times[3]!)), 'ms', null, {
        runsMs: times[3]!.map((v) => round(v)),
        trails: samples.filter((s) => s.ahead === 3).map((s) => s.trail),
      }),
      'failover.cold.ahead_3_ms': metric(round(cold.ms), 'ms', null, {
        history: 'none: every instance timed by the default (hedge 6 s, hung at 18 s)',
        trail: cold.trail,
        defaultTiming: attemptTiming(beliefQuantile(serviceBelief({}, 'youtube'), Z_95), limits),
      }),
    };
    return metrics;
  } finally {
    await lineUp.close();
  }
});
