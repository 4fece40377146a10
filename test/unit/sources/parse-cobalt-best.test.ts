import type { SourceEntry } from '../../../lib/instances/instance';
import { parseCobaltBestFeed } from '../../../lib/sources/parse-cobalt-best';
import { feedJson } from './feed-fixtures';

const entry = (fields: Partial<SourceEntry> & { origin: string }): SourceEntry => ({
  source: 'cobalt-best',
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

function parse(name: string) {
  const result = parseCobaltBestFeed(feedJson(name), 'cobalt-best');
  if (!result.ok) throw new Error(result.error);
  return result;
}

describe('parseCobaltBestFeed (instances.cobalt.best, docs/cobalt-api.md §6.3)', () => {
  it.each([
    [
      'cobalt-best-old.json',
      3,
      [
        { index: 3, reason: '"api" is missing' },
        { index: 4, reason: '"api" is not a valid host: "https://"' },
      ],
    ],
    [
      'cobalt-best-new.json',
      5,
      [
        { index: 5, reason: 'entry is null, not an object' },
        { index: 6, reason: '"protocol" must be http or https, not "ftp"' },
        { index: 7, reason: '"api" must be text' },
      ],
    ],
  ])('%s: %i usable, drops recorded', (name, usable, dropped) => {
    const result = parse(name);
    expect(result.format).toBe('cobalt-best');
    expect(result.entries).toHaveLength(usable);
    expect(result.dropped).toEqual(dropped);
  });

  it.each([
    [
      'old feed: `online` object, trust 100 → safe',
      'cobalt-best-old.json',
      0,
      entry({
        origin: 'https://cobalt-backend.canine.tools',
        version: '10.5.4',
        generation: 'v10',
        trust: 'safe',
        online: true,
        services: { ok: true, tiktok: true, twitch: false, youtube: true },
        score: 96,
        frontend: 'https://cobalt.canine.tools',
      }),
    ],
    [
      'old feed: `nodomain` IP entry, `online.api` false, trust 50 → unknown, null frontend',
      'cobalt-best-old.json',
      1,
      entry({ origin: 'http://203.0.113.7:9000', trust: 'unknown', online: false, score: 0 }),
    ],
    [
      'old feed: trust 0 → not_safe, frontend "None"',
      'cobalt-best-old.json',
      2,
      entry({
        origin: 'https://cobalt.shady.example',
        version: '7.15',
        generation: 'v7',
        trust: 'not_safe',
        online: true,
        services: { vk: false, youtube: true },
        score: 40,
      }),
    ],
    [
      'new feed: boolean `online`, trust 85, services of any type',
      'cobalt-best-new.json',
      0,
      entry({
        origin: 'https://cobalt-backend.canine.tools',
        version: '11.7.1',
        generation: 'v11',
        trust: 'safe',
        online: true,
        services: {
          instagram: false,
          reddit: true,
          tiktok: true,
          twitch: true,
          twitter: false,
          youtube: true,
        },
        score: 100,
        frontend: 'https://cobalt.canine.tools',
      }),
    ],
    [
      'new feed: offline, trust 60 → unknown',
      'cobalt-best-new.json',
      1,
      entry({ origin: 'https://capi.oak.li', trust: 'unknown', online: false, score: 0 }),
    ],
    [
      'new feed: trust as a string "80", score 120 clamped, frontend given as a URL, "v" version',
      'cobalt-best-new.json',
      2,
      entry({
        origin: 'https://api.cobalt.blackcat.sweeux.org',
        version: 'v11.2',
        generation: 'v11',
        trust: 'safe',
        online: true,
        services: { youtube: true },
        score: 100,
        frontend: 'https://cobalt.blackcat.sweeux.org',
      }),
    ],
    [
      'new feed: negative trust → not_safe',
      'cobalt-best-new.json',
      3,
      entry({
        origin: 'https://cobalt.wither.ing',
        version: '10.9.4',
        generation: 'v10',
        trust: 'not_safe',
        online: true,
        services: { youtube: false },
        score: 70,
        frontend: 'https://cobalt.wither.ing',
      }),
    ],
    [
      'new feed: trust null → no trust data (merged as listed)',
      'cobalt-best-new.json',
      4,
      entry({
        origin: 'https://nulltrust.example.com',
        version: '11.0.2',
        generation: 'v11',
        online: true,
        score: 55,
      }),
    ],
  ])('%s', (_label, name, index, expected) => {
    expect(parse(name).entries[index]).toEqual(expected);
  });

  it.each([
    [
      'consumers reading `url` and a `status` string',
      { url: 'https://alt.example.com', status: 'online', trust: 90 },
      entry({ origin: 'https://alt.example.com', trust: 'safe', online: true }),
    ],
    [
      '`online` object without `api` falls back to `status`',
      { api: 'alt.example.com', online: { frontend: true }, status: 'offline' },
      entry({ origin: 'https://alt.example.com', online: false }),
    ],
    [
      'a `{data: [...]}` envelope',
      { api: 'env.example.com', online: true, turnstile: true },
      entry({ origin: 'https://env.example.com', online: true, turnstile: true }),
    ],
  ])('%s', (_label, item, expected) => {
    const result = parseCobaltBestFeed({ data: [item] }, 'cobalt-best');
    expect(result.ok && result.entries).toEqual([expected]);
  });
});
