import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import {
  LIB_DIR,
  folderOf,
  importedSpecifiers,
  libFiles,
  resolveInLib,
  type LibFile,
} from './lib-source';

/**
 * The layer order of lib/, lowest first: this list is the one place it is written down (README
 * "Where a rule lives" points here). A folder may import its own layer and any lower one, never
 * a higher one; type-only imports count too, since a type edge ties two folders as tightly as a
 * value edge when either changes. A new lib/ folder fails the test until it is placed here.
 */
const LIB_LAYERS = [
  'net',
  'services',
  'instances',
  'storage',
  'settings',
  'model',
  'sources',
  'safety',
  'cobalt',
  'mux',
  'probe',
  'health',
  'rank',
  'submit',
  'batch',
  'ui',
  'messages',
  'app',
] as const;

interface Edge {
  file: string;
  specifier: string;
  from: string;
  to: string;
}

/** Imports that point from a lower layer to a higher one (or involve an unlisted folder). */
function layerViolations(files: readonly LibFile[], layers: readonly string[]): Edge[] {
  const rank = new Map(layers.map((layer, index) => [layer, index]));
  const bad: Edge[] = [];
  for (const file of files) {
    const from = folderOf(file.path);
    for (const specifier of importedSpecifiers(file.source)) {
      const target = resolveInLib(file.path, specifier);
      if (target === null) continue;
      const to = folderOf(target);
      if (to === from) continue;
      const low = rank.get(from);
      const high = rank.get(to);
      if (low === undefined || high === undefined || high > low)
        bad.push({ file: file.path, specifier, from, to });
    }
  }
  return bad;
}

function isFile(path: string): boolean {
  return statSync(path, { throwIfNoEntry: false })?.isFile() ?? false;
}

function fixture(path: string, code: string): LibFile {
  return { path, source: ts.createSourceFile(path, code, ts.ScriptTarget.Latest, true) };
}

describe('lib/ layer order', () => {
  const files = libFiles();

  it('lists every lib/ folder exactly once', () => {
    const folders = readdirSync(LIB_DIR, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name);
    expect([...LIB_LAYERS].sort()).toEqual([...folders].sort());
    expect(new Set(LIB_LAYERS).size).toBe(LIB_LAYERS.length);
  });

  it('has no file directly in lib/ (each belongs to a layer)', () => {
    expect(files.filter((f) => !f.path.includes('/')).map((f) => f.path)).toEqual([]);
  });

  it('no lib/ file imports a higher layer (type-only imports included)', () => {
    const report = layerViolations(files, LIB_LAYERS).map(
      (e) => `${e.file}: ${e.from} → ${e.to} ('${e.specifier}')`,
    );
    expect(report).toEqual([]);
  });

  it('every relative import inside lib/ names a file that exists', () => {
    // Keeps the check honest: a specifier it cannot resolve would otherwise slip past it.
    const missing = files.flatMap((file) =>
      importedSpecifiers(file.source)
        .map((specifier) => resolveInLib(file.path, specifier))
        .filter((target): target is string => target !== null)
        .filter(
          (target) => !['', '.ts', '/index.ts'].some((x) => isFile(join(LIB_DIR, target + x))),
        )
        .map((target) => `${file.path} → ${target}`),
    );
    expect(missing).toEqual([]);
  });
});

describe('layerViolations', () => {
  const layers = ['model', 'rank', 'app'];
  it.each([
    [
      'a type-only import upwards',
      'model/a.ts',
      "import type { X } from '../rank/x';",
      ['model → rank'],
    ],
    ['a value import upwards', 'rank/a.ts', "import { x } from '../app/x';", ['rank → app']],
    ['a re-export upwards', 'model/a.ts', "export { x } from '../app/x';", ['model → app']],
    [
      'an import() type upwards',
      'model/a.ts',
      "export type T = import('../app/x').T;",
      ['model → app'],
    ],
    [
      'a dynamic import upwards',
      'model/a.ts',
      "export const m = () => import('../rank/x');",
      ['model → rank'],
    ],
    ['an unlisted folder', 'extra/a.ts', "import { x } from '../model/x';", ['extra → model']],
    [
      'an import into an unlisted folder',
      'app/a.ts',
      "import { x } from '../extra/x';",
      ['app → extra'],
    ],
    ['an import downwards', 'app/a.ts', "import type { X } from '../model/x';", []],
    ['an import within a folder', 'model/sub/a.ts', "import { x } from '../b';", []],
    ['a package import', 'model/a.ts', "import { z } from 'zod';", []],
    ['a file outside lib/', 'model/a.ts', "import { version } from '../../package.json';", []],
  ])('%s', (_name, path, code, expected) => {
    const edges = layerViolations([fixture(path, code)], layers);
    expect(edges.map((e) => `${e.from} → ${e.to}`)).toEqual(expected);
  });
});
