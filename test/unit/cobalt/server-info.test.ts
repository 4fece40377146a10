import { parseServerInfo, type ServerInfo } from '../../../lib/cobalt/server-info';
import { loadTranscripts } from '../../support/cobalt-server/transcripts';

const ALL_21 = [
  'bilibili',
  'bsky',
  'dailymotion',
  'facebook',
  'instagram',
  'loom',
  'ok',
  'pinterest',
  'newgrounds',
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
];

const info = (body: unknown): ServerInfo => {
  const parsed = parseServerInfo(body);
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.info;
};

describe('parseServerInfo', () => {
  const roots = loadTranscripts().filter(
    (t) => t.request.path === '/' && t.request.method === 'GET',
  );

  it.each(roots.map((t) => [t.case, t.response.body] as const))('real %s', (_name, body) => {
    expect(info(body)).toEqual({
      generation: 'v11',
      version: '11.7.1',
      services: ALL_21,
      unknownServices: [],
      turnstile: false,
      durationLimitSeconds: null,
    });
  });

  it.each<[string, unknown, Partial<ServerInfo>]>([
    [
      'turnstile',
      {
        cobalt: {
          version: '11.7.1',
          url: 'https://x/',
          startTime: '1',
          turnstileSitekey: '0x4AAA',
          services: ['youtube'],
        },
      },
      { generation: 'v11', turnstile: true, services: ['youtube'] },
    ],
    [
      'empty sitekey is no turnstile',
      { cobalt: { version: '11.7.1', turnstileSitekey: '' } },
      { turnstile: false },
    ],
    [
      '10.x with durationLimit',
      {
        cobalt: { version: '10.9.4', durationLimit: 10800, services: ['twitch clips', 'bluesky'] },
      },
      { generation: 'v10', durationLimitSeconds: 10800, services: ['twitch', 'bsky'] },
    ],
    [
      'git stripped, number version',
      { cobalt: { version: 11.2, services: [] } },
      { generation: 'v11', version: '11.2', services: [] },
    ],
    [
      'garbage version',
      { cobalt: { version: 'my-fork', services: ['youtube'] } },
      { generation: 'unknown', version: 'my-fork' },
    ],
    ['no version', { cobalt: { services: ['youtube'] } }, { generation: 'unknown', version: null }],
    [
      'a v7-looking version in a v10+ shape',
      { cobalt: { version: '7.15' } },
      { generation: 'unknown' },
    ],
    ['future major', { cobalt: { version: '12.0.0' } }, { generation: 'v11', version: '12.0.0' }],
    [
      'unknown, duplicate and non-string services',
      {
        cobalt: {
          version: '11.7.1',
          services: ['youtube', 'YouTube', 'vine', 42, null, 'x'.repeat(500)],
        },
      },
      { services: ['youtube'], unknownServices: ['vine'] },
    ],
    [
      'services not an array',
      { cobalt: { version: '11.7.1', services: 'youtube' } },
      { services: null },
    ],
    [
      'v7 serverInfo',
      {
        version: '7.15',
        commit: 'b718b79c',
        branch: 'current',
        name: 'x',
        url: 'http://x/',
        cors: 1,
        startTime: '1',
      },
      { generation: 'v7', version: '7.15', services: null, turnstile: false },
    ],
    ['v7 dev version', { version: '7.14.3-dev' }, { generation: 'v7', version: '7.14.3-dev' }],
  ])('%s', (_name, body, expected) => {
    expect(info(body)).toMatchObject(expected);
  });

  it.each([
    ['null', null],
    ['a string', '11.7.1'],
    ['an array', [{ version: '11.7.1' }]],
    ['HTML parsed elsewhere as nothing', {}],
    ['cobalt is not an object', { cobalt: 'yes' }],
    ['version is an object', { version: { major: 7 } }],
  ])('refuses %s', (_name, body) => {
    expect(parseServerInfo(body).ok).toBe(false);
  });

  it('bounds a hostile version string', () => {
    expect(info({ cobalt: { version: `11.7.1${'x'.repeat(10_000)}` } }).version?.length).toBe(64);
  });
});
