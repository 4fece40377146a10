import type { HealthTable } from '../lib/health/health-state';
import { log, median, metric, option, round, runBench } from './support/bench-io';
import { runOurBatch, type OurBatch } from './world/batch-client';
import { clairvoyantBatch, oracleBatch } from './world/batch-oracle';
import { informedBatch } from './world/batch-reference';
import { ourClient } from './world/clients';
import { limitClient } from './world/client-limiter';
import { installSimClock } from './world/sim-clock';
import { simInstances } from './world/sim-fetch';
import { WORLDS, createWorld, type Download, type World } from './world/world-model';

/**
 * The batch queue in the world model (bench/world/world-model.ts, docs/performance.md "World
 * model" and "Batch queue"): 60 links of one service pasted at once, 8 instances, each limiting
 * this client to 20 requests per 60 s like cobalt's express-rate-limit
 * (bench/world/client-limiter.ts) on top of the world's own classes (slow, blocked, busy,
 * key-only, hang, flaky), content errors and broken tunnels. Ours is the background's batch
 * (lib/app/batch-manager.ts → lib/batch/batch-driver.ts → run-job.ts, real lib/cobalt), on the
 * simulated clock, compared with the oracle of bench/world/batch-oracle.ts, which knows what
 * the world bench's oracle knows (classes, medians, every request's outcome; not the draws).
 *
 * Two starts per world: cold (a new install: no health, the tracker's word only) and warm (the
 * health single downloads taught it: the world's first LEARN downloads, one every 3 min on
 * average, through the world bench's own client). Worlds: SEEDS seeds of each of the world
 * bench's three medians (default 1.5 s, fast 0.3 s, slow 4 s). The worst world carries each budget.
 */

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);

const SEEDS = option('seeds', 'BENCH_BATCH_SEEDS', 20);
/**
 * `BENCH_BATCH_TRACE=<world>:<seed>:<cold|warm>` runs that world and seed only and logs the
 * batch's items and every request the instances received (for finding out why).
 */
const TRACE = process.env.BENCH_BATCH_TRACE ?? '';
const LINKS = 60;
const INSTANCES = 8;
const LIMIT = 20;
const WINDOW_MS = 60_000;
/** Single downloads before the warm batch. */
const LEARN = 100;
/** One service: a batch is a thread's, a list's or a profile's posts, all on one site. */
const SERVICE = 'twitter' as const;

type Start = 'cold' | 'warm';

interface Run {
  world: string;
  seed: number;
  start: Start;
  makespan: number;
  oracle: number;
  clairvoyant: number | null;
  /** The reference client that knows every class but no request's outcome (batch-reference.ts). */
  informed: number;
  refused: number;
  overLimit: number;
  /** Links the oracle delivers that ours did not end as done. */
  notDone: number;
  broken: number;
  /** Per link, the instances its page URL went to (its item's tried list: attempts and hedges). */
  recipients: number[];
}

function worldFor(base: (typeof WORLDS)[number], seed: number): World {
  return createWorld({
    ...base,
    name: `batch-${base.name}`,
    seed: base.seed * 1000 + seed,
    instances: INSTANCES,
    services: [SERVICE],
    downloads: LEARN + LINKS,
  });
}

async function runWorld(base: (typeof WORLDS)[number], seed: number, start: Start): Promise<Run> {
  const world = worldFor(base, seed);
  const learn = world.downloads.slice(0, LEARN);
  const links = world.downloads.slice(LEARN);
  const clock = installSimClock();
  let ours: OurBatch;
  let refused: number;
  let overLimit: number;
  try {
    const sim = simInstances(world);
    const limiter = limitClient(sim.fetch, clock.now, LIMIT, WINDOW_MS);
    let health: HealthTable = {};
    if (start === 'warm') {
      const single = ourClient(world, clock, { ...sim, fetch: limiter.fetch });
      for (const download of learn) {
        await clock.jumpTo(download.at);
        await single.download(download);
      }
      health = single.health();
    }
    // Well after the last single download: every window it opened has ended.
    await clock.jumpTo(learn[learn.length - 1]!.at + 5 * WINDOW_MS);
    const refusedBefore = limiter.refused();
    const batchStart = clock.now();
    ours = await runOurBatch(world, links, clock, sim, limiter.fetch, health);
    refused = limiter.refused() - refusedBefore;
    overLimit = limiter.overLimit();
    if (TRACE === `${base.name}:${seed}:${start}`) {
      for (const a of limiter.arrivals.filter((x) => x.at >= batchStart)) {
        log(
          `  ${round(a.at - batchStart)} ${a.origin.slice(8, -8)} #${a.count} (window ${round(a.windowStart - batchStart)})`,
        );
      }
    }
  } finally {
    clock.uninstall();
  }
  const oracle = oracleBatch(world, links, LIMIT, WINDOW_MS);
  const delivering = new Set(
    links.filter((l) => !l.contentError && oracleDelivers(world, l)).map((l) => l.pageUrl),
  );
  const notDone = ours.items.filter((i) => delivering.has(i.url) && i.state !== 'done').length;
  const name = `${base.name}:${seed}:${start}`;
  if (TRACE === name) trace(world, links, ours);
  return {
    world: base.name,
    seed,
    start,
    makespan: ours.makespanMs,
    oracle: oracle.makespanMs,
    clairvoyant: clairvoyantBatch(world, links, LIMIT),
    informed: informedBatch(world, links, LIMIT, WINDOW_MS).makespanMs,
    refused,
    overLimit,
    notDone,
    broken: ours.brokenTransfers,
    recipients: ours.items.map((i) => new Set(i.tried).size),
  };
}

const oracleDelivers = (world: World, link: Download) =>
  oracleBatch(world, [link], LIMIT, WINDOW_MS).delivered === 1;

function trace(world: World, links: readonly Download[], ours: OurBatch) {
  const byUrl = new Map(links.map((l) => [l.pageUrl, l]));
  const cls = (origin: string | null) =>
    origin ? `${origin.slice(8, -8)}[${world.pair(origin, SERVICE).class}]` : '-';
  for (const item of ours.items) {
    const link = byUrl.get(item.url);
    log(
      `#${link?.index} ${item.state} ${round(item.finishedAt ?? -1)} via ${cls(item.servedBy)} tried ${item.tried.map(cls).join(',')} ${item.reason ?? ''}`,
    );
  }
  for (const { origin } of world.instances) {
    const p = world.pair(origin, SERVICE);
    log(`${cls(origin)} median ${round(p.medianMs)} ms`);
  }
}

/** Per world, the worst and the median of `ratio` over its runs. */
function byWorldOf(runs: readonly Run[], ratio: (r: Run) => number) {
  return Object.fromEntries(
    WORLDS.map((w) => {
      const rs = runs.filter((r) => r.world === w.name).map(ratio);
      return [w.name, { worst: round(Math.max(...rs), 3), median: round(median(rs), 3) }];
    }),
  );
}

runBench('batch', async () => {
  const runs: Run[] = [];
  for (const base of WORLDS) {
    for (let seed = 1; seed <= SEEDS; seed += 1) {
      // A trace runs its world and seed only (both starts).
      if (TRACE !== '' && !TRACE.startsWith(`${base.name}:${seed}:`)) continue;
      for (const start of ['cold', 'warm'] as const) {
        const run = await runWorld(base, seed, start);
        log(
          `batch ${base.name} seed ${seed} ${start}: makespan ${round(run.makespan)} ms, oracle ${round(run.oracle)} ms (${round(run.makespan / run.oracle, 3)}), clairvoyant ${run.clairvoyant === null ? '-' : round(run.clairvoyant)} ms, informed ${round(run.informed / run.oracle, 3)}, 429s ${run.refused}, not done ${run.notDone}`,
        );
        runs.push(run);
      }
    }
  }
  const ratio = (r: Run) => r.makespan / r.oracle;
  const summary = (start: Start) => {
    const mine = runs.filter((r) => r.start === start);
    const ratios = mine.map(ratio);
    const worst = mine.reduce((a, b) => (ratio(b) > ratio(a) ? b : a));
    const byWorld = byWorldOf(mine, ratio);
    return {
      worst: Math.max(...ratios),
      median: median(ratios),
      worstWorld: `${worst.world}:${worst.seed}`,
      byWorld,
    };
  };
  const cold = summary('cold');
  const warm = summary('warm');
  const clairvoyant = runs
    .filter((r) => r.clairvoyant !== null)
    .map((r) => r.makespan / r.clairvoyant!);
  const detail = {
    seeds: SEEDS,
    worlds: WORLDS.map((w) => `${w.name} (median ${w.medianMs} ms)`),
    links: `${LINKS} ${SERVICE} links`,
    instances: INSTANCES,
    limit: `${LIMIT}/${WINDOW_MS / 1000}s per client`,
    starts: `cold and warm (after ${LEARN} single downloads)`,
  };
  const recipientsOf = (start: Start) => {
    const all = runs.filter((r) => r.start === start).flatMap((r) => r.recipients);
    return { mean: round(mean(all), 3), max: Math.max(...all) };
  };
  const worstOf = (pick: (r: Run) => number) => Math.max(...runs.map(pick));
  // The informed reference does not learn, so its batch is the same from either start.
  const informed = runs.filter((r) => r.start === 'cold').map((r) => r.informed / r.oracle);
  const informedByWorld = byWorldOf(
    runs.filter((r) => r.start === 'cold'),
    (r) => r.informed / r.oracle,
  );
  return {
    'batch.makespan_vs_oracle': metric(round(Math.max(cold.worst, warm.worst), 3), 'ratio', 1.2, {
      ...detail,
      cold: { ...cold, worst: round(cold.worst, 3), median: round(cold.median, 3) },
      warm: { ...warm, worst: round(warm.worst, 3), median: round(warm.median, 3) },
    }),
    'batch.makespan_vs_clairvoyant': metric(round(Math.max(...clairvoyant), 3), 'ratio', null, {
      ...detail,
      median: round(median(clairvoyant), 3),
      batches: clairvoyant.length,
      note: 'oracle that also knows every draw; only batches that fit in one window',
    }),
    'batch.reference.informed_vs_oracle': metric(round(Math.max(...informed), 3), 'ratio', null, {
      ...detail,
      median: round(median(informed), 3),
      within1_2: informed.filter((r) => r <= 1.2).length,
      batches: informed.length,
      byWorld: informedByWorld,
      note: 'bench/world/batch-reference.ts: knows every class and median, not which request will fail (worst batch)',
    }),
    'batch.avoidable_429s': metric(
      worstOf((r) => r.refused),
      'count',
      0,
      {
        ...detail,
        note: "429s from the instance's own limit on this client; the busy class's 429s (other users) are not counted",
      },
    ),
    'batch.max_requests_over_limit': metric(
      worstOf((r) => r.overLimit),
      'count',
      0,
      detail,
    ),
    'batch.items_not_done': metric(
      worstOf((r) => r.notDone),
      'count',
      0,
      {
        ...detail,
        note: 'links the oracle delivers that ours did not end as done',
      },
    ),
    'batch.url_recipients_per_link': metric(
      round(mean(runs.flatMap((r) => r.recipients)), 3),
      'instances per link (mean, all batches)',
      null,
      {
        ...detail,
        cold: recipientsOf('cold'),
        warm: recipientsOf('warm'),
        oracle: 1,
        note: "instances each link's page URL went to (planned attempts and hedges); the oracle sends each link to one",
      },
    ),
    'batch.broken_transfers': metric(
      runs.reduce((s, r) => s + r.broken, 0),
      'count (all batches)',
      null,
      {
        ...detail,
        note: "download URLs handed over whose transfer broke (the world's 0.5 %): the queue removes each and asks the next instance",
      },
    ),
  };
});
