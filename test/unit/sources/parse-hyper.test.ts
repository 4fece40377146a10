import type { SourceEntry } from '../../../lib/instances/instance';
import { parseHyperFeed } from '../../../lib/sources/parse-hyper';
import { feedJson, sampleJson } from './feed-fixtures';

function parse(json: unknown) {
  const result = parseHyperFeed(json, 'hyper');
  if (!result.ok) throw new Error(result.error);
  return result;
}

const entry = (fields: Partial<SourceEntry> & { origin: string }): SourceEntry => ({
  source: 'hyper',
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

describe('parseHyperFeed: fixtures of every schema generation (docs/cobalt-api.md §6.1)', () => {
  it.each([
    ['hyper-2023-12-url-status.json', 2, []],
    ['hyper-2024-04-api-status.json', 3, []],
    ['hyper-2024-05-services.json', 3, []],
    ['hyper-2024-08-trust.json', 4, []],
    ['hyper-2024-10-final.json', 5, []],
    ['hyper-keyed-results-2025.json', 2, []],
    [
      'hyper-bad-entries.json',
      3,
      [
        [1, '"api" is missing'],
        [2, '"api" must be text'],
        [3, 'entry is null, not an object'],
        [4, 'entry is a string, not an object'],
        [5, '"api" uses an unsupported scheme: "ftp://files.example.com"'],
        [6, '"api" is not a valid host: "https://"'],
        [7, '"api" is not a valid host: "bad host.example.com"'],
        [8, '"api" is empty'],
        [9, '"protocol" must be http or https, not "gopher"'],
        [12, 'entry is a list, not an object'],
        [13, '"api" contains credentials: "user:pw@creds.example.com"'],
        [14, '"api" is not a valid host: "-bad-.example.com"'],
        [15, '"protocol" must be text'],
      ],
    ],
  ] as const)('%s: %i usable, drops recorded', (name, usable, drops) => {
    const result = parse(feedJson(name));
    expect(result.format).toBe('hyper');
    expect(result.entries).toHaveLength(usable);
    expect(result.dropped.map(({ index, reason }) => [index, reason])).toEqual(drops);
    expect(result.entries.every((e) => e.source === 'hyper')).toBe(true);
  });

  it.each([
    [
      '2023-12: `url` + `status`, a URL with a path',
      'hyper-2023-12-url-status.json',
      0,
      entry({
        origin: 'https://co.wuk.sh',
        version: '7.6',
        generation: 'v7',
        online: true,
        frontend: 'https://cobalt.tools',
      }),
    ],
    [
      '2023-12 offline: "Offline" version, "None" frontend',
      'hyper-2023-12-url-status.json',
      1,
      entry({ origin: 'https://cobalt.hyper.lol', online: false }),
    ],
    [
      '2024-04: `api_status`, no protocol (https assumed), cors as a bool',
      'hyper-2024-04-api-status.json',
      0,
      entry({
        origin: 'https://co.wuk.sh',
        version: '7.11',
        generation: 'v7',
        online: true,
        frontend: 'https://cobalt.tools',
      }),
    ],
    [
      '2024-04: port kept, name/commit missing',
      'hyper-2024-04-api-status.json',
      2,
      entry({
        origin: 'https://api.c0ba.lt:9000',
        version: '7.10',
        generation: 'v7',
        online: true,
        frontend: 'https://c0ba.lt',
      }),
    ],
    [
      '2024-05: offline with score -1 and keys dropped by org.json',
      'hyper-2024-05-services.json',
      1,
      entry({ origin: 'https://cobalt-api.example-gone.net', online: false }),
    ],
    [
      '2024-05: http IP host, main youtube result beats music/shorts, ok.ru / vk.com',
      'hyper-2024-05-services.json',
      2,
      entry({
        origin: 'http://31.220.77.64:9000',
        version: '7.13-dev',
        generation: 'v7',
        online: true,
        services: { ok: false, tiktok: true, vk: true, youtube: false },
        score: 52.63157894736842,
        frontend: 'https://31.220.77.64:9001',
      }),
    ],
    [
      '2024-08: not_safe label',
      'hyper-2024-08-trust.json',
      1,
      entry({
        origin: 'https://cobalt.shady.example',
        version: '7.15',
        generation: 'v7',
        trust: 'not_safe',
        online: true,
        services: { tiktok: true, youtube: true },
        score: 100,
      }),
    ],
    [
      '2024-08: trust "offline", version "Offline", score -1',
      'hyper-2024-08-trust.json',
      2,
      entry({
        origin: 'https://capi.oak.li',
        trust: 'offline',
        online: false,
        frontend: 'https://c.oak.li',
      }),
    ],
    [
      '2024-10: curved score over 100 is clamped, secondary youtube failures ignored',
      'hyper-2024-10-final.json',
      0,
      entry({
        origin: 'https://cobalt-backend.canine.tools',
        version: '10.1.0',
        generation: 'v10',
        trust: 'safe',
        online: true,
        turnstile: false,
        services: {
          bsky: true,
          loom: true,
          ok: false,
          tiktok: true,
          twitch: true,
          vk: true,
          youtube: true,
        },
        score: 100,
        frontend: 'https://cobalt.canine.tools',
      }),
    ],
    [
      '2024-10: turnstile',
      'hyper-2024-10-final.json',
      1,
      entry({
        origin: 'https://api.cobalt.tools',
        version: '10.1.0',
        generation: 'v10',
        trust: 'safe',
        online: true,
        turnstile: true,
        services: { tiktok: false, twitter: false, youtube: false },
        score: 4.166666666666667,
        frontend: 'https://cobalt.tools',
      }),
    ],
    [
      '2024-10: IPv6 host, version "Unknown"',
      'hyper-2024-10-final.json',
      4,
      entry({
        origin: 'http://[2001:db8::7]:9000',
        trust: 'unknown',
        online: true,
        turnstile: false,
        services: { youtube: true },
        score: 33.333333333333336,
      }),
    ],
    [
      'host-keyed results map: the key supplies `api`',
      'hyper-keyed-results-2025.json',
      0,
      entry({
        origin: 'https://cobalt.alpha.wolfy.love',
        version: '11.2.1',
        generation: 'v11',
        online: true,
        turnstile: false,
        services: { twitch: true, youtube: true },
        score: 95,
        frontend: 'https://cobalt.canine.tools',
      }),
    ],
    [
      'path, query and fragment dropped; scheme and host lowercased',
      'hyper-bad-entries.json',
      1,
      entry({ origin: 'https://path.example.com:8443' }),
    ],
    [
      'wrong-typed fields read as unknown; a numeric trust is never "no data"',
      'hyper-bad-entries.json',
      2,
      entry({
        origin: 'https://types.example.com',
        version: '10.2',
        generation: 'v10',
        trust: 'unknown',
        online: true,
      }),
    ],
  ])('%s', (_label, name, index, expected) => {
    expect(parse(feedJson(name)).entries[index]).toEqual(expected);
  });
});

describe('parseHyperFeed: the documented example objects (samples/, each wrapped in a list)', () => {
  const allTrue = (keys: string[]) => Object.fromEntries(keys.map((key) => [key, true]));

  it.each([
    [
      'v7.13 (2024-05): `ok.ru` / `vk.com`, no trust, failing youtube_music does not hide youtube',
      'instances-hyper-lol_example_v7.13_2024-05-06.json',
      entry({
        origin: 'https://co.wuk.sh',
        version: '7.13',
        generation: 'v7',
        online: true,
        services: allTrue([
          'bilibili',
          'dailymotion',
          'instagram',
          'ok',
          'pinterest',
          'reddit',
          'rutube',
          'soundcloud',
          'streamable',
          'tiktok',
          'tumblr',
          'twitch',
          'twitter',
          'vimeo',
          'vk',
          'youtube',
        ]),
        score: 94.73684210526315,
        frontend: 'https://cobalt.tools',
      }),
    ],
    [
      'v7.15 (2024-08): trust, `odnoklassniki` / `vk`, vine skipped',
      'instances-hyper-lol_example_v7.15_2024-08-21.json',
      entry({
        origin: 'https://api.cobalt.tools',
        version: '7.15',
        generation: 'v7',
        trust: 'safe',
        online: true,
        services: {
          ...allTrue([
            'dailymotion',
            'instagram',
            'loom',
            'ok',
            'pinterest',
            'reddit',
            'rutube',
            'snapchat',
            'soundcloud',
            'streamable',
            'tiktok',
            'tumblr',
            'twitch',
            'twitter',
            'vimeo',
            'vk',
            'youtube',
          ]),
          bilibili: false,
          facebook: false,
        },
        score: 90.9090909090909,
        frontend: 'https://cobalt.tools',
      }),
    ],
    [
      'v10.0 (2024-10): the `sevices` typo is read, name "N/A", 6-char commit',
      'instances-hyper-lol_example_v10.0_2024-10-06.json',
      entry({
        origin: 'https://cobalt-backend.canine.tools',
        version: '10.0.0',
        generation: 'v10',
        trust: 'safe',
        online: true,
        services: {
          ...allTrue([
            'bsky',
            'dailymotion',
            'facebook',
            'instagram',
            'loom',
            'ok',
            'pinterest',
            'reddit',
            'rutube',
            'snapchat',
            'soundcloud',
            'streamable',
            'tiktok',
            'tumblr',
            'twitch',
            'twitter',
            'vimeo',
            'vk',
            'youtube',
          ]),
          bilibili: false,
        },
        score: 95.83333333333334,
        frontend: 'https://cobalt.canine.tools',
      }),
    ],
  ])('%s', (_label, sample, expected) => {
    const result = parse([sampleJson(sample)]);
    expect(result.dropped).toEqual([]);
    expect(result.entries).toEqual([expected]);
  });

  it('the final input list (162 entries, trust column) parses without a drop', () => {
    const result = parse(sampleJson('cobalttester_backend-instances_2024-10-16.json'));
    expect(result.entries).toHaveLength(162);
    expect(result.dropped).toEqual([]);
  });
});

describe('parseHyperFeed: containers', () => {
  it.each([
    [null, 'The feed is not a list of instances'],
    ['instances', 'The feed is not a list of instances'],
    [{ data: 'x' }, 'The feed is not a list of instances'],
  ])('%j → error', (json, error) => {
    expect(parseHyperFeed(json, 'hyper')).toEqual({ ok: false, error });
  });
});
