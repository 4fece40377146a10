#!/usr/bin/env node
// `npm run snapshot`: writes lib/sources/bundled-snapshot.json from the trackers' input lists
// committed in test/fixtures/tracker-samples/ (lib/sources/build-bundled-snapshot.ts explains the
// content; the folder's README gives each list's provenance). The output is committed too.
//
//   npm run snapshot                                   write the file
//   node scripts/build-bundled-snapshot.mjs --stdout   print it instead (the test compares)
//
// The TypeScript builder is loaded through Vite's module runner (Vite already builds the
// extension), so the parsing logic exists once, in lib/.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runnerImport } from 'vite';

const root = fileURLToPath(new URL('..', import.meta.url));
const samples = process.env.COBALT_SAMPLES_DIR ?? `${root}test/fixtures/tracker-samples/`;
const output = `${root}lib/sources/bundled-snapshot.json`;

const readJson = (name) => JSON.parse(readFileSync(`${samples}${name}`, 'utf8'));

const { module } = await runnerImport(`${root}lib/sources/build-bundled-snapshot.ts`, {
  configFile: false,
  logLevel: 'silent',
});
const snapshot = module.buildBundledSnapshot({
  hyperInputList: readJson('cobalttester_backend-instances_2024-10-16.json'),
  directoryInputList: readJson('cobalt-directory_backend-instances_2026-05-04.json'),
});
const text = `${JSON.stringify(snapshot, null, 2)}\n`;

if (process.argv.includes('--stdout')) process.stdout.write(text);
else {
  writeFileSync(output, text);
  console.log(
    `wrote ${snapshot.entries.length} entries (list of ${snapshot.date}) to lib/sources/bundled-snapshot.json`,
  );
}
