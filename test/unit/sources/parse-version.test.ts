import { generationOf, parseVersion } from '../../../lib/sources/parse-version';

describe('parseVersion', () => {
  it.each([
    ['7.13', { version: '7.13', generation: 'v7' }],
    ['7.15', { version: '7.15', generation: 'v7' }],
    ['v7.15-dev', { version: 'v7.15-dev', generation: 'v7' }],
    ['10.0.0', { version: '10.0.0', generation: 'v10' }],
    ['10.9.4', { version: '10.9.4', generation: 'v10' }],
    ['11.0.2', { version: '11.0.2', generation: 'v11' }],
    ['11.7.1', { version: '11.7.1', generation: 'v11' }],
    ['12.0', { version: '12.0', generation: 'v11' }],
    [' 11.5 ', { version: '11.5', generation: 'v11' }],
    [10.2, { version: '10.2', generation: 'v10' }],
    ['8.0', { version: '8.0', generation: 'unknown' }],
    ['6.2', { version: '6.2', generation: 'unknown' }],
    ['11', { version: '11', generation: 'unknown' }],
    ['fork-2024', { version: 'fork-2024', generation: 'unknown' }],
    ['Offline', { version: null, generation: 'unknown' }],
    ['Unknown', { version: null, generation: 'unknown' }],
    ['N/A', { version: null, generation: 'unknown' }],
    ['', { version: null, generation: 'unknown' }],
    [null, { version: null, generation: 'unknown' }],
    [undefined, { version: null, generation: 'unknown' }],
    [{ major: 11 }, { version: null, generation: 'unknown' }],
    [Number.NaN, { version: null, generation: 'unknown' }],
    ['9'.repeat(80), { version: null, generation: 'unknown' }],
  ])('%j → %j', (raw, expected) => {
    expect(parseVersion(raw)).toEqual(expected);
  });

  it.each([
    ['7.0', 'v7'],
    ['10.0', 'v10'],
    ['11.0', 'v11'],
    ['V11.2', 'v11'],
    ['eleven', 'unknown'],
  ])('generationOf(%s) → %s', (version, generation) => {
    expect(generationOf(version)).toBe(generation);
  });
});
