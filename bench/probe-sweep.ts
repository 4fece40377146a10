import { fork, type ChildProcess } from 'node:child_process';
import {
  DEFAULT_PROBE_CONCURRENCY,
  DEFAULT_PROBE_TIMEOUT_MS,
  probeMany,
} from '../lib/probe/probe-many';
import { MAX_PROBE_CANDIDATES } from '../lib/app/select-probe-candidates';
import type { FetchLike } from '../lib/net/http';
import type { ProbeTable } from '../lib/probe/probe-result';
import { socketPerRequestFetch } from './support/socket-per-request-fetch';
import {
  log,
  median,
  metric,
  option,
  round,
  runBench,
  seededRandom,
  type Metric,
} from './support/bench-io';
import {
  serveFleet,
  type FleetCommand,
  type FleetMessage,
  type FleetSpec,
  type FleetStats,
} from './support/probe-fleet';

/**
 * Probe sweep at scale: lib/probe probeMany over 500 instances on 127.0.0.1 (one origin each),
 * answer delays spread evenly over 10–400 ms, 10 % never answering, at the default concurrency
 * cap and at 32.
 *
 * Ideal wall time for a cap = (Σ each probe's time, hanging ones counted at the timeout) ÷ cap:
 * perfect packing with no overhead. Budget: measured wall ≤ 1.15 × ideal. Sockets are counted
 * by the servers (a child process): never more open at once than the cap.
 *
 * The per-probe timeout defaults to 1 s here instead of the product's 5 s, to keep the sweep at
 * ~20 s per repetition (at 5 s, one repetition at cap 8 alone takes 43 s); the ideal scales with
 * it. BENCH_PROBE_TIMEOUT_MS=5000 runs the product default (docs/performance.md has both).
 */

const INSTANCES = 500;
const HANGING_SHARE = 0.1;
const MIN_DELAY_MS = 10;
const MAX_DELAY_MS = 400;
const CAPS = [DEFAULT_PROBE_CONCURRENCY, 32];
const BUDGET_FACTOR = 1.15;
const TIMEOUT_MS = option('timeout', 'BENCH_PROBE_TIMEOUT_MS', 1000);
const RUNS = option('runs', 'BENCH_PROBE_RUNS', 3);
/** Fixed seed: every run and every machine probes the instances in the same order. */
const SEED = 0x5eed;

/** 450 delays evenly spread over 10–400 ms and 50 hanging, shuffled (seeded). */
function fleetSpec(): FleetSpec {
  const hanging = Math.round(INSTANCES * HANGING_SHARE);
  const answering = INSTANCES - hanging;
  const delays: (number | null)[] = [];
  for (let i = 0; i < answering; i++) {
    delays.push(Math.round(MIN_DELAY_MS + ((MAX_DELAY_MS - MIN_DELAY_MS) * i) / (answering - 1)));
  }
  for (let i = 0; i < hanging; i++) delays.push(null);
  const random = seededRandom(SEED);
  for (let i = delays.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [delays[i], delays[j]] = [delays[j]!, delays[i]!];
  }
  return { delays };
}

/**
 * Wall time of a perfect, zero-overhead worker pool taking the jobs in this order (what
 * probeMany does): each job goes to the worker that frees first. Separates packing (a hanging
 * probe that starts near the end keeps one worker busy for a whole timeout while the rest idle)
 * from overhead. `sorted` = longest first, the best order for list scheduling.
 */
function packedWallMs(costs: readonly number[], cap: number, sorted = false): number {
  const order = sorted ? [...costs].sort((a, b) => b - a) : costs;
  const free = new Array<number>(cap).fill(0);
  for (const cost of order) {
    let k = 0;
    for (let i = 1; i < cap; i++) if (free[i]! < free[k]!) k = i;
    free[k]! += cost;
  }
  return Math.max(...free);
}

class Fleet {
  private waiting: ((m: FleetMessage) => void)[] = [];
  private constructor(private readonly child: ChildProcess) {
    child.on('message', (m: FleetMessage) => this.waiting.shift()?.(m));
  }

  static async start(spec: FleetSpec): Promise<{ fleet: Fleet; ports: number[] }> {
    const child = fork(process.argv[1]!, ['--fleet', JSON.stringify(spec)], {
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    const fleet = new Fleet(child);
    const ready = await fleet.next();
    if (ready.type !== 'ready') throw new Error('fleet did not start');
    return { fleet, ports: ready.ports };
  }

  private next(): Promise<FleetMessage> {
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  async command(command: FleetCommand): Promise<FleetStats> {
    const answer = this.next();
    this.child.send(command);
    const m = await answer;
    if (m.type !== 'stats') throw new Error('unexpected fleet answer');
    return m.stats;
  }

  close(): void {
    this.child.send({ type: 'close' } satisfies FleetCommand);
  }
}

/** A fetch, counting requests in flight as the client sees them. */
function countingFetch(base: FetchLike): { fetch: FetchLike; peak: () => number } {
  let inFlight = 0;
  let peak = 0;
  const counted: FetchLike = async (input, init) => {
    inFlight += 1;
    peak = Math.max(peak, inFlight);
    try {
      return await base(input, init);
    } finally {
      inFlight -= 1;
    }
  };
  return { fetch: counted, peak: () => peak };
}

/**
 * The warm sweep (a second metric; the cold one above keeps its budget and method): the same
 * fleet probed again with the previous sweep's results as an expired cache, as the engine's next
 * sweep does once `probe.cacheMinutes` has passed (lib/app/probe-scheduler.ts passes `state.probes`).
 * probeMany orders the queue from that history (longest expected first), which a first sweep
 * cannot do. Run at the higher cap only, where the tail dominates (docs/performance.md §2).
 */
const WARM_CAP = 32;

async function warmSweeps(
  fleet: Fleet,
  origins: readonly string[],
  cap: number,
  idealMs: number,
  history: ProbeTable,
): Promise<Metric> {
  const walls: number[] = [];
  const peaks: number[] = [];
  let cache = history;
  for (let run = 0; run < RUNS; run++) {
    await fleet.command({ type: 'reset' });
    const started = performance.now();
    const table = await probeMany({
      fetch: socketPerRequestFetch,
      origins,
      concurrency: cap,
      timeoutMs: TIMEOUT_MS,
      cache,
      // Every cached result has expired: all 500 are probed again, in the order they suggest.
      cacheMs: 0,
    });
    const wall = performance.now() - started;
    const stats = await fleet.command({ type: 'stats' });
    cache = table;
    walls.push(wall);
    peaks.push(stats.peakOpen);
    log(
      `probe sweep cap ${cap} warm run ${run}: wall ${round(wall)} ms (ideal ${round(idealMs)}), ` +
        `peak open sockets ${stats.peakOpen}`,
    );
    await new Promise((r) => setTimeout(r, 200));
  }
  const wall = median(walls);
  return metric(round(wall / idealMs, 3), 'ratio', null, {
    wallMs: round(wall),
    idealMs: round(idealMs),
    runsMs: walls.map((w) => round(w)),
    peakOpenSockets: Math.max(...peaks),
    note: 'the previous sweep as an expired cache: probeMany orders longest expected first',
  });
}

/**
 * The sweep the product really runs: MAX_PROBE_CANDIDATES (12) candidates for a service, at the
 * default cap and the default 5 s timeout. Taken from the same seeded fleet (its first 12
 * origins, all answering, 27–398 ms). With so few probes the ideal is the larger of Σ work ÷ cap
 * and the longest single probe (no schedule beats either). Budgeted: the warm sweep (the previous
 * sweep's results as an expired cache, which is what the engine passes on every sweep after its
 * first). The cold first sweep is reported: taking 12 probes in list order over 8 workers, two
 * long probes can land on the same worker, which only history can avoid.
 */
async function realSweeps(
  fleet: Fleet,
  origins: readonly string[],
  delays: readonly (number | null)[],
): Promise<Record<string, Metric>> {
  const real = origins.slice(0, MAX_PROBE_CANDIDATES);
  const costs = delays.slice(0, MAX_PROBE_CANDIDATES).map((d) => d ?? DEFAULT_PROBE_TIMEOUT_MS);
  const cap = DEFAULT_PROBE_CONCURRENCY;
  const idealMs = Math.max(costs.reduce((a, b) => a + b, 0) / cap, Math.max(...costs));
  const cold: number[] = [];
  const warm: number[] = [];
  for (let run = 0; run < Math.max(5, RUNS); run++) {
    await fleet.command({ type: 'reset' });
    let started = performance.now();
    const table = await probeMany({
      fetch: socketPerRequestFetch,
      origins: real,
      concurrency: cap,
      timeoutMs: DEFAULT_PROBE_TIMEOUT_MS,
    });
    cold.push(performance.now() - started);
    await new Promise((r) => setTimeout(r, 100));
    started = performance.now();
    await probeMany({
      fetch: socketPerRequestFetch,
      origins: real,
      concurrency: cap,
      timeoutMs: DEFAULT_PROBE_TIMEOUT_MS,
      cache: table,
      cacheMs: 0,
    });
    warm.push(performance.now() - started);
    log(
      `probe sweep real (12, cap ${cap}) run ${run}: cold ${round(cold.at(-1)!)} ms, warm ${round(warm.at(-1)!)} ms, ideal ${round(idealMs)} ms`,
    );
    await new Promise((r) => setTimeout(r, 100));
  }
  const detail = {
    candidates: real.length,
    cap,
    timeoutMs: DEFAULT_PROBE_TIMEOUT_MS,
    delaysMs: costs,
    idealMs: round(idealMs),
    zeroOverheadFifoMs: round(packedWallMs(costs, cap)),
    zeroOverheadLongestFirstMs: round(packedWallMs(costs, cap, true)),
  };
  return {
    'probe_sweep.real.wall_vs_ideal': metric(
      round(median(warm) / idealMs, 3),
      'ratio',
      BUDGET_FACTOR,
      {
        ...detail,
        wallMs: round(median(warm)),
        runsMs: warm.map((w) => round(w)),
        note: 'warm: the previous sweep as an expired cache, as every engine sweep after the first',
      },
    ),
    'probe_sweep.real.cold_wall_vs_ideal': metric(round(median(cold) / idealMs, 3), 'ratio', null, {
      ...detail,
      wallMs: round(median(cold)),
      runsMs: cold.map((w) => round(w)),
      note: 'the very first sweep, no history: list order over 8 workers',
    }),
  };
}

async function main(): Promise<Record<string, Metric>> {
  const spec = fleetSpec();
  const answeringDelays = spec.delays.filter((d): d is number => d !== null);
  const hangingCount = spec.delays.length - answeringDelays.length;
  const costs = spec.delays.map((d) => d ?? TIMEOUT_MS);
  const workMs = answeringDelays.reduce((a, b) => a + b, 0) + hangingCount * TIMEOUT_MS;
  const { fleet, ports } = await Fleet.start(spec);
  const origins = ports.map((port) => `http://127.0.0.1:${port}`);
  log(
    `probe fleet: ${origins.length} instances, ${hangingCount} hanging, timeout ${TIMEOUT_MS} ms, ` +
      `Σ work ${round(workMs / 1000, 2)} s`,
  );
  const metrics: Record<string, Metric> = {};
  try {
    // Warm-up (not measured): JIT for the probe path, 40 quick instances.
    const quick = origins.filter((_, i) => (spec.delays[i] ?? 999) < 100).slice(0, 40);
    await probeMany({
      fetch: socketPerRequestFetch,
      origins: quick,
      concurrency: 8,
      timeoutMs: TIMEOUT_MS,
    });

    Object.assign(metrics, await realSweeps(fleet, origins, spec.delays));

    // The 500-instance stress case (reported; the product probes at most 12 at a time).
    for (const cap of CAPS) {
      const idealMs = workMs / cap;
      const walls: number[] = [];
      const peaks: number[] = [];
      const clientPeaks: number[] = [];
      let okCount = 0;
      let lastTable: ProbeTable = {};
      for (let run = 0; run < RUNS; run++) {
        await fleet.command({ type: 'reset' });
        const counter = countingFetch(socketPerRequestFetch);
        const started = performance.now();
        const table = await probeMany({
          fetch: counter.fetch,
          origins,
          concurrency: cap,
          timeoutMs: TIMEOUT_MS,
        });
        const wall = performance.now() - started;
        const stats = await fleet.command({ type: 'stats' });
        okCount = Object.values(table).filter((r) => r.ok).length;
        lastTable = table;
        walls.push(wall);
        peaks.push(stats.peakOpen);
        clientPeaks.push(counter.peak());
        log(
          `probe sweep cap ${cap} run ${run}: wall ${round(wall)} ms (ideal ${round(idealMs)}), ` +
            `ok ${okCount}/${origins.length}, peak open sockets ${stats.peakOpen}, ` +
            `client in flight ${counter.peak()}, accepted ${stats.accepted}`,
        );
        // Let the last aborted sockets close before the next run counts again.
        await new Promise((r) => setTimeout(r, 200));
      }
      const wall = median(walls);
      metrics[`probe_sweep.cap_${cap}.wall_vs_ideal`] = metric(
        round(wall / idealMs, 3),
        'ratio',
        null,
        {
          wallMs: round(wall),
          idealMs: round(idealMs),
          zeroOverheadFifoMs: round(packedWallMs(costs, cap)),
          zeroOverheadLongestFirstMs: round(packedWallMs(costs, cap, true)),
          runsMs: walls.map((w) => round(w)),
          instances: origins.length,
          hanging: hangingCount,
          timeoutMs: TIMEOUT_MS,
          okProbes: okCount,
        },
      );
      metrics[`probe_sweep.cap_${cap}.peak_open_sockets`] = metric(
        Math.max(...peaks),
        'sockets',
        cap,
        { runs: peaks, clientPeakInFlight: Math.max(...clientPeaks) },
      );
      if (cap === WARM_CAP) {
        metrics[`probe_sweep.cap_${cap}.warm_wall_vs_ideal`] = await warmSweeps(
          fleet,
          origins,
          cap,
          idealMs,
          lastTable,
        );
      }
    }
    // The same sweep once more with Node's own fetch (undici), at the higher cap: reported only,
    // to show what undici's pool does with aborted requests (socket-per-request-fetch.ts).
    {
      const cap = CAPS[CAPS.length - 1]!;
      await fleet.command({ type: 'reset' });
      const counter = countingFetch(globalThis.fetch);
      const started = performance.now();
      await probeMany({ fetch: counter.fetch, origins, concurrency: cap, timeoutMs: TIMEOUT_MS });
      const wall = performance.now() - started;
      const stats = await fleet.command({ type: 'stats' });
      log(
        `probe sweep with Node fetch, cap ${cap}: wall ${round(wall)} ms, peak open ${stats.peakOpen}`,
      );
      metrics['probe_sweep.node_fetch_peak_open_sockets'] = metric(
        stats.peakOpen,
        'sockets',
        null,
        {
          cap,
          clientPeakInFlight: counter.peak(),
          connectionsAccepted: stats.accepted,
          probes: origins.length,
          wallVsIdeal: round(wall / (workMs / cap), 3),
          note: 'undici reconnects to an origin after an aborted request and keeps the idle socket',
        },
      );
    }
  } finally {
    fleet.close();
  }
  return metrics;
}

const fleetArg = process.argv.indexOf('--fleet');
if (fleetArg >= 0) {
  void serveFleet(JSON.parse(process.argv[fleetArg + 1]!) as FleetSpec);
} else {
  runBench('probe_sweep', main);
}
