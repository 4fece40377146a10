import fc from 'fast-check';
import { z } from 'zod';
import { parseSettings } from '../../../lib/settings/parse-settings';
import { DEFAULT_SETTINGS, SettingsSchema } from '../../../lib/settings/schema';
import { API_KEY, FULL_SETTINGS } from './full-settings';
import { schemaNodes, type SchemaNode } from './schema-nodes';

const NODES = schemaNodes(SettingsSchema, { recordPlaceholder: '<service>', sampleKey: 'youtube' });

/** Values no settings leaf should accept in all cases; each leaf is tried with those it rejects. */
const GARBAGE: unknown[] = [
  'garbage ü',
  '',
  -1,
  1.5,
  1e12,
  Number.NaN,
  true,
  null,
  {},
  [],
  [1, 2],
  { nested: { deep: [null, { x: 1 }] } },
];

function pathOf(segments: readonly (string | number)[]): string {
  return segments.reduce<string>(
    (text, s) => (typeof s === 'number' ? `${text}[${s}]` : text ? `${text}.${s}` : s),
    '',
  );
}

function setAt(target: unknown, segments: readonly (string | number)[], value: unknown): void {
  let parent = target as Record<string | number, unknown>;
  for (const s of segments.slice(0, -1)) parent = parent[s] as Record<string | number, unknown>;
  const last = segments.at(-1)!;
  if (value === undefined) delete parent[last];
  else parent[last] = value;
}

function removeEntry(target: unknown, segments: readonly (string | number)[]): void {
  let parent = target as Record<string | number, unknown>;
  for (const s of segments.slice(0, -1)) parent = parent[s] as Record<string | number, unknown>;
  const last = segments.at(-1)!;
  if (Array.isArray(parent) && typeof last === 'number') parent.splice(last, 1);
  else delete parent[last];
}

/** What a node becomes when its value is garbage: its own default, or its entry removed. */
function expectedAfterCorruption(node: SchemaNode): unknown {
  const expected = structuredClone(FULL_SETTINGS);
  const fallback = z.safeParse(node.schema, undefined);
  if (fallback.success) setAt(expected, node.segments, fallback.data);
  else removeEntry(expected, node.segments.slice(0, node.entryDepth + 1));
  return expected;
}

function corrupt(segments: readonly (string | number)[], value: unknown): unknown {
  const raw = structuredClone(FULL_SETTINGS) as unknown;
  setAt(raw, segments, value);
  return raw;
}

describe('parseSettings', () => {
  it('gives the defaults, with nothing to report, when nothing is stored', () => {
    expect(parseSettings(undefined)).toEqual({ settings: DEFAULT_SETTINGS, replaced: [] });
  });

  it('keeps valid settings exactly, and parsing is idempotent', () => {
    const once = parseSettings(FULL_SETTINGS);
    expect(once).toEqual({ settings: FULL_SETTINGS, replaced: [] });
    expect(once.settings.myInstances[0]!.apiKey).toBe(API_KEY);
    expect(parseSettings(once.settings)).toEqual(once);
  });

  it('never shares structure with the defaults (callers may mutate what they get)', () => {
    const { settings } = parseSettings({});
    settings.sources.custom.push({ url: 'https://x.example/list.json', enabled: true });
    settings.download.videoQuality = 'max';
    expect(DEFAULT_SETTINGS.sources.custom).toEqual([]);
    expect(DEFAULT_SETTINGS.download.videoQuality).toBe('1080');
    expect(parseSettings({}).settings).toEqual(DEFAULT_SETTINGS);
  });

  it.each([
    ['null', null, 'settings: null is not an object; reset everything to defaults'],
    ['a string', 'x', 'settings: "x" is not an object; reset everything to defaults'],
    ['a number', 42, 'settings: 42 is not an object; reset everything to defaults'],
    ['a list', [1], 'settings: a list is not an object; reset everything to defaults'],
    ['a boolean', true, 'settings: true is not an object; reset everything to defaults'],
  ])('replaces the whole value only when it is not an object at all: %s', (_, raw, message) => {
    expect(parseSettings(raw)).toEqual({
      settings: DEFAULT_SETTINGS,
      replaced: [{ path: '', message }],
    });
  });

  it.each([
    [
      { download: { videoQuality: '9999' } },
      'download.videoQuality',
      'download.videoQuality: "9999" is not one of max, 4320, 2160, 1440, 1080, 720, 480, 360, 240, 144; reset to 1080',
    ],
    [
      { download: { audioBitrate: 500 } },
      'download.audioBitrate',
      'download.audioBitrate: 500 is not one of 320, 256, 128, 96, 64, 8; reset to 128',
    ],
    [
      { sources: { refreshMinutes: 5 } },
      'sources.refreshMinutes',
      'sources.refreshMinutes: 5 is below the minimum 15; reset to 60',
    ],
    [
      { fallback: { hedgeMs: 1e9 } },
      'fallback.hedgeMs',
      'fallback.hedgeMs: 1000000000 is above the maximum 30000; reset to 20000',
    ],
    [
      { probe: { concurrency: 2.5 } },
      'probe.concurrency',
      'probe.concurrency: 2.5 is not a whole number; reset to 8',
    ],
    [{ saveAs: 'yes' }, 'saveAs', 'saveAs: "yes" is not true or false; reset to false'],
    [{ trust: 'strict' }, 'trust', 'trust: "strict" is not an object; reset to its defaults'],
    [
      { pinned: 'a.example' },
      'pinned',
      'pinned: "a.example" is not a list; reset to an empty list',
    ],
    [
      { download: { youtubeDubLang: 'not a language' } },
      'download.youtubeDubLang',
      'download.youtubeDubLang: "not a language" is not empty or a language code of 2–8 letters, digits or -; reset to (empty)',
    ],
    [
      { myInstances: [{ origin: 'not an address' }] },
      'myInstances[0].origin',
      'myInstances[0].origin: "not an address" is not an http(s) address; removed myInstances[0]',
    ],
    [
      { sources: { custom: [{ url: 'ftp://lists.example/x.json' }] } },
      'sources.custom[0].url',
      'sources.custom[0].url: "ftp://lists.example/x.json" is not an http(s) URL; removed sources.custom[0]',
    ],
    [
      { serviceOverrides: { myspace: { videoQuality: '720' } } },
      'serviceOverrides.myspace',
      expect.stringMatching(
        /^serviceOverrides\.myspace: "myspace" is not one of bilibili, .*; removed$/,
      ),
    ],
    [
      { serviceOverrides: { youtube: { audioFormat: 'flac' } } },
      'serviceOverrides.youtube.audioFormat',
      'serviceOverrides.youtube.audioFormat: "flac" is not one of best, mp3, ogg, wav, opus; removed',
    ],
  ])('reports %j at %s in plain words', (raw, path, message) => {
    const { replaced } = parseSettings(raw);
    expect(replaced).toEqual([{ path, message }]);
  });

  it('keeps the first entries of a list that is too long, and says so', () => {
    const blocked = Array.from({ length: 501 }, (_, i) => `https://h${i}.example`);
    const { settings, replaced } = parseSettings({ blocked });
    expect(settings.blocked).toEqual(blocked.slice(0, 500));
    expect(replaced).toEqual([
      {
        path: 'blocked',
        message: 'blocked: has 501 entries, more than the 500 allowed; kept the first 500',
      },
    ]);
  });

  it('drops one bad list entry and keeps the others in order', () => {
    const { settings, replaced } = parseSettings({
      pinned: ['https://a.example', 42, 'https://b.example'],
    });
    expect(settings.pinned).toEqual(['https://a.example', 'https://b.example']);
    expect(replaced).toEqual([
      { path: 'pinned[1]', message: 'pinned[1]: 42 is not text; removed' },
    ]);
  });

  it('tidies addresses as it reads them, without calling that a replacement', () => {
    const { settings, replaced } = parseSettings({
      pinned: ['  Cobalt.Example/path?q=1 '],
      myInstances: [{ origin: 'http://Self.Example:9000/' }],
    });
    expect(settings.pinned).toEqual(['https://cobalt.example']);
    expect(settings.myInstances).toEqual([{ origin: 'http://self.example:9000' }]);
    expect(replaced).toEqual([]);
  });

  it('drops unknown keys silently (they change nothing; imports warn about them instead)', () => {
    const { settings, replaced } = parseSettings({
      ...FULL_SETTINGS,
      theme: 'dark',
      download: { ...FULL_SETTINGS.download, twitterGif: true },
    });
    expect(settings).toEqual(FULL_SETTINGS);
    expect(replaced).toEqual([]);
  });

  it('never shows an API key in a message', () => {
    const secret = 'ABCDEF00-SECRET-0000-0000-000000000000';
    const { settings, replaced } = parseSettings({
      myInstances: [{ origin: 'https://a.example', apiKey: secret }],
    });
    expect(settings.myInstances).toEqual([{ origin: 'https://a.example' }]);
    expect(replaced).toHaveLength(1);
    expect(replaced[0]!.path).toBe('myInstances[0].apiKey');
    expect(replaced[0]!.message).not.toContain('SECRET');
    expect(replaced[0]!.message).toMatch(
      /^myInstances\[0\]\.apiKey: the value is not a lowercase UUID/,
    );
  });

  describe('sweep: garbage in one leaf replaces that leaf alone, and reports it once', () => {
    const cases = NODES.filter((node) => node.kind === 'leaf').flatMap((node) =>
      GARBAGE.filter((value) => !z.safeParse(node.schema, value).success).map(
        (value) =>
          [pathOf(node.segments), JSON.stringify(value) ?? String(value), node, value] as const,
      ),
    );

    it('covers every leaf of the schema', () => {
      const swept = new Set(cases.map(([path]) => path));
      const leaves = NODES.filter((node) => node.kind === 'leaf').map((n) => pathOf(n.segments));
      expect([...swept].sort()).toEqual([...new Set(leaves)].sort());
      expect(leaves.length).toBeGreaterThanOrEqual(60);
    });

    it.each(cases)('%s ← %s', (path, _shown, node, value) => {
      const { settings, replaced } = parseSettings(corrupt(node.segments, value));
      expect(settings).toEqual(expectedAfterCorruption(node));
      expect(replaced).toHaveLength(1);
      expect(replaced[0]!.path).toBe(path);
      expect(replaced[0]!.message).toMatch(new RegExp(`^${escape(path)}: .+; (reset|removed)`));
    });
  });

  describe('sweep: garbage in place of a container replaces that container alone', () => {
    const containers = NODES.filter((node) => node.kind !== 'leaf');

    it('covers the containers', () => {
      expect(containers.map((n) => n.docPath)).toEqual(
        expect.arrayContaining([
          'sources',
          'sources.custom',
          'sources.custom[]',
          'myInstances[]',
          'download',
          'serviceOverrides',
          'serviceOverrides.<service>',
          'notifications',
        ]),
      );
    });

    it.each(containers.map((node) => [pathOf(node.segments), node] as const))(
      '%s',
      (path, node) => {
        const { settings, replaced } = parseSettings(corrupt(node.segments, 'garbage'));
        expect(settings).toEqual(expectedAfterCorruption(node));
        expect(replaced).toHaveLength(1);
        expect(replaced[0]!.path).toBe(path);
      },
    );
  });

  describe('never throws, whatever is stored', () => {
    it.each([
      [
        'deeply nested garbage',
        { sources: { custom: [[[[[[{}]]]]]] }, download: { a: { b: { c: {} } } } },
      ],
      [
        'a prototype-polluting key',
        JSON.parse(
          '{"__proto__": {"saveAs": true}, "serviceOverrides": {"__proto__": {"videoQuality": "720"}}}',
        ),
      ],
      ['an object without a prototype', Object.assign(Object.create(null), { saveAs: true })],
      ['a bigint and a symbol', { saveAs: 10n, probe: { enabled: Symbol('x') } }],
      ['a function', { download: () => 1 }],
      [
        'a cycle',
        (() => {
          const o: Record<string, unknown> = { saveAs: true };
          o.sources = o;
          return o;
        })(),
      ],
      [
        'a getter that throws',
        Object.defineProperty({}, 'saveAs', {
          enumerable: true,
          get() {
            throw new Error('boom');
          },
        }),
      ],
    ])('%s', (_, raw) => {
      const { settings } = parseSettings(raw);
      expect(SettingsSchema.safeParse(settings).success).toBe(true);
      expect(({} as Record<string, unknown>).videoQuality).toBeUndefined();
      expect(Object.getPrototypeOf(settings.serviceOverrides)).toBe(Object.prototype);
    });

    it('for any JSON-like value, the result is valid settings', () => {
      fc.assert(
        fc.property(fc.anything({ maxDepth: 4 }), (raw) => {
          const { settings, replaced } = parseSettings(raw);
          expect(SettingsSchema.safeParse(settings).success).toBe(true);
          for (const entry of replaced) expect(entry.message.length).toBeGreaterThan(0);
        }),
        { numRuns: 300 },
      );
    });

    it('for settings with random fields replaced, valid fields survive', () => {
      const keys = Object.keys(FULL_SETTINGS) as (keyof typeof FULL_SETTINGS)[];
      fc.assert(
        fc.property(fc.constantFrom(...keys), fc.anything({ maxDepth: 2 }), (key, value) => {
          const { settings } = parseSettings({ ...FULL_SETTINGS, [key]: value });
          for (const other of keys.filter((k) => k !== key)) {
            expect(settings[other]).toEqual(FULL_SETTINGS[other]);
          }
        }),
        { numRuns: 200 },
      );
    });
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
