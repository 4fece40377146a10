import { parseDirectoryTestsEntry } from '../../../lib/sources/parse-directory-tests';
import { parseHyperEntry } from '../../../lib/sources/parse-hyper';
import { mapServices } from '../../../lib/sources/map-services';

/**
 * The entry parsers read a well-typed entry directly and send anything else through zod. Both
 * paths must agree: an entry plus a wrong-typed lenient field (zod path, the field read as
 * absent) gives exactly what the entry without that field gives (fast path).
 */
const HYPER = {
  api: 'cobalt.example.com',
  protocol: 'https',
  frontEnd: 'None',
  api_online: true,
  version: '11.7.1',
  trust: 'safe',
  turnstile: false,
  services: { youtube: true, twitch_clips: false, youtube_music: false },
};

const DIRECTORY = {
  api: 'dl.example.org',
  protocol: 'https',
  frontend: 'dl-front.example.org',
  version: '11.7.1',
  tests: {
    youtube: { status: true, message: 'tunnel' },
    Frontend: { status: true, message: 'ok' },
    'twitch-clips': { status: false, message: 'error.api.fetch.fail' },
  },
};

describe('entry parsers: the fast path agrees with zod', () => {
  it.each([
    ['score', 'high'],
    ['turnstile', 'no'],
    ['version', { major: 11 }],
    ['services', ['youtube']],
    ['url', 42],
  ])('hyper: a wrong-typed %s reads as absent, as without it', (field, value) => {
    const viaZod = parseHyperEntry({ ...HYPER, [field]: value }, 'hyper');
    const fast = parseHyperEntry(HYPER, 'hyper');
    const without = Object.fromEntries(Object.entries(HYPER).filter(([k]) => k !== field));
    expect(viaZod).toEqual(parseHyperEntry(without, 'hyper'));
    expect(fast).toMatchObject({ ok: true, entry: { origin: 'https://cobalt.example.com' } });
  });

  it('hyper: a well-typed entry is read in full', () => {
    expect(parseHyperEntry(HYPER, 'hyper')).toEqual({
      ok: true,
      entry: {
        source: 'hyper',
        origin: 'https://cobalt.example.com',
        version: '11.7.1',
        generation: 'v11',
        trust: 'safe',
        online: true,
        turnstile: false,
        services: { twitch: false, youtube: true },
        score: null,
        frontend: null,
      },
    });
  });

  it.each([
    ['online', 'yes'],
    ['frontend', 7],
    ['tests', 'all good'],
    ['version', null],
  ])('directory tests: a wrong-typed %s reads as absent, as without it', (field, value) => {
    const viaZod = parseDirectoryTestsEntry({ ...DIRECTORY, [field]: value }, 'directory');
    const without = Object.fromEntries(Object.entries(DIRECTORY).filter(([k]) => k !== field));
    expect(viaZod).toEqual(parseDirectoryTestsEntry(without, 'directory'));
  });

  it('directory tests: drop reasons still come from zod', () => {
    expect(parseDirectoryTestsEntry({ ...DIRECTORY, api: 5 }, 'directory')).toEqual({
      ok: false,
      reason: '"api" must be text',
    });
    expect(parseDirectoryTestsEntry(null, 'directory')).toEqual({
      ok: false,
      reason: 'entry is null, not an object',
    });
  });

  it('directory tests: Frontend is left out of services and score', () => {
    expect(parseDirectoryTestsEntry(DIRECTORY, 'directory')).toMatchObject({
      ok: true,
      entry: { services: { twitch: false, youtube: true }, score: 50, turnstile: null },
    });
  });
});

describe('mapServices: memoised names', () => {
  it('gives the same answer for a name seen before, in any map', () => {
    const first = mapServices({ 'ok.ru': true, odnoklassniki: false });
    const again = mapServices({ odnoklassniki: false, 'ok.ru': true });
    expect(first).toEqual({ ok: false });
    expect(again).toEqual(first);
  });

  it('ignores inherited and prototype-like keys', () => {
    const hostile = JSON.parse('{"__proto__": true, "constructor": true, "youtube": true}');
    expect(mapServices(hostile)).toEqual({ youtube: true });
  });
});
