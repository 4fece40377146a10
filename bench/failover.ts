import type { JobView } from '../lib/model/job-view';
import { ABANDON_AFTER_HEDGES } from '../lib/submit/run-fallback';
import { HEDGE_DEFAULT_MS } from '../lib/submit/hedge-delay';
import { loopbackSettings, startEngine, type Harness } from '../test/support/engine-harness';
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
 * Per run: a fresh engine (no health history), a custom feed listing the line-up, pins that put
 * N hanging instances ahead of the healthy one, default fallback settings. The clock runs from
 * the `download/start` message until the engine calls the downloads adapter with the tunnel URL.
 *
 * Learned health: right after each 3-ahead run, the same engine downloads the same page again;
 * that second time is compared with the 0-ahead median.
 */

const RUNS = option('runs', 'BENCH_FAILOVER_RUNS', 5);
const BUDGET_3_AHEAD_MS = 2500;
const LEARNED_FACTOR = 1.1;

interface Timed {
  ms: number;
  servedBy: string | null;
  trail: string[];
  hedgeFirstMs: number;
}

async function configuredEngine(lineUp: LineUp, ahead: number): Promise<Harness> {
  const h = startEngine({ tabs: { [TAB_ID]: PAGE_URL } });
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
  const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 30_000));
  if ((await Promise.race([reached, timeout])) === 'timeout') {
    const job = await jobView(h, answer.jobId);
    throw new Error(`no download within 30 s: ${JSON.stringify(job)}`);
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
    const learned: number[] = [];
    const samples: Record<string, unknown>[] = [];
    for (let run = 0; run < RUNS; run++) {
      for (const ahead of AHEAD) {
        const h = await configuredEngine(lineUp, ahead);
        const first = await timedDownload(h);
        if (first.servedBy !== lineUp.healthy.origin) {
          throw new Error(`served by ${first.servedBy}, trail ${first.trail.join(' ')}`);
        }
        times[ahead]!.push(first.ms);
        const sample: Record<string, unknown> = {
          run,
          ahead,
          ms: round(first.ms),
          trail: first.trail,
        };
        if (ahead === 3) {
          const next = await timedDownload(h);
          learned.push(next.ms);
          sample.nextMs = round(next.ms);
          sample.nextTrail = next.trail;
          // What the engine learned about the hanging ones from the first download.
          sample.learnedAboutHanging = lineUp.hanging.map((server) => {
            const record = Object.values(h.engine.state().health).find(
              (r) => r.origin === server.origin,
            );
            return record
              ? { lastOutcome: record.lastOutcome, quarantined: record.quarantinedUntil !== null }
              : 'nothing recorded';
          });
        }
        log(`failover run ${run} ahead ${ahead}: ${JSON.stringify(sample)}`);
        samples.push(sample);
      }
    }
    const m0 = median(times[0]!);
    const m1 = median(times[1]!);
    const m3 = median(times[3]!);
    const mLearned = median(learned);
    const setup = {
      engine: 'lib/app createEngine via test/support/engine-harness, fresh per run',
      healthyDelayMs: HEALTHY_DELAY_MS,
      hedgeWithoutHistoryMs: HEDGE_DEFAULT_MS,
      abandonAfterHedges: ABANDON_AFTER_HEDGES,
      runs: RUNS,
    };
    const metrics: Record<string, Metric> = {
      'failover.ahead_0_ms': metric(round(m0), 'ms', null, {
        ...setup,
        runsMs: times[0]!.map((v) => round(v)),
      }),
      'failover.ahead_1_ms': metric(round(m1), 'ms', null, {
        runsMs: times[1]!.map((v) => round(v)),
      }),
      'failover.ahead_3_ms': metric(round(m3), 'ms', BUDGET_3_AHEAD_MS, {
        runsMs: times[3]!.map((v) => round(v)),
      }),
      'failover.learned_next_vs_ahead_0': metric(round(mLearned / m0, 3), 'ratio', LEARNED_FACTOR, {
        nextDownloadMs: round(mLearned),
        ahead0Ms: round(m0),
        runsMs: learned.map((v) => round(v)),
        trails: samples.filter((s) => s.ahead === 3).map((s) => s.nextTrail),
        learnedAboutHanging: samples.find((s) => s.ahead === 3)?.learnedAboutHanging,
      }),
    };
    return metrics;
  } finally {
    await lineUp.close();
  }
});
