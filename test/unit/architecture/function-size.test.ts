import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { LIB_DIR, libFiles } from './lib-source';

/**
 * Size limits that keep lib/ readable in parts: no function (declaration, expression, arrow,
 * method, accessor, constructor) over MAX_FUNCTION_LINES lines, counted from its first line to
 * its last, and the engine's composer file no longer than MAX_ENGINE_LINES.
 */
const MAX_FUNCTION_LINES = 120;
const MAX_ENGINE_LINES = 150;

interface Measured {
  name: string;
  lines: number;
}

function functionSizes(source: ts.SourceFile): Measured[] {
  const found: Measured[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const start = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
      const end = source.getLineAndCharacterOfPosition(node.getEnd()).line;
      const line = start + 1;
      const name = node.name && ts.isIdentifier(node.name) ? node.name.text : `<anonymous>`;
      found.push({ name: `${name} (line ${line})`, lines: end - start + 1 });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function parse(code: string): ts.SourceFile {
  return ts.createSourceFile('fixture.ts', code, ts.ScriptTarget.Latest, true);
}

describe('function size in lib/', () => {
  it(`no function is over ${MAX_FUNCTION_LINES} lines`, () => {
    const long = libFiles().flatMap((file) =>
      functionSizes(file.source)
        .filter((f) => f.lines > MAX_FUNCTION_LINES)
        .map((f) => `${file.path}: ${f.name} has ${f.lines} lines`),
    );
    expect(long).toEqual([]);
  });

  it(`lib/app/engine.ts is at most ${MAX_ENGINE_LINES} lines`, () => {
    const text = readFileSync(join(LIB_DIR, 'app/engine.ts'), 'utf8');
    expect(text.trimEnd().split('\n').length).toBeLessThanOrEqual(MAX_ENGINE_LINES);
  });
});

describe('functionSizes', () => {
  const body = (n: number) =>
    Array.from({ length: n }, (_, i) => `  const v${i} = ${i};`).join('\n');
  it.each([
    ['a declaration', (n: number) => `function f() {\n${body(n)}\n}`, 'f (line 1)'],
    ['an arrow', (n: number) => `const g = () => {\n${body(n)}\n};`, '<anonymous> (line 1)'],
    ['a method', (n: number) => `class C {\n  m() {\n${body(n)}\n  }\n}`, 'm (line 2)'],
    ['an object method', (n: number) => `const o = {\n  m() {\n${body(n)}\n  },\n};`, 'm (line 2)'],
  ])('measures %s from its first to its last line', (_kind, make, name) => {
    expect(functionSizes(parse(make(3)))).toEqual([{ name, lines: 5 }]);
  });

  it('measures nested functions on their own, and the outer one with them', () => {
    const sizes = functionSizes(
      parse(`function outer() {\n  function inner() {\n${body(2)}\n  }\n}`),
    );
    expect(sizes).toEqual([
      { name: 'outer (line 1)', lines: 6 },
      { name: 'inner (line 2)', lines: 4 },
    ]);
  });

  it('skips bodiless signatures (overloads, interface methods)', () => {
    expect(functionSizes(parse('interface I { m(): void }\ndeclare function f(): void;'))).toEqual(
      [],
    );
  });
});
