import type { Instance, SourceEntry, SourceId } from '../../../lib/instances/instance';
import { compareSources, mergeEntries, sourceRank } from '../../../lib/instances/merge-entries';
import { parseFeed } from '../../../lib/sources/parse-feed';
import { feedText } from './feed-fixtures';

const ORIGIN = 'https://cobalt.example.com';

const entry = (source: SourceId, fields: Partial<SourceEntry> = {}): SourceEntry => ({
  source,
  origin: ORIGIN,
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

function mergeOne(entries: SourceEntry[]): Instance {
  const [instance, ...rest] = mergeEntries(entries);
  expect(rest).toEqual([]);
  if (!instance) throw new Error('no instance');
  return instance;
}

describe('mergeEntries: trust (most pessimistic label wins)', () => {
  it.each([
    [
      'not_safe from any source beats safe',
      [entry('hyper', { trust: 'safe' }), entry('cobalt-best', { trust: 'not_safe' })],
      'not_safe',
      'cobalt-best',
    ],
    [
      'unknown beats safe',
      [entry('hyper', { trust: 'safe' }), entry('custom:https://l.example', { trust: 'unknown' })],
      'unknown',
      'custom:https://l.example',
    ],
    [
      'a bundled label counts when no live source has one',
      [entry('directory'), entry('bundled', { trust: 'safe' })],
      'safe',
      'bundled',
    ],
    [
      'no trust data anywhere → listed (first source by precedence)',
      [entry('bundled'), entry('directory')],
      'listed',
      'directory',
    ],
    [
      'offline and no label, not online → offline',
      [entry('hyper', { trust: 'offline', online: false })],
      'offline',
      'hyper',
    ],
    [
      'offline but another source sees it online → listed',
      [entry('hyper', { trust: 'offline', online: false }), entry('directory', { online: true })],
      'listed',
      'directory',
    ],
    [
      'offline hides hyper’s label; the bundled label survives',
      [entry('hyper', { trust: 'offline', online: false }), entry('bundled', { trust: 'safe' })],
      'safe',
      'bundled',
    ],
    [
      'not_safe beats offline',
      [entry('hyper', { trust: 'offline' }), entry('bundled', { trust: 'not_safe' })],
      'not_safe',
      'bundled',
    ],
  ] as const)('%s', (_label, entries, trust, source) => {
    const instance = mergeOne([...entries]);
    expect(instance.trust).toBe(trust);
    expect(instance.provenance.trust).toBe(source);
  });
});

describe('mergeEntries: fresh facts (first source by precedence with a value)', () => {
  it.each([
    [
      'online: directory beats hyper',
      [entry('hyper', { online: true }), entry('directory', { online: false })],
      { online: false },
      { online: 'directory' },
    ],
    [
      'online: a live tracker beats bundled null',
      [entry('bundled'), entry('hyper', { online: true })],
      { online: true },
      { online: 'hyper' },
    ],
    [
      'version and generation travel together',
      [
        entry('hyper', { version: '10.0.0', generation: 'v10' }),
        entry('cobalt-best', { version: '11.7.1', generation: 'v11' }),
      ],
      { version: '11.7.1', generation: 'v11' },
      { version: 'cobalt-best' },
    ],
    [
      'a source without a version does not erase one',
      [entry('directory', { online: true }), entry('hyper', { version: '7.15', generation: 'v7' })],
      { version: '7.15', generation: 'v7' },
      { version: 'hyper', online: 'directory' },
    ],
    [
      'score and frontend',
      [
        entry('bundled', { frontend: 'https://old.example.com' }),
        entry('cobalt-best', { score: 96 }),
        entry('hyper', { score: 100, frontend: 'https://fe.example.com' }),
      ],
      { score: 96, frontend: 'https://fe.example.com' },
      { score: 'cobalt-best', frontend: 'hyper' },
    ],
    [
      'custom lists rank after the built-in trackers, before bundled',
      [
        entry('bundled', { score: 1 }),
        entry('custom:https://l.example', { score: 50 }),
        entry('hyper', { score: null }),
      ],
      { score: 50 },
      { score: 'custom:https://l.example' },
    ],
    [
      'turnstile: true from any source wins',
      [entry('directory', { turnstile: false }), entry('hyper', { turnstile: true })],
      { turnstile: true },
      { turnstile: 'hyper' },
    ],
    [
      'turnstile: false when nobody says true',
      [entry('directory'), entry('hyper', { turnstile: false })],
      { turnstile: false },
      { turnstile: 'hyper' },
    ],
  ] as const)('%s', (_label, entries, fields, provenance) => {
    const instance = mergeOne([...entries]);
    expect(instance).toMatchObject(fields);
    expect(instance.provenance).toMatchObject(provenance);
  });

  it('nothing known → all null, no provenance but trust', () => {
    expect(mergeOne([entry('bundled')])).toEqual({
      origin: ORIGIN,
      generation: 'unknown',
      version: null,
      trust: 'listed',
      online: null,
      turnstile: null,
      score: null,
      frontend: null,
      services: {},
      provenance: { trust: 'bundled' },
      sources: ['bundled'],
    });
  });
});

describe('mergeEntries: needsKey (any source that saw "a key is missing")', () => {
  it.each([
    ['one source says so', [entry('directory', { needsKey: true })], true],
    ['one of two sources says so', [entry('hyper'), entry('directory', { needsKey: true })], true],
    ['no source says so: absent', [entry('hyper'), entry('directory')], undefined],
    ['a single source that says nothing: absent', [entry('directory')], undefined],
  ])('%s', (_label, entries, expected) => {
    expect(mergeOne(entries).needsKey).toBe(expected);
  });
});

describe('mergeEntries: services (a live tracker result beats older ones, per service)', () => {
  it('takes each service from the first source that has it, recording the source', () => {
    const instance = mergeOne([
      entry('bundled'),
      entry('hyper', { services: { youtube: true, tiktok: true } }),
      entry('directory', { services: { youtube: false } }),
      entry('custom:https://l.example', { services: { vk: true } }),
    ]);
    expect(instance.services).toEqual({
      tiktok: { ok: true, source: 'hyper' },
      vk: { ok: true, source: 'custom:https://l.example' },
      youtube: { ok: false, source: 'directory' },
    });
    expect(instance.sources).toEqual(['directory', 'hyper', 'custom:https://l.example', 'bundled']);
  });
});

describe('mergeEntries: grouping and determinism', () => {
  const entries = [
    entry('hyper', { origin: 'https://b.example.com', trust: 'safe' }),
    entry('directory', { origin: 'https://a.example.com', online: true }),
    entry('bundled', { origin: 'https://b.example.com', trust: 'unknown' }),
    entry('cobalt-best', { origin: 'http://c.example.com:9000', score: 10 }),
  ];

  it('one instance per origin, sorted by origin', () => {
    expect(mergeEntries(entries).map((instance) => [instance.origin, instance.trust])).toEqual([
      ['http://c.example.com:9000', 'listed'],
      ['https://a.example.com', 'listed'],
      ['https://b.example.com', 'unknown'],
    ]);
  });

  it('does not depend on input order', () => {
    const reversed = mergeEntries([...entries].reverse());
    expect(reversed).toEqual(mergeEntries(entries));
  });

  it('two entries from one source for one origin: the first in feed order wins', () => {
    const instance = mergeOne([entry('hyper', { score: 10 }), entry('hyper', { score: 20 })]);
    expect(instance.score).toBe(10);
    expect(instance.sources).toEqual(['hyper']);
  });

  it.each([
    ['directory', 'cobalt-best', -1],
    ['cobalt-best', 'hyper', -1],
    ['hyper', 'custom:https://a.example', -1],
    ['custom:https://a.example', 'custom:https://b.example', -1],
    ['custom:https://b.example', 'user', -1],
    ['user', 'bundled', -1],
    ['bundled', 'directory', 1],
    ['hyper', 'hyper', 0],
  ] as const)('compareSources(%s, %s) has sign %i', (a, b, sign) => {
    expect(Math.sign(compareSources(a, b))).toBe(sign);
  });

  it('ranks an unforeseen id last', () => {
    expect(sourceRank('elsewhere' as SourceId)).toBeGreaterThan(sourceRank('bundled'));
  });
});

describe('mergeEntries over real fixture feeds', () => {
  function entriesOf(name: string, source: SourceId) {
    const result = parseFeed(feedText(name), source);
    if (!result.ok) throw new Error(result.error);
    return result.entries;
  }

  it('hyper + cobalt.best + directory fold into one model with provenance', () => {
    const merged = mergeEntries([
      ...entriesOf('hyper-2024-10-final.json', 'hyper'),
      ...entriesOf('cobalt-best-new.json', 'cobalt-best'),
      ...entriesOf('directory-tests.json', 'directory'),
    ]);
    const byOrigin = new Map(merged.map((instance) => [instance.origin, instance]));
    // 5 + 5 + 5 entries, two origins shared between hyper and cobalt.best.
    expect(merged).toHaveLength(13);

    const canine = byOrigin.get('https://cobalt-backend.canine.tools');
    expect(canine).toMatchObject({
      version: '11.7.1',
      generation: 'v11',
      trust: 'safe',
      turnstile: false,
      provenance: { version: 'cobalt-best', online: 'cobalt-best', turnstile: 'hyper' },
      sources: ['cobalt-best', 'hyper'],
    });
    expect(canine?.services.bsky).toEqual({ ok: true, source: 'hyper' });
    expect(canine?.services.twitter).toEqual({ ok: false, source: 'cobalt-best' });

    // hyper says offline; cobalt.best (fresher) says online but distrusts it.
    expect(byOrigin.get('https://cobalt.wither.ing')).toMatchObject({
      online: true,
      trust: 'not_safe',
      provenance: { online: 'cobalt-best', trust: 'cobalt-best' },
    });
    expect(byOrigin.get('https://kityune.imput.net')).toMatchObject({
      trust: 'listed',
      turnstile: true,
    });
  });
});

describe('mergeEntries: one source per origin (fast path) agrees with the general merge', () => {
  // The same entry listed twice by one source goes through the general precedence pass (first
  // one wins on ties), and must give exactly what the single entry gives.
  it.each([
    ['all null', entry('hyper')],
    [
      'every field set',
      entry('cobalt-best', {
        version: '11.7.1',
        generation: 'v11',
        trust: 'safe',
        online: true,
        turnstile: false,
        services: { youtube: true, bilibili: false, tiktok: true },
        score: 88,
        frontend: 'https://front.example.com',
      }),
    ],
    ['offline label, online unknown', entry('hyper', { trust: 'offline' })],
    ['offline label, online false', entry('hyper', { trust: 'offline', online: false })],
    ['offline label, but online', entry('hyper', { trust: 'offline', online: true })],
    ['listed', entry('custom:https://l.example', { trust: 'listed', turnstile: true })],
    ['generation without version', entry('user', { generation: 'v10' })],
    [
      'services in unsorted order',
      entry('bundled', { services: { youtube: false, bsky: true, dailymotion: true } }),
    ],
  ])('%s', (_label, single) => {
    const alone = mergeOne([single]);
    expect(alone).toEqual(mergeOne([single, { ...single }]));
    expect(Object.keys(alone.services)).toEqual(Object.keys(alone.services).sort());
  });
});

describe('mergeEntries: codebase', () => {
  it.each<[string, SourceEntry[], string | undefined, SourceId | undefined]>([
    ['one source naming it', [entry('directory', { codebase: 'a/fork' })], 'a/fork', 'directory'],
    ['one source without it', [entry('hyper')], undefined, undefined],
    [
      'the first source by precedence that names one',
      [
        entry('bundled', { codebase: 'old/name' }),
        entry('hyper'),
        entry('directory', { codebase: 'new/name' }),
      ],
      'new/name',
      'directory',
    ],
    [
      'a source saying null names none',
      [entry('directory', { codebase: null }), entry('bundled', { codebase: 'imputnet/cobalt' })],
      'imputnet/cobalt',
      'bundled',
    ],
  ])('%s', (_label, entries, codebase, source) => {
    const merged = mergeOne(entries);
    expect(merged.codebase).toBe(codebase);
    expect(merged.provenance.codebase).toBe(source);
  });
});
