import { isUpstreamCodebase, normaliseCodebase } from '../../../lib/instances/codebase';

describe('normaliseCodebase: one name per repository, wherever it was read', () => {
  it.each<[unknown, string | null]>([
    ['imputnet/cobalt', 'imputnet/cobalt'],
    ['  imputnet/cobalt  ', 'imputnet/cobalt'],
    ['ImputNet/Cobalt', 'ImputNet/Cobalt'],
    ['https://github.com/imputnet/cobalt', 'imputnet/cobalt'],
    ['https://github.com/imputnet/cobalt.git', 'imputnet/cobalt'],
    ['git@github.com:someone/cobalt-fork.git', 'someone/cobalt-fork'],
    ['github.com/someone/cobalt_fork/', 'someone/cobalt_fork'],
    ['someone/cobalt.tools', 'someone/cobalt.tools'],
    ['', null],
    ['cobalt', null],
    ['a/b/c', null],
    ['-bad/cobalt', null],
    ['owner with space/cobalt', null],
    [`${'a'.repeat(40)}/cobalt`, null],
    [`x/${'r'.repeat(101)}`, null],
    ['x'.repeat(10_000), null],
    [null, null],
    [42, null],
    [{ remote: 'imputnet/cobalt' }, null],
  ])('%j → %j', (value, expected) => {
    expect(normaliseCodebase(value)).toBe(expected);
  });
});

describe('isUpstreamCodebase', () => {
  it.each<[string, boolean]>([
    ['imputnet/cobalt', true],
    ['ImputNet/Cobalt', true],
    ['imputnet/cobalt-fork', false],
    ['someone/cobalt', false],
  ])('%s → %s', (codebase, expected) => {
    expect(isUpstreamCodebase(codebase)).toBe(expected);
  });
});
