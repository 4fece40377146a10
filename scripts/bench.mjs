#!/usr/bin/env node
// `npm run bench`: every benchmark in bench/, one JSON object on stdout (docs/performance.md).
//
// Node 20 cannot run TypeScript, so each bench/*.ts is bundled with esbuild (already in
// node_modules through Vite; test/e2e does the same) into .bench/build/ (git-ignored, inside the
// project so bare imports such as `wxt` and `playwright-core` resolve from node_modules), then
// run as its own Node process, one after another so they never compete for the two cores.
// The exception is the sequential peer client (failover-sequential): it spends its ~80 s waiting
// on hanging sockets with an idle CPU, so it runs in the background from the start while the
// others run, and is awaited at the end.
//
// Each bench prints one line `{"metrics":{…}}` on stdout and its progress on stderr; this script
// merges the lines, adds the derived metrics that need two benches (the failover peer ratio),
// prints the result as ONE JSON object on stdout (everything else goes to stderr), and exits 1
// when a budget fails.
//
// Options: --only=<regexp> runs the benches whose name matches; --keep keeps .bench/build.
// The JSON is also written to .bench/last.json, and a full run (no --only) to
// bench/results/latest.json, the committed results docs/performance.md quotes.
// Per-bench knobs are environment variables, documented in docs/performance.md.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BENCH_DIR = join(ROOT, 'bench');
const OUT = join(ROOT, '.bench', 'build');

/** Run order. failover-sequential is started first and runs beside the others (see above). */
const ORDER = [
  'world',
  'failover',
  'probe-sweep',
  'rank',
  'feed-parse',
  'batch',
  'mux',
  'extension',
];
const BACKGROUND = 'failover-sequential';

const args = process.argv.slice(2);
const only = args.find((a) => a.startsWith('--only='))?.slice('--only='.length);
const onlyRe = only ? new RegExp(only) : null;
const keep = args.includes('--keep');
const log = (...parts) => process.stderr.write(`${parts.join(' ')}\n`);

async function bundle(names) {
  const esbuild = await import('esbuild');
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  // Test servers find their fixtures through import.meta.url: keep each file's own URL.
  const ownImportMetaUrl = {
    name: 'own-import-meta-url',
    setup(build) {
      build.onLoad({ filter: /\.[cm]?tsx?$/ }, (a) => {
        const source = readFileSync(a.path, 'utf8');
        const url = JSON.stringify(pathToFileURL(a.path).href);
        return { contents: source.replaceAll('import.meta.url', url), loader: 'ts' };
      });
    },
  };
  await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: Object.fromEntries(names.map((n) => [n, join(BENCH_DIR, `${n}.ts`)])),
    outdir: OUT,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: 'inline',
    logLevel: 'warning',
    plugins: [ownImportMetaUrl],
  });
}

/** Runs one bundled bench; resolves with its metrics (or a crash metric). */
function runOne(name) {
  return new Promise((resolve) => {
    const started = Date.now();
    log(`\n▶ bench ${name}`);
    const child = spawn(
      process.execPath,
      ['--expose-gc', '--enable-source-maps', join(OUT, `${name}.mjs`)],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'], env: process.env },
    );
    let stdout = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.on('close', (code) => {
      const secs = ((Date.now() - started) / 1000).toFixed(1);
      log(`◀ bench ${name}: exit ${code} in ${secs}s`);
      const line = stdout.trim().split('\n').filter(Boolean).at(-1);
      try {
        const parsed = JSON.parse(line ?? '');
        resolve({ metrics: parsed.metrics ?? {}, seconds: Number(secs), code });
      } catch {
        resolve({
          metrics: {
            [`${name}.crashed`]: {
              value: true,
              unit: 'bool',
              budget: false,
              pass: false,
              detail: { exit: code, stdout: stdout.slice(-2000) },
            },
          },
          seconds: Number(secs),
          code,
        });
      }
    });
  });
}

/**
 * Failover against the peer: the engine's time with 3 hanging instances ahead as a share of the
 * sequential client's time for the same line-up (budget ≤ 5 %).
 */
function derived(metrics) {
  const out = {};
  for (const ahead of [0, 1, 3]) {
    const ours = metrics[`failover.ahead_${ahead}_ms`]?.value;
    const peer = metrics[`failover.sequential.ahead_${ahead}_ms`]?.value;
    if (typeof ours !== 'number' || typeof peer !== 'number') continue;
    const share = Math.round((ours / peer) * 10000) / 100;
    const budget = ahead === 3 ? 5 : null;
    out[`failover.ahead_${ahead}_vs_sequential_pct`] = {
      value: share,
      unit: '%',
      budget,
      pass: budget === null ? null : share <= budget,
      detail: { oursMs: ours, sequentialMs: peer, speedup: Math.round((peer / ours) * 10) / 10 },
    };
  }
  return out;
}

async function main() {
  const available = readdirSync(BENCH_DIR)
    .filter((f) => f.endsWith('.ts'))
    .map((f) => f.slice(0, -3));
  const wanted = (name) => available.includes(name) && (!onlyRe || onlyRe.test(name));
  const names = [...ORDER, BACKGROUND].filter(wanted);
  if (names.length === 0) throw new Error(`no bench matches ${only}`);
  const startedAt = new Date();
  const t0 = Date.now();
  await bundle(names);

  // Other work on the machine inflates every timing: keep the 1-minute load average with the
  // results (sampled every 5 s), so a reader can tell a quiet run from a busy one.
  const loads = [loadavg()[0]];
  const sampler = setInterval(() => loads.push(loadavg()[0]), 5000);
  const background = names.includes(BACKGROUND) ? runOne(BACKGROUND) : null;
  const results = {};
  for (const name of ORDER.filter((n) => names.includes(n))) results[name] = await runOne(name);
  if (background) results[BACKGROUND] = await background;
  clearInterval(sampler);
  loads.push(loadavg()[0]);

  const metrics = {};
  for (const name of names) Object.assign(metrics, results[name]?.metrics);
  Object.assign(metrics, derived(metrics));
  const sorted = Object.fromEntries(Object.entries(metrics).sort(([a], [b]) => a.localeCompare(b)));
  const failed = Object.entries(sorted)
    .filter(([, m]) => m.pass === false)
    .map(([k]) => k);
  const output = {
    meta: {
      date: startedAt.toISOString(),
      node: process.version,
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? null,
      memoryGB: Math.round(totalmem() / 2 ** 30),
      loadAverage1m: {
        start: Math.round(loads[0] * 100) / 100,
        max: Math.round(Math.max(...loads) * 100) / 100,
        mean: Math.round((loads.reduce((a, b) => a + b, 0) / loads.length) * 100) / 100,
      },
      benches: Object.fromEntries(names.map((n) => [n, { seconds: results[n]?.seconds ?? null }])),
      totalSeconds: Math.round((Date.now() - t0) / 100) / 10,
    },
    metrics: sorted,
    pass: failed.length === 0,
    failed,
  };
  if (!keep) rmSync(OUT, { recursive: true, force: true });
  const text = `${JSON.stringify(output, null, 2)}\n`;
  // A copy for later reading (git-ignored), since stdout is often piped away.
  writeFileSync(join(ROOT, '.bench', 'last.json'), text);
  // A full run is the committed record docs/performance.md quotes (one run, one file).
  if (!onlyRe) {
    mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true });
    writeFileSync(join(ROOT, 'bench', 'results', 'latest.json'), text);
  }
  process.stdout.write(text);
  process.exitCode = failed.length === 0 ? 0 : 1;
}

main().catch((error) => {
  log(error?.stack ?? String(error));
  process.exitCode = 2;
});
