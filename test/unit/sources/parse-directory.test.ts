import type { SourceEntry } from '../../../lib/instances/instance';
import { parseDirectoryTestsFeed } from '../../../lib/sources/parse-directory-tests';
import { parseDirectoryWorkingFeed } from '../../../lib/sources/parse-directory-working';
import { feedJson, sampleJson } from './feed-fixtures';

const entry = (fields: Partial<SourceEntry> & { origin: string }): SourceEntry => ({
  source: 'directory',
  version: null,
  generation: 'unknown',
  trust: null,
  online: null,
  turnstile: null,
  services: {},
  score: null,
  frontend: null,
  ...fields,
});

describe('parseDirectoryTestsFeed (cobalt.directory /api/tests, docs/cobalt-api.md §6.2)', () => {
  const result = parseDirectoryTestsFeed(feedJson('directory-tests.json'), 'directory');
  if (!result.ok) throw new Error(result.error);

  it('keeps 5 usable entries and records 3 drops with reasons', () => {
    expect(result.format).toBe('directory-tests');
    expect(result.entries).toHaveLength(5);
    expect(result.dropped).toEqual([
      { index: 5, reason: '"api" must be text' },
      { index: 6, reason: '"api" is missing' },
      { index: 7, reason: '"protocol" must be http or https, not "ftp"' },
    ]);
  });

  it.each([
    [
      'every service failed with the Turnstile message → turnstile, no service verdicts',
      0,
      entry({
        origin: 'https://kityune.imput.net',
        codebase: 'imputnet/cobalt',
        version: '11.7.1',
        generation: 'v11',
        online: true,
        turnstile: true,
        score: 0,
        frontend: 'https://cobalt.tools',
      }),
    ],
    [
      'score = passed/total without "Frontend"; slugs mapped; main youtube beats youtube-music',
      1,
      entry({
        origin: 'https://api.qwkuns.me',
        codebase: 'imputnet/cobalt',
        version: '11.5',
        generation: 'v11',
        online: true,
        services: {
          bsky: true,
          newgrounds: true,
          ok: false,
          tiktok: true,
          twitch: true,
          youtube: false,
        },
        score: 75,
        frontend: 'https://qwkuns.me',
      }),
    ],
    [
      '`remote` (pre-2026 name of `codebase`) is read as the codebase; absent `frontend` → null',
      2,
      entry({
        origin: 'https://cobaltapi.cjs.nz',
        codebase: 'imputnet/cobalt',
        version: '10.9.4',
        generation: 'v10',
        online: true,
        services: { reddit: false, twitter: true, vk: true, youtube: true },
        score: 75,
      }),
    ],
    [
      'offline: `tests: {}`, version "Offline" → no score, no services',
      3,
      entry({
        origin: 'https://fox.kittycat.boo',
        codebase: null,
        online: false,
        frontend: 'https://cobalt.kittycat.boo',
      }),
    ],
    [
      'version "Unknown"; a test for a service we do not know still counts in the score',
      4,
      entry({
        origin: 'https://dog.kittycat.boo',
        codebase: null,
        online: true,
        services: { youtube: true },
        score: 50,
        frontend: 'https://cobalt.kittycat.boo',
      }),
    ],
  ])('%s', (_label, index, expected) => {
    expect(result.entries[index]).toEqual(expected);
  });

  it.each<[string, Record<string, unknown>, string | null]>([
    ['a fork', { codebase: 'someone/cobalt-plus' }, 'someone/cobalt-plus'],
    ['`codebase` wins over the old `remote`', { codebase: 'a/one', remote: 'b/two' }, 'a/one'],
    ['a codebase that is not owner/repo', { codebase: 'latest' }, null],
    ['a retyped codebase', { codebase: 7 }, null],
  ])('codebase: %s', (_label, fields, codebase) => {
    const feed = { data: [{ api: 'api.fork.example', protocol: 'https', ...fields }] };
    const parsed = parseDirectoryTestsFeed(feed, 'directory');
    expect(parsed.ok && parsed.entries[0]?.codebase).toBe(codebase);
  });

  it.each([
    [
      'every test refused for want of a key → needs a key, no service verdicts',
      ['error.api.auth.key.missing', 'error.api.auth.key.missing'],
      [false, false],
      { needsKey: true as const, services: {}, score: 0 },
    ],
    [
      'a Turnstile instance refusing without a key (auth.jwt.missing) → needs a key',
      ['error.api.auth.jwt.missing'],
      [false],
      { needsKey: true as const, services: {}, score: 0 },
    ],
    [
      'one test passed → not keyed, its verdicts stand',
      ['error.api.auth.key.missing', 'tunnel'],
      [false, true],
      { services: { youtube: false, tiktok: true }, score: 50 },
    ],
    [
      'failures of another kind → not keyed',
      ['error.api.fetch.fail', 'error.api.auth.key.missing'],
      [false, false],
      { services: { youtube: false, tiktok: false }, score: 0 },
    ],
  ])('%s', (_label, messages, statuses, expected) => {
    const slugs = ['youtube', 'tiktok'];
    const tests = Object.fromEntries(
      messages.map((message, i) => [
        slugs[i],
        { status: statuses[i], message, friendly: slugs[i] },
      ]),
    );
    const feed = {
      data: [{ api: 'keyed.example', protocol: 'https', online: true, version: '11.7.1', tests }],
    };
    const parsed = parseDirectoryTestsFeed(feed, 'directory');
    if (!parsed.ok) throw new Error(parsed.error);
    expect(parsed.entries[0]).toEqual(
      entry({
        origin: 'https://keyed.example',
        version: '11.7.1',
        generation: 'v11',
        online: true,
        codebase: null,
        ...expected,
      }),
    );
  });

  it('reads the successor input list (23 https entries, no trust) without a drop', () => {
    const list = parseDirectoryTestsFeed(
      sampleJson('cobalt-directory_backend-instances_2026-05-04.json'),
      'directory',
    );
    expect(list.ok && list.entries.length).toBe(23);
    expect(list.ok && list.dropped).toEqual([]);
    expect(
      list.ok && list.entries.every((e) => e.trust === null && e.origin.startsWith('https://')),
    ).toBe(true);
  });

  it.each([
    [{ lastUpdatedUTC: '2026-05-04T00:00:00Z' }, 'The feed has no "data" list of instances'],
    [{ data: { youtube: [] } }, 'The feed has no "data" list of instances'],
    [42, 'The feed has no "data" list of instances'],
  ])('%j → error', (json, error) => {
    expect(parseDirectoryTestsFeed(json, 'directory')).toEqual({ ok: false, error });
  });
});

describe('parseDirectoryWorkingFeed (cobalt.directory /api/working)', () => {
  const result = parseDirectoryWorkingFeed(feedJson('directory-working.json'), 'directory');
  if (!result.ok) throw new Error(result.error);

  it('one entry per origin (3), drops counted across all address lists', () => {
    expect(result.format).toBe('directory-working');
    expect(result.entries.map((e) => e.origin)).toEqual([
      'https://api.qwkuns.me',
      'https://cobaltapi.cjs.nz',
      'https://dog.kittycat.boo',
    ]);
    expect(result.dropped).toEqual([
      { index: 5, reason: 'in "bluesky": "api" is not a valid host: "not a url"' },
      { index: 6, reason: 'in "bluesky": address is a number, not text' },
      { index: 7, reason: '"tiktok" is a string, not a list' },
    ]);
  });

  it.each([
    [
      'listed → works, tested but not listed → failed (case-folded duplicate merged)',
      0,
      entry({
        origin: 'https://api.qwkuns.me',
        online: true,
        services: { bsky: true, ok: false, twitch: true, youtube: true },
      }),
    ],
    [
      'youtube-music alone does not override the main youtube list',
      1,
      entry({
        origin: 'https://cobaltapi.cjs.nz',
        online: true,
        services: { bsky: false, ok: false, twitch: false, youtube: true },
      }),
    ],
    [
      'listed only for an unknown service: online, every known service failed',
      2,
      entry({
        origin: 'https://dog.kittycat.boo',
        online: true,
        services: { bsky: false, ok: false, twitch: false, youtube: false },
      }),
    ],
  ])('%s', (_label, index, expected) => {
    expect(result.entries[index]).toEqual(expected);
  });

  it.each([
    [[], 'The feed is not an object with a "data" map of services'],
    [{ data: [] }, '"data" must map services to addresses'],
    [{ lastUpdatedUTC: 'x' }, '"data" is missing'],
  ])('%j → error', (json, error) => {
    expect(parseDirectoryWorkingFeed(json, 'directory')).toEqual({ ok: false, error });
  });
});
