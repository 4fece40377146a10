import { requestInstance } from '../lib/cobalt/request-instance';
import { DEFAULT_SETTINGS } from '../lib/settings/schema';
import { deliverResult } from '../lib/submit/deliver-result';
import type { DownloadAdapter } from '../lib/submit/download-adapter';
import { log, median, metric, option, round, runBench, type Metric } from './support/bench-io';
import {
  AHEAD,
  HEALTHY_DELAY_MS,
  PAGE_URL,
  startLineUp,
  type LineUp,
} from './support/failover-setup';

/**
 * The peer for the failover benchmark: a client that tries the same instances in the same order,
 * one after another, waiting up to 20 s for each answer (the official web app aborts `POST /`
 * after 20 s, docs/cobalt-api.md §3.8; community clients do the same or wait longer). Same requests as
 * ours (lib/cobalt requestInstance), no hedge, no health.
 *
 * Measured for real, with real 20 s timeouts: the three line-ups run side by side (they share
 * nothing but the idle test servers), so the whole bench takes one 3-ahead wait, ~60 s. The
 * runner starts it first and lets it wait in the background while the CPU-bound benches run.
 * One run per line-up: the time is three timers plus one 300 ms answer, so repeats would only
 * add minutes (BENCH_SEQUENTIAL_RUNS to repeat anyway).
 */

const PEER_TIMEOUT_MS = 20_000;
const RUNS = option('runs', 'BENCH_SEQUENTIAL_RUNS', 1);

async function sequential(lineUp: LineUp, ahead: number): Promise<number> {
  const order = [...lineUp.hanging.slice(0, ahead), lineUp.healthy];
  let downloadAt = 0;
  const adapter: DownloadAdapter = {
    download: async () => {
      downloadAt = performance.now();
      return { ok: true, id: 1 };
    },
  };
  const started = performance.now();
  for (const server of order) {
    const outcome = await requestInstance({
      fetch: globalThis.fetch,
      origin: server.origin,
      version: server.config.version,
      url: PAGE_URL,
      options: DEFAULT_SETTINGS.download,
      timeoutMs: PEER_TIMEOUT_MS,
    });
    if (!outcome.ok) continue;
    const delivered = await deliverResult({
      result: outcome.result,
      download: adapter,
      filenameFallback: 'youtube-video',
      saveAs: false,
    });
    if (delivered.kind !== 'downloading') throw new Error(`not delivered: ${delivered.kind}`);
    return downloadAt - started;
  }
  throw new Error(`sequential client found no working instance (${ahead} ahead)`);
}

runBench('failover-sequential', async () => {
  const lineUp = await startLineUp();
  try {
    // One discarded request first, as in the failover bench: JIT and first connection.
    await sequential(lineUp, 0);
    const runs: Record<number, number[]> = { 0: [], 1: [], 3: [] };
    for (let run = 0; run < RUNS; run++) {
      const times = await Promise.all(AHEAD.map((ahead) => sequential(lineUp, ahead)));
      AHEAD.forEach((ahead, i) => runs[ahead]!.push(times[i]!));
      log(`sequential run ${run}: ${times.map((t) => round(t)).join(' / ')} ms`);
    }
    const metrics: Record<string, Metric> = {};
    for (const ahead of AHEAD) {
      const values = runs[ahead]!;
      metrics[`failover.sequential.ahead_${ahead}_ms`] = metric(round(median(values)), 'ms', null, {
        client: 'requestInstance one instance at a time, 20 s timeout each, no hedge',
        expectedMs: ahead * PEER_TIMEOUT_MS + HEALTHY_DELAY_MS,
        runsMs: values.map((v) => round(v)),
      });
    }
    return metrics;
  } finally {
    await lineUp.close();
  }
});
