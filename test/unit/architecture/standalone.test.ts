import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/**
 * The repository stands on its own: a clone has nothing beside it, so no tracked file may read
 * or cite material outside it (a sibling `shared` folder, a product brief, "reference" sections).
 * Facts live in docs/cobalt-api.md and docs/rules.md instead. This file is the one exception: it
 * holds examples of what the needles catch.
 */
const SELF = 'test/unit/architecture/standalone.test.ts';
const NEEDLES: { what: string; pattern: RegExp }[] = [
  { what: 'a path outside the repository', pattern: new RegExp(['\\.\\.', 'shared'].join('/')) },
  { what: 'a citation of the old brief', pattern: new RegExp(`\\b${'BRI' + 'EF'}\\b`) },
  { what: 'a citation of the old reference', pattern: new RegExp(`${'refer' + 'ence'} §`, 'i') },
  {
    what: 'a path into the old reference folder',
    pattern: new RegExp(
      `\\b${'refer' + 'ence'}/(toolchain|style-anchors|cobalt-api|real-cobalt|samples)\\b`,
    ),
  },
];

const files = execFileSync('git', ['ls-files', '-z'], { encoding: 'utf8' })
  .split('\0')
  .filter(
    (f) =>
      f && f !== 'package-lock.json' && f !== SELF && !/\.(png|jpe?g|ico|webm|mp4|zip)$/.test(f),
  );

/** Every tracked text file's offending lines, as `path:line: text`. */
function offenders(pattern: RegExp): string[] {
  return files.flatMap((file) => {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      return []; // listed but not on disk (deleted in the working tree)
    }
    return text
      .split('\n')
      .flatMap((line, i) => (pattern.test(line) ? [`${file}:${i + 1}: ${line.trim()}`] : []));
  });
}

describe('the repository stands alone', () => {
  it('looks at the tracked files', () => {
    expect(files).toContain('README.md');
    expect(files).toContain('docs/cobalt-api.md');
  });

  it.each(NEEDLES)('no tracked file contains $what', ({ pattern }) => {
    expect(offenders(pattern)).toEqual([]);
  });

  it.each([
    [`x = "../${'sha' + 'red'}/reference/samples/a.json"`, 0],
    [`// see ${'BRI' + 'EF'} "Sources"`, 1],
    [`// ${'refer' + 'ence'} §4`, 2],
    [`/** ${'Refer' + 'ence'} §2: keys */`, 2],
    ['// (reference/toolchain.md "Firefox")', 3],
    ['// reference/real-cobalt 9000-get-root', 3],
  ])('the needles catch %s', (line, index) => {
    expect(NEEDLES[index]?.pattern.test(line)).toBe(true);
  });
});
