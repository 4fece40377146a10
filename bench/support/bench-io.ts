/**
 * Shared by every benchmark. A benchmark is a plain Node program (bundled by scripts/bench.mjs)
 * that logs progress to stderr and prints exactly one JSON line on stdout:
 * `{ "metrics": { "<name>": Metric, … } }`. The runner merges those lines into one object.
 */

/**
 * One measured number and its budget. `budget: null` = reported only. Budgets are upper bounds,
 * unless `atLeast` says the value must reach the budget instead (a success ratio).
 */
export interface Metric {
  value: number | boolean | null;
  unit: string;
  /** The value must be ≤ this (numbers) or equal to it (booleans); null = reported, no budget. */
  budget: number | boolean | null;
  /** The budget is a lower bound: the value must be ≥ it. */
  atLeast?: true;
  /** null when there is no budget. */
  pass: boolean | null;
  /** How it was measured, the runs behind a median, contributors… */
  detail?: Record<string, unknown>;
}

export function metric(
  value: number | boolean | null,
  unit: string,
  budget: number | boolean | null,
  detail?: Record<string, unknown>,
  { atLeast = false }: { atLeast?: boolean } = {},
): Metric {
  let pass: boolean | null = null;
  if (budget !== null) {
    pass =
      typeof budget === 'number'
        ? typeof value === 'number' &&
          Number.isFinite(value) &&
          (atLeast ? value >= budget : value <= budget)
        : value === budget;
  }
  const base: Metric = atLeast
    ? { value, unit, budget, atLeast: true, pass }
    : { value, unit, budget, pass };
  return detail ? { ...base, detail } : base;
}

export function log(...parts: unknown[]): void {
  process.stderr.write(`${parts.map(String).join(' ')}\n`);
}

function emit(metrics: Record<string, Metric>): void {
  process.stdout.write(`${JSON.stringify({ metrics })}\n`);
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

/** Rounds for the report: ms to 0.1, ratios to 0.001. */
export const round = (value: number, digits = 1): number => {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
};

/** `--name=value` from argv, or the environment variable, or the fallback. */
export function option(
  name: string,
  env: string,
  fallback: number,
  { allowZero = false }: { allowZero?: boolean } = {},
): number {
  const arg = process.argv.find((a) => a.startsWith(`--${name}=`));
  const raw = arg ? arg.slice(name.length + 3) : process.env[env];
  const value = raw === undefined || raw === '' ? Number.NaN : Number(raw);
  return Number.isFinite(value) && (value > 0 || (allowZero && value === 0)) ? value : fallback;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Runs `main`, and on a crash still prints a JSON line so the runner can say which bench broke. */
export function runBench(name: string, main: () => Promise<Record<string, Metric>>): void {
  main().then(
    (metrics) => {
      emit(metrics);
      process.exit(0);
    },
    (error: unknown) => {
      log(`${name} crashed:`, error instanceof Error ? (error.stack ?? error.message) : error);
      emit({
        [`${name}.crashed`]: metric(true, 'bool', false, { error: String(error) }),
      });
      process.exit(1);
    },
  );
}

/**
 * Times a synchronous, CPU-bound call: wall time, process CPU time, and their minimum.
 *
 * This machine is shared (two cores, other test runs beside the benchmark): a call that waits
 * for a core is charged the wait in wall time but not in CPU time; on an idle core the two agree
 * (CPU time can then run slightly ahead, counting GC helper threads). So min(wall, CPU) is the
 * time the call takes when it has a core to itself, which is what a CPU-bound budget is about.
 */
export function timeCpuBound<T>(fn: () => T): {
  value: T;
  wallMs: number;
  cpuMs: number;
  ms: number;
} {
  const cpuStart = process.cpuUsage();
  const started = performance.now();
  const value = fn();
  const wallMs = performance.now() - started;
  const used = process.cpuUsage(cpuStart);
  const cpuMs = (used.user + used.system) / 1000;
  return { value, wallMs, cpuMs, ms: Math.min(wallMs, cpuMs) };
}

/** A small seeded PRNG (mulberry32): the same fixture on every run and every machine. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
