import { createBatchDriver, type ItemAttempt } from '../lib/batch/batch-driver';
import { addItems, EMPTY_QUEUE, type BatchItem } from '../lib/batch/batch-queue';
import { readRateLimit } from '../lib/cobalt/rate-limit';
import { log, median, metric, option, round, runBench } from './support/bench-io';
import { makeWorld, oracleMakespan, WorldServer } from './support/batch-world';

/**
 * The batch queue (lib/batch) on a simulated clock: 60 links over 8 instances that each allow
 * 20 requests per 60 s (cobalt's default), through the same driver the background runs, with the
 * instances ranked by their median answer time (what lib/health learns). Every request's
 * `RateLimit-*` headers are real strings read by lib/cobalt/rate-limit.ts.
 *
 * Metrics over SEEDS worlds (the worst world carries the budget):
 * - makespan_vs_oracle: last link answered / the best schedule within every limit knowing every
 *   answer time in advance (bench/support/batch-world.ts oracleMakespan).
 * - avoidable_429s: every instance here sends its limits and follows cobalt's defaults, so each
 *   429 was avoidable.
 * - max_requests_over_limit: the most requests any instance received in one window beyond its limit.
 *
 * The world is a small model of our own (bench/support/batch-world.ts), not the shared seeded
 * world model of issue 11; its `World` shape is what that model would plug into.
 */

const SEEDS = option('seeds', 'BENCH_BATCH_SEEDS', 20);
const LINKS = 60;
const INSTANCES = 8;
const LIMIT = 20;
const WINDOW_MS = 60_000;
/** A 429 is answered at once (the limiter runs before any work). */
const REFUSAL_MS = 50;

interface Run {
  makespan: number;
  oracle: number;
  refused: number;
  overLimit: number;
  failed: number;
}

async function runWorld(seed: number): Promise<Run> {
  const world = makeWorld(seed, LINKS, INSTANCES, LIMIT, WINDOW_MS);
  const servers = new Map(world.instances.map((i) => [i.origin, new WorldServer(i)]));
  const ranked = [...world.instances].sort((a, b) => a.medianMs - b.medianMs).map((i) => i.origin);
  let now = 0;
  const events: { at: number; run: () => void }[] = [];
  const at = (time: number, run: () => void) => events.push({ at: time, run });
  let wake: { at: number; run: () => void } | null = null;
  const index = new Map<string, number>();

  const driver = createBatchDriver(
    {
      now: () => now,
      ranked: () => ranked,
      noInstanceReason: 'error.no_instances',
      wakeAt(time) {
        if (wake) events.splice(events.indexOf(wake), 1);
        wake = time === null ? null : { at: time, run: () => driver.pump() };
        if (wake) events.push(wake);
      },
      save: () => undefined,
      run(item: BatchItem, origin: string) {
        const answer = servers.get(origin)!.arrive(now);
        const rateLimit = readRateLimit({ get: (name) => answer.headers[name] ?? null }, now);
        return new Promise<ItemAttempt>((resolve) => {
          if (answer.status === 429) {
            at(now + REFUSAL_MS, () => resolve({ kind: 'rate_limited', rateLimit }));
            return;
          }
          const ms = world.duration(index.get(item.id)!, origin);
          at(now + ms, () =>
            resolve({
              kind: 'started',
              status: 200,
              rateLimit,
              filename: `${item.id}.mp4`,
              servedBy: origin,
              // The model times the request, not the transfer: nothing to wait for after it.
              downloads: [],
            }),
          );
        });
      },
    },
    { queue: EMPTY_QUEUE, budgets: {} },
  );
  let n = 0;
  driver.change((q) =>
    addItems(
      q,
      Array.from({ length: LINKS }, (_, i) => ({
        url: `https://x.com/u/status/${1000 + i}`,
        service: 'twitter' as const,
      })),
      now,
      () => {
        const id = `l${n}`;
        index.set(id, n);
        n += 1;
        return id;
      },
    ),
  );
  while (driver.queue().endedAt === null) {
    if (events.length === 0) throw new Error(`seed ${seed}: stalled at ${now} ms`);
    events.sort((a, b) => a.at - b.at);
    const next = events.shift()!;
    if (next === wake) wake = null;
    now = next.at;
    next.run();
    // Let the answer's promise callbacks (settle → pump) run before the clock moves on.
    await new Promise((resolve) => setImmediate(resolve));
  }
  const all = [...servers.values()];
  return {
    makespan: driver.queue().endedAt!,
    oracle: oracleMakespan(world),
    refused: all.reduce((s, v) => s + v.refused, 0),
    overLimit: Math.max(...all.map((v) => v.overLimit)),
    failed: driver.queue().items.filter((i) => i.state !== 'done').length,
  };
}

runBench('batch', async () => {
  const runs: Run[] = [];
  for (let seed = 1; seed <= SEEDS; seed += 1) {
    const run = await runWorld(seed);
    log(
      `batch seed ${seed}: makespan ${round(run.makespan)} ms, oracle ${round(run.oracle)} ms, 429s ${run.refused}`,
    );
    runs.push(run);
  }
  const ratios = runs.map((r) => r.makespan / r.oracle);
  const detail = {
    seeds: SEEDS,
    links: LINKS,
    instances: INSTANCES,
    limit: `${LIMIT}/${WINDOW_MS / 1000}s`,
  };
  return {
    'batch.makespan_vs_oracle': metric(round(Math.max(...ratios), 3), 'ratio', 1.2, {
      ...detail,
      median: round(median(ratios), 3),
    }),
    'batch.avoidable_429s': metric(Math.max(...runs.map((r) => r.refused)), 'count', 0, detail),
    'batch.max_requests_over_limit': metric(
      Math.max(...runs.map((r) => r.overLimit)),
      'count',
      0,
      detail,
    ),
    'batch.items_not_done': metric(Math.max(...runs.map((r) => r.failed)), 'count', 0, detail),
  };
});
