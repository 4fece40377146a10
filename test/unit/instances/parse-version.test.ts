import { parseVersion } from '../../../lib/instances/parse-version';

/**
 * The one version parser (feeds, probes and the request builder). Rows follow cobalt's public
 * history (https://github.com/imputnet/cobalt `package.json` by release): 4.3–6.x posted to an
 * older `/api/json`, 7.0–7.15 is the legacy v7 API, 8 and 9 were never released, 10.x and 11.x
 * speak `POST /`. Majors before 7 are `unknown` (see lib/instances/parse-version.ts for why).
 */
describe('parseVersion', () => {
  it.each([
    // the disputed majors: once `v7` in the request builder and `unknown` in feeds and probes
    ['1.0', 'unknown'],
    ['4.3', 'unknown'], // first release with a POST /api/json
    ['5.1', 'unknown'],
    ['6.0', 'unknown'], // first release with /api/serverInfo
    ['6.3.1', 'unknown'], // the last release before 7.0
    ['0.9', 'unknown'],
    // legacy v7
    ['7.0', 'v7'],
    ['7.13', 'v7'],
    ['7.15', 'v7'],
    // never released
    ['8.0.0', 'unknown'],
    ['9.1', 'unknown'],
    // POST /
    ['10.0.0', 'v10'],
    ['10.9.4', 'v10'],
    ['11.0.2', 'v11'],
    ['11.7.1', 'v11'],
    // a future major speaks POST / and gets the minimal body (request-keys LATEST_KNOWN_MAJOR)
    ['12.0', 'v11'],
  ])('%s → %s', (raw, generation) => {
    expect(parseVersion(raw).generation).toBe(generation);
  });

  it.each([
    ['11.7.1', { version: '11.7.1', generation: 'v11', major: 11, minor: 7 }],
    ['v10.2', { version: 'v10.2', generation: 'v10', major: 10, minor: 2 }],
    ['V10.9.4', { version: 'V10.9.4', generation: 'v10', major: 10, minor: 9 }],
    ['10.9.4-fork', { version: '10.9.4-fork', generation: 'v10', major: 10, minor: 9 }],
    ['v7.15-dev', { version: 'v7.15-dev', generation: 'v7', major: 7, minor: 15 }],
    [' 11.2.0 ', { version: '11.2.0', generation: 'v11', major: 11, minor: 2 }],
    // cobalt.directory: the value may not be a string
    [10.2, { version: '10.2', generation: 'v10', major: 10, minor: 2 }],
    [7.15, { version: '7.15', generation: 'v7', major: 7, minor: 15 }],
    // kept for display, but not a generation we can speak
    ['8.0', { version: '8.0', generation: 'unknown' }],
    ['6.2', { version: '6.2', generation: 'unknown' }],
    ['11', { version: '11', generation: 'unknown' }],
    ['10', { version: '10', generation: 'unknown' }],
    ['11.x', { version: '11.x', generation: 'unknown' }],
    ['.11.7', { version: '.11.7', generation: 'unknown' }],
    ['12345.1', { version: '12345.1', generation: 'unknown' }],
    ['fork-2024', { version: 'fork-2024', generation: 'unknown' }],
    ['v', { version: 'v', generation: 'unknown' }],
    // placeholders the trackers write, and values that are not versions at all
    ['Offline', { version: null, generation: 'unknown' }],
    ['Unknown', { version: null, generation: 'unknown' }],
    ['N/A', { version: null, generation: 'unknown' }],
    ['', { version: null, generation: 'unknown' }],
    [null, { version: null, generation: 'unknown' }],
    [undefined, { version: null, generation: 'unknown' }],
    [true, { version: null, generation: 'unknown' }],
    [{ major: 11 }, { version: null, generation: 'unknown' }],
    [['11.7.1'], { version: null, generation: 'unknown' }],
    [Number.NaN, { version: null, generation: 'unknown' }],
    ['9'.repeat(80), { version: null, generation: 'unknown' }],
    [`11.7.1${'x'.repeat(100)}`, { version: null, generation: 'unknown' }],
  ])('%j → %j', (raw, expected) => {
    expect(parseVersion(raw)).toEqual(expected);
  });
});
