import { readFileSync } from 'node:fs';
import { parseLegacyServerInfo, parseServerInfo } from '../../../lib/probe/parse-server-info';
import { SERVICE_KEYS } from '../../../lib/services/service-key';

const realRoot = JSON.parse(
  readFileSync(new URL('../../fixtures/real-cobalt/9000-get-root.json', import.meta.url), 'utf8'),
) as { response: { body: unknown } };

const modern = (cobalt: Record<string, unknown>) => ({ cobalt, git: { commit: 'abc' } });

describe('parseServerInfo (GET / of v10+)', () => {
  it('reads the real 11.7.1 answer: v11, every service, no Turnstile', () => {
    const info = parseServerInfo(realRoot.response.body);
    expect(info).toMatchObject({ generation: 'v11', version: '11.7.1', turnstile: false });
    expect([...(info?.services ?? [])].sort()).toEqual([...SERVICE_KEYS].sort());
  });

  it.each<[string, Record<string, unknown>, object]>([
    [
      '10.x',
      { version: '10.9.4', services: ['youtube'] },
      { generation: 'v10', version: '10.9.4' },
    ],
    ['11.0', { version: '11.0.0', services: [] }, { generation: 'v11', services: [] }],
    [
      'a v-prefixed version',
      { version: 'v11.2', services: [] },
      { generation: 'v11', version: 'v11.2' },
    ],
    [
      'a fork with a numeric version',
      { version: 11.5, services: [] },
      { generation: 'v11', version: '11.5' },
    ],
    [
      'a fork with a garbage version',
      { version: 'latest', services: [] },
      { generation: 'unknown', version: 'latest' },
    ],
    ['no version at all', { services: [] }, { generation: 'unknown', version: null }],
    [
      'a cobalt object claiming 7.x',
      { version: '7.15' },
      { generation: 'unknown', version: '7.15' },
    ],
    [
      'Turnstile site key',
      { version: '11.7.1', turnstileSitekey: '0x4AAAAA' },
      { turnstile: true },
    ],
    ['an empty site key', { version: '11.7.1', turnstileSitekey: '' }, { turnstile: false }],
    ['a null site key', { version: '11.7.1', turnstileSitekey: null }, { turnstile: false }],
    [
      'friendly and tracker names',
      { version: '11.7.1', services: ['bluesky', 'twitch clips', 'ok', 'myspace', 7] },
      { services: ['bsky', 'twitch', 'ok'] },
    ],
    [
      'duplicates',
      { version: '11.7.1', services: ['youtube', 'YouTube', 'youtube music'] },
      { services: ['youtube'] },
    ],
    ['services not a list', { version: '11.7.1', services: 'youtube' }, { services: null }],
    ['services missing', { version: '11.7.1' }, { services: null }],
    ['a future major', { version: '12.0.0' }, { generation: 'v11', version: '12.0.0' }],
    [
      'a hostile version string',
      { version: `11.7.1${'x'.repeat(10_000)}` },
      { generation: 'unknown', version: null },
    ],
    [
      'non-string and overlong service names',
      { version: '11.7.1', services: ['youtube', null, 42, 'x'.repeat(500)] },
      { services: ['youtube'] },
    ],
  ])('%s', (_name, cobalt, expected) => {
    expect(parseServerInfo(modern(cobalt))).toMatchObject(expected);
  });

  it.each<[string, unknown]>([
    ['null', null],
    ['a string', 'cobalt'],
    ['an HTML error page parsed as nothing', undefined],
    ['a v7 flat answer', { version: '7.15', commit: 'b718b79c' }],
    ['cobalt is not an object', { cobalt: 'yes' }],
  ])('is null for %s', (_name, json) => {
    expect(parseServerInfo(json)).toBeNull();
  });
});

describe('parseLegacyServerInfo (GET /api/serverInfo of v7)', () => {
  it.each<[string, unknown, object | null]>([
    [
      '7.15',
      { version: '7.15', commit: 'b718b79c', cors: 1 },
      { generation: 'v7', version: '7.15', services: null, turnstile: false },
    ],
    ['7.13-dev', { version: '7.13-dev' }, { generation: 'v7', version: '7.13-dev' }],
    ['a flat answer claiming 11', { version: '11.0' }, { generation: 'unknown', version: '11.0' }],
    ['a modern answer', { cobalt: { version: '11.7.1' }, version: '7.15' }, null],
    ['no version', { commit: 'b718b79c' }, null],
    ['not an object', ['7.15'], null],
  ])('%s', (_name, json, expected) => {
    const info = parseLegacyServerInfo(json);
    if (expected === null) expect(info).toBeNull();
    else expect(info).toMatchObject(expected);
  });
});

describe('parseServerInfo: cobalt.url (where the instance puts its tunnels)', () => {
  it.each<[unknown, string | null]>([
    ['https://api.cobalt.example.com/', 'https://api.cobalt.example.com/'],
    ['http://192.168.1.20:9000', 'http://192.168.1.20:9000/'],
    ['javascript:alert(1)', null],
    ['not a url', null],
    [42, null],
    [`https://example.com/${'a'.repeat(3000)}`, null],
    [undefined, null],
  ])('%j → %j', (url, expected) => {
    expect(parseServerInfo({ cobalt: { version: '11.0.0', url } })?.apiUrl).toBe(expected);
  });
});

describe('parseServerInfo: the codebase from git.remote (docs/cobalt-api.md §3.5)', () => {
  const withGit = (git: unknown) => ({ cobalt: { version: '11.7.1', services: [] }, git });

  it('reads the real 11.7.1 answer: imputnet/cobalt', () => {
    expect(parseServerInfo(realRoot.response.body)?.codebase).toBe('imputnet/cobalt');
  });

  it.each<[string, unknown, string | null]>([
    ['upstream', { remote: 'imputnet/cobalt' }, 'imputnet/cobalt'],
    ['a fork', { remote: 'someone/cobalt-plus' }, 'someone/cobalt-plus'],
    ['a remote written as a URL', { remote: 'https://github.com/x/cobalt.git' }, 'x/cobalt'],
    ['git removed by the operator', undefined, null],
    ['git without remote', { commit: 'abc' }, null],
    ['a remote that is not owner/repo', { remote: 'origin' }, null],
    ['a retyped remote', { remote: 42 }, null],
    ['git that is not an object', 'imputnet/cobalt', null],
  ])('%s → %s', (_name, git, codebase) => {
    const info = parseServerInfo(withGit(git));
    expect(info).not.toBeNull();
    expect(info?.codebase).toBe(codebase);
  });
});
