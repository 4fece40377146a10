#!/usr/bin/env node
// web-ext lint on the Firefox build: fails on any error; warnings are printed (and explained in
// README "Firefox lint warnings").
import { spawnSync } from 'node:child_process';
const dir = new URL('../.output/firefox-mv2', import.meta.url).pathname;
const res = spawnSync(
  'npx',
  ['web-ext', 'lint', '-s', dir, '--no-config-discovery', '--output', 'json'],
  { encoding: 'utf8' },
);
let report;
try {
  report = JSON.parse(res.stdout);
} catch {
  console.error(res.stdout, res.stderr);
  process.exit(1);
}
for (const w of report.warnings ?? [])
  console.log(`warning ${w.code}: ${w.file ?? ''} ${w.message}`);
for (const e of report.errors ?? []) console.log(`ERROR ${e.code}: ${e.file ?? ''} ${e.message}`);
console.log(
  `web-ext lint: ${report.errors?.length ?? 0} errors, ${report.warnings?.length ?? 0} warnings`,
);
process.exit((report.errors?.length ?? 0) === 0 ? 0 : 1);
