import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import type { FeedFormat } from '../lib/instances/instance';
import { mergeEntries } from '../lib/instances/merge-entries';
import { parseFeed } from '../lib/sources/parse-feed';
import { buildFeed } from './support/build-feed';
import {
  log,
  median,
  metric,
  option,
  round,
  runBench,
  timeCpuBound,
  type Metric,
} from './support/bench-io';

/**
 * Feed parsing at the size real trackers serve (200 entries of each format: the public lists
 * carry 20–200 instances; budgeted) and as a stress case (5,000 entries; reported), parsed from
 * text (lib/sources
 * parseFeed: JSON, format detection, zod per entry, origins, services, trust, drift) and
 * normalised into the Instance model (lib/instances mergeEntries, as the engine does).
 *
 * Each format runs in a fresh Node process (same bundle, `--format=`), so memory numbers belong
 * to that parse alone: peak RSS growth during the first (cold) parse, and the heap the result
 * keeps. Time: the median of the following warm runs; the cold first run is reported too.
 * Entries are cloned from the fixtures' real shapes (schema drift included), each with its own
 * host, so nothing is merged away.
 *
 * zod runs *jitless*, as in the extension: zod 4 compiles object parsers with `new Function`
 * when eval is allowed, which Node allows and the MV3 background's CSP does not, so there zod
 * takes its slower interpreted path. The budget is checked on that; the Node (JIT) time is in
 * the detail.
 */

/** Real trackers list 20–200 instances: the budgeted size. */
const REAL_ENTRIES = 200;
const REAL_BUDGET_MS = 5;
/** A very large custom list: reported, as a stress case. */
const STRESS_ENTRIES = 5000;
const RUNS = option('runs', 'BENCH_PARSE_RUNS', 15);
/** The Node (zod JIT) comparison only needs a rough number. */
const JIT_RUNS = 5;
/**
 * Unmeasured parsing after the cold run, so the median is of optimised code: the same amount of
 * work (15,000 entries) whatever the feed's size; a 200-entry feed is otherwise timed while V8 is
 * still compiling it. The cold first parse is reported beside it (`coldMs`).
 */
const WARMUP_ENTRIES = 15_000;
const FORMATS: FeedFormat[] = ['hyper', 'directory-tests', 'directory-working', 'cobalt-best'];
const SOURCE = 'custom:http://127.0.0.1/bench.json' as const;

function parseAndNormalise(text: string) {
  const outcome = parseFeed(text, SOURCE);
  if (!outcome.ok) throw new Error(outcome.error);
  return { outcome, instances: mergeEntries(outcome.entries) };
}

const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
const mb = (bytes: number) => round(bytes / 2 ** 20, 2);

/** Child: one format, from a file, printing one JSON line. */
function child(format: FeedFormat, file: string, jitless: boolean): void {
  if (jitless) z.config({ jitless: true });
  const text = readFileSync(file, 'utf8');
  gc();
  const rssBefore = process.memoryUsage().rss;
  const heapBefore = process.memoryUsage().heapUsed;
  const cold = timeCpuBound(() => parseAndNormalise(text));
  const first = cold.value;
  const coldMs = cold.ms;
  const peakRss = process.resourceUsage().maxRSS * 1024;
  gc();
  const retained = process.memoryUsage().heapUsed - heapBefore;
  const size = Math.max(1, first.outcome.ok ? first.outcome.entries.length : 1);
  for (let i = 0; i < Math.max(3, Math.ceil(WARMUP_ENTRIES / size)); i++) parseAndNormalise(text);
  const times: number[] = [];
  const walls: number[] = [];
  const cpu: number[] = [];
  const runs = jitless ? RUNS : JIT_RUNS;
  for (let i = 0; i < runs; i++) {
    const timed = timeCpuBound(() => parseAndNormalise(text));
    times.push(timed.ms);
    walls.push(timed.wallMs);
    cpu.push(timed.cpuMs);
  }
  process.stdout.write(
    `${JSON.stringify({
      format,
      textKB: round(Buffer.byteLength(text) / 1024, 0),
      entries: first.outcome.ok ? first.outcome.entries.length : 0,
      dropped: first.outcome.ok ? first.outcome.dropped.length : 0,
      instances: first.instances.length,
      medianMs: round(median(times), 2),
      wallMedianMs: round(median(walls), 2),
      cpuMedianMs: round(median(cpu), 2),
      coldMs: round(coldMs, 2),
      peakRssGrowthMB: mb(Math.max(0, peakRss - rssBefore)),
      retainedHeapMB: mb(retained),
    })}\n`,
  );
}

function runChild(format: FeedFormat, file: string, jitless: boolean) {
  const run = spawnSync(
    process.execPath,
    [
      '--expose-gc',
      process.argv[1]!,
      `--format=${format}`,
      `--file=${file}`,
      ...(jitless ? ['--jitless-zod'] : []),
    ],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const line = run.stdout.trim().split('\n').at(-1) ?? '';
  log(
    `feed parse ${format} ${file.split('-').at(-1)}${jitless ? ' (zod jitless)' : ' (zod JIT)'}: ${line}`,
  );
  return JSON.parse(line) as Record<string, number | string>;
}

function main(): Record<string, Metric> {
  const dir = mkdtempSync(join(tmpdir(), 'cobalt-picker-bench-feeds-'));
  const metrics: Record<string, Metric> = {};
  const real: Record<string, Record<string, number | string>> = {};
  try {
    for (const format of FORMATS) {
      const realFile = join(dir, `${format}-${REAL_ENTRIES}.json`);
      writeFileSync(realFile, buildFeed(format, REAL_ENTRIES));
      real[format] = runChild(format, realFile, true);

      const file = join(dir, `${format}-${STRESS_ENTRIES}.json`);
      writeFileSync(file, buildFeed(format, STRESS_ENTRIES));
      const result = runChild(format, file, true);
      const withJit = runChild(format, file, false);
      const { medianMs, ...detail } = result;
      metrics[`feed_parse.stress_5000.${format}.ms`] = metric(medianMs as number, 'ms', null, {
        ...detail,
        runs: RUNS,
        nodeZodJitMedianMs: withJit.medianMs,
        nodeZodJitColdMs: withJit.coldMs,
        what: 'stress: 5,000 entries; parseFeed(text) + mergeEntries, median of warm runs, zod jitless',
      });
      metrics[`feed_parse.stress_5000.${format}.peak_memory_mb`] = metric(
        result.peakRssGrowthMB as number,
        'MB',
        null,
        {
          what: 'RSS growth during the first parse of the 5,000-entry feed, fresh process',
          retainedHeapMB: result.retainedHeapMB,
        },
      );
    }
    const worst = Math.max(...Object.values(real).map((r) => r.medianMs as number));
    metrics['feed_parse.real_200.ms'] = metric(worst, 'ms (slowest format)', REAL_BUDGET_MS, {
      byFormat: real,
      runs: RUNS,
      what: 'parseFeed(text) + mergeEntries of a 200-entry feed, zod on every entry (jitless, as in the extension), median of warm runs',
      timing: 'per run min(wall, process CPU time): the time on a core of its own (bench-io.ts)',
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return metrics;
}

const formatArg = process.argv.find((a) => a.startsWith('--format='));
if (formatArg) {
  const file = process.argv.find((a) => a.startsWith('--file='))!.slice('--file='.length);
  child(
    formatArg.slice('--format='.length) as FeedFormat,
    file,
    process.argv.includes('--jitless-zod'),
  );
} else {
  runBench('feed_parse', async () => main());
}
