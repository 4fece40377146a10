import fc from 'fast-check';
import {
  BODY_LIMIT_BYTES,
  buildRequest,
  type BuildRequestResult,
} from '../../lib/cobalt/build-request';
import {
  AUDIO_BITRATES,
  DownloadOptionsSchema,
  VIDEO_QUALITIES,
  type DownloadOptions,
} from '../../lib/settings/schema';
import { parseModernRequest, parseV7Request } from '../support/cobalt-server/request-schemas';
import type { CobaltServerVersion } from '../support/cobalt-server/types';
import { RUNS } from './arbitraries';

/**
 * The request builder for arbitrary download options × instance versions × media links: the body
 * never exceeds cobalt's 1024-byte limit, and never carries a key the target version rejects.
 * Cross-checked twice: against the accepted-key table of docs/cobalt-api.md §2 (written out here), and
 * against the strict per-version schemas of the test server (request-schemas.ts): a body the
 * builder makes for a version must be one that version's server accepts.
 */

const ORIGIN = 'https://cobalt.example';
const encoder = new TextEncoder();
const bytes = (text: string) => encoder.encode(text).length;

/** docs/cobalt-api.md §2: the keys each version range accepts (v10+ schemas are strict). */
const V10_0 = [
  'url',
  'audioBitrate',
  'audioFormat',
  'downloadMode',
  'filenameStyle',
  'videoQuality',
  'youtubeVideoCodec',
  'youtubeDubLang',
  'disableMetadata',
  'alwaysProxy',
  'tiktokFullAudio',
  'tiktokH265',
  'twitterGif',
  'youtubeDubBrowserLang',
];
const V10_2 = [...V10_0, 'youtubeHLS'];
const V11_0 = [
  ...V10_2.filter((key) => key !== 'youtubeDubBrowserLang'),
  'localProcessing',
  'allowH265',
  'convertGif',
  'youtubeBetterAudio',
];
const V11_2 = [
  ...V11_0.filter((key) => key !== 'tiktokH265' && key !== 'twitterGif'),
  'youtubeVideoContainer',
  'subtitleLang',
];
/** docs/cobalt-api.md §7: the v7 template (unknown keys are ignored there, so this is our own bound). */
const V7 = [
  'url',
  'vCodec',
  'vQuality',
  'aFormat',
  'filenamePattern',
  'isAudioOnly',
  'isTTFullAudio',
  'isAudioMuted',
  'disableMetadata',
  'dubLang',
  'twitterGif',
  'tiktokH265',
];

interface VersionGroup {
  name: string;
  versions: fc.Arbitrary<string>;
  accepted: readonly string[];
  /** The test server version whose strict schema must accept the body (null: v7 parser). */
  server: CobaltServerVersion | null;
}

const minor = (major: number, from: number, to: number) =>
  fc
    .tuple(
      fc.integer({ min: from, max: to }),
      fc.nat({ max: 12 }),
      fc.constantFrom('', 'v', 'V'),
      fc.constantFrom('', '-dev', '-fork.2', '+build'),
    )
    .map(([m, patch, prefix, suffix]) => `${prefix}${major}.${m}.${patch}${suffix}`);

const MODERN: readonly VersionGroup[] = [
  { name: '10.0–10.1', versions: minor(10, 0, 1), accepted: V10_0, server: '10.9.4' },
  { name: '10.2+', versions: minor(10, 2, 9), accepted: V10_2, server: '10.9.4' },
  { name: '11.0–11.1', versions: minor(11, 0, 1), accepted: V11_0, server: '11.0.0' },
  { name: '11.2+', versions: minor(11, 2, 20), accepted: V11_2, server: '11.7.1' },
];
const LEGACY: VersionGroup = {
  name: '7.x',
  versions: fc.oneof(minor(7, 0, 15), fc.constantFrom('7.15', '7.14.2-dev', 'v7.1')),
  accepted: V7,
  server: null,
};
/** Versions that do not parse, or a major newer than any known: the minimal `{url}` body. */
const UNKNOWN_VERSIONS: fc.Arbitrary<string | null | undefined> = fc.oneof(
  fc.constantFrom(null, undefined, '', 'Offline', 'unknown', '8.0.0', '9.1', '0.9', '10', 'x.y'),
  minor(12, 0, 9),
  fc.integer({ min: 13, max: 9999 }).map((major) => `${major}.0.0`),
  fc.string({ unit: 'binary', maxLength: 80 }),
);

const language = fc.oneof(
  fc.constantFrom('', 'none', 'en', 'pt-BR', 'zh-Hans', 'es-419'),
  fc.stringMatching(/^[0-9a-zA-Z-]{2,8}$/),
);

/** Any DownloadOptions the settings schema allows, drawn from its own enums. */
const options: fc.Arbitrary<DownloadOptions> = fc
  .record({
    downloadMode: fc.constantFrom('auto', 'audio', 'mute'),
    videoQuality: fc.constantFrom(...VIDEO_QUALITIES),
    youtubeVideoCodec: fc.constantFrom('h264', 'av1', 'vp9'),
    youtubeVideoContainer: fc.constantFrom('auto', 'mp4', 'webm', 'mkv'),
    youtubeDubLang: language,
    subtitleLang: language,
    audioFormat: fc.constantFrom('best', 'mp3', 'ogg', 'wav', 'opus'),
    audioBitrate: fc.constantFrom(...AUDIO_BITRATES),
    filenameStyle: fc.constantFrom('classic', 'pretty', 'basic', 'nerdy'),
    disableMetadata: fc.boolean(),
    alwaysProxy: fc.boolean(),
    allowH265: fc.boolean(),
    convertGif: fc.boolean(),
    tiktokFullAudio: fc.boolean(),
    youtubeBetterAudio: fc.boolean(),
    youtubeHLS: fc.boolean(),
    localProcessing: fc.constantFrom('off', 'required', 'prefer'),
  })
  .map((raw) => DownloadOptionsSchema.parse(raw));

/** Media links up to and past the limit, with characters JSON has to escape or widen. */
const mediaUrl = fc
  .tuple(
    fc.constantFrom(
      'https://www.youtube.com/watch?v=dQw4w9WgXcQ',
      'https://x.com/user/status/1697304622749086011',
      'https://www.tiktok.com/@user/video/7195741644585454894',
      'http://vk.com/video-57274055_456239399',
    ),
    fc.string({
      unit: fc.constantFrom('a', 'Z', '9', '%', '"', '\\', 'é', '\u{1F600}', '/', '&', '\u0001'),
      maxLength: 1100,
    }),
  )
  .map(([base, tail]) => (tail === '' ? base : `${base}&t=${tail}`));

function check(condition: boolean, what: string, value: unknown): void {
  if (!condition) throw new Error(`${what}: ${JSON.stringify(value)?.slice(0, 500)}`);
}

/** The request's body as an object, after the size rule every result must keep. */
function bodyOf(
  result: BuildRequestResult,
  url: string,
  wireUrl: string,
): Record<string, unknown> | null {
  if (!result.ok) {
    // The only reason to refuse a valid link: even `{url}` alone is over the limit.
    check(result.error.code === 'client.body_too_large', 'unexpected refusal', result.error);
    check(
      bytes(JSON.stringify({ url: wireUrl })) > BODY_LIMIT_BYTES,
      'refused a body that fits',
      url,
    );
    return null;
  }
  const { body } = result.request;
  check(bytes(body) <= BODY_LIMIT_BYTES, 'body over 1024 bytes', bytes(body));
  const parsed = JSON.parse(body) as Record<string, unknown>;
  check(
    Object.keys(parsed)[0] === 'url' && parsed.url === wireUrl,
    'url is not first/exact',
    parsed,
  );
  return parsed;
}

function onlyAccepted(body: Record<string, unknown>, accepted: readonly string[], group: string) {
  for (const key of Object.keys(body)) {
    check(accepted.includes(key), `key ${key} is not accepted by ${group}`, body);
  }
}

describe('buildRequest for arbitrary options × versions × links', () => {
  it('never makes a body over 1024 bytes (every version, links past the limit)', () => {
    const version = fc.oneof(
      ...MODERN.map((group) => group.versions),
      LEGACY.versions,
      UNKNOWN_VERSIONS,
    );
    fc.assert(
      fc.property(options, version, mediaUrl, (opts, v, url) => {
        const result = buildRequest({ origin: ORIGIN, version: v, url, options: opts });
        const legacy = result.ok && result.request.generation === 'v7';
        bodyOf(result, url, legacy ? encodeURIComponent(url) : url);
      }),
      { numRuns: RUNS },
    );
  });

  it('v10/v11: only keys that version accepts, and its strict server schema accepts the body', () => {
    const group = fc.constantFrom(...MODERN).chain((g) => g.versions.map((v) => ({ g, v })));
    let built = 0;
    fc.assert(
      fc.property(options, group, mediaUrl, (opts, { g, v }, url) => {
        const result = buildRequest({ origin: ORIGIN, version: v, url, options: opts });
        const body = bodyOf(result, url, url);
        if (!body || !result.ok) return;
        check(result.request.url === `${ORIGIN}/`, 'not POST /', result.request.url);
        onlyAccepted(body, g.accepted, g.name);
        if (g.name === '10.0–10.1' && 'youtubeDubLang' in body) {
          check(
            String(body.youtubeDubLang).length === 2,
            'dub language not 2 chars on 10.0–10.1',
            body,
          );
        }
        const verdict = parseModernRequest(g.server as CobaltServerVersion, body);
        check(verdict.ok, `the ${g.server} server schema refuses the body`, { v, body });
        built += 1;
      }),
      { numRuns: RUNS },
    );
    // Most links fit: the schemas really saw bodies, not only refusals.
    expect(built).toBeGreaterThan(RUNS / 4);
  });

  it('v7: POST /api/json with template keys only, accepted by the v7 parser with the same link', () => {
    fc.assert(
      fc.property(options, LEGACY.versions, mediaUrl, (opts, v, url) => {
        const result = buildRequest({ origin: ORIGIN, version: v, url, options: opts });
        const body = bodyOf(result, url, encodeURIComponent(url));
        if (!body || !result.ok) return;
        check(result.request.url === `${ORIGIN}/api/json`, 'not /api/json', result.request.url);
        onlyAccepted(body, V7, '7.x');
        const verdict = parseV7Request(body);
        check(verdict.ok && verdict.request.url === url, 'the v7 parser refuses the body', body);
      }),
      { numRuns: RUNS },
    );
  });

  it('unknown, garbage and future versions: exactly {url} on POST /, which every v10+ schema accepts', () => {
    fc.assert(
      fc.property(options, UNKNOWN_VERSIONS, mediaUrl, (opts, v, url) => {
        const result = buildRequest({ origin: ORIGIN, version: v, url, options: opts });
        const body = bodyOf(result, url, url);
        if (!body || !result.ok) return;
        check(result.request.url === `${ORIGIN}/`, 'not POST /', { v, url: result.request.url });
        check(Object.keys(body).length === 1, 'more than {url} for an unknown version', {
          v,
          body,
        });
        for (const server of ['10.9.4', '11.0.0', '11.7.1'] as const) {
          check(parseModernRequest(server, body).ok, `${server} refuses {url}`, body);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('headers: exact JSON media types; a key only when well-formed, as `Api-Key <key>`', () => {
    const apiKey = fc.oneof(
      fc.uuid().map((id) => id.toLowerCase()),
      fc.uuid().map((id) => `${id}\r\nX-Injected: 1`),
      fc.uuid().map((id) => id.toUpperCase()),
      fc.constantFrom(null, undefined, '', ' ', 'Bearer abc'),
      fc.string({ unit: 'binary', maxLength: 60 }),
    );
    fc.assert(
      fc.property(options, minor(11, 0, 9), apiKey, (opts, v, key) => {
        const result = buildRequest({
          origin: ORIGIN,
          version: v,
          url: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ',
          options: opts,
          apiKey: key,
        });
        const wellFormed =
          typeof key === 'string' &&
          /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(key);
        if (!result.ok) {
          check(!wellFormed && Boolean(key), 'refused a well-formed key', key);
          check(result.error.code === 'client.invalid_api_key', 'wrong refusal', result.error);
          return;
        }
        const { headers } = result.request;
        check(headers.Accept === 'application/json', 'Accept', headers);
        check(headers['Content-Type'] === 'application/json', 'Content-Type', headers);
        const expected = wellFormed ? { ...headers, Authorization: `Api-Key ${key}` } : headers;
        check(
          JSON.stringify(headers) === JSON.stringify(expected) &&
            (wellFormed || !('Authorization' in headers)),
          'Authorization header',
          { key, headers },
        );
        for (const value of Object.values(headers)) {
          check(!/[\r\n]/.test(value), 'a header value carries a line break', headers);
        }
      }),
      { numRuns: RUNS },
    );
  });
});
