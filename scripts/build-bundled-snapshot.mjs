#!/usr/bin/env node
// Writes lib/sources/bundled-snapshot.json from the trackers' input lists in
// ../shared/reference/samples/ (lib/sources/build-bundled-snapshot.ts explains the content).
// The output is committed, so building the extension never needs ../shared.
//
//   node scripts/build-bundled-snapshot.mjs            write the file
//   node scripts/build-bundled-snapshot.mjs --stdout   print it instead (the test compares)
//
// The TypeScript builder is loaded through Vite's module runner (Vite already builds the
// extension), so the parsing logic exists once, in lib/.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runnerImport } from 'vite';

const root = fileURLToPath(new URL('..', import.meta.url));
const samples = process.env.COBALT_SAMPLES_DIR ?? `${root}../shared/reference/samples/`;
const output = `${root}lib/sources/bundled-snapshot.json`;

const readJson = (name) => JSON.parse(readFileSync(`${samples}${name}`, 'utf8'));

const { module } = await runnerImport(`${root}lib/sources/build-bundled-snapshot.ts`, {
  configFile: false,
  logLevel: 'silent',
});
const entries = module.buildBundledSnapshot({
  hyperInputList: readJson('cobalttester_backend-instances_2024-10-16.json'),
  directoryInputList: readJson('cobalt-directory_backend-instances_2026-05-04.json'),
});
const text = `${JSON.stringify(entries, null, 2)}\n`;

if (process.argv.includes('--stdout')) process.stdout.write(text);
else {
  writeFileSync(output, text);
  console.log(`wrote ${entries.length} entries to lib/sources/bundled-snapshot.json`);
}
