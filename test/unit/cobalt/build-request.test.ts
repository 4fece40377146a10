import {
  BODY_LIMIT_BYTES,
  buildRequest,
  type BuildRequestInput,
} from '../../../lib/cobalt/build-request';
import { DownloadOptionsSchema, type DownloadOptions } from '../../../lib/settings/schema';

const ORIGIN = 'https://cobalt.example';
const LINK = 'https://www.youtube.com/watch?v=dQw4w9WgXcQ';
const KEY = '582f214c-8531-40d5-9a5c-7f51ae99319d';
const DEFAULTS = DownloadOptionsSchema.parse({});

function options(patch: Partial<DownloadOptions> = {}): DownloadOptions {
  return { ...DEFAULTS, ...patch };
}

function build(patch: Partial<BuildRequestInput> = {}) {
  const result = buildRequest({
    origin: ORIGIN,
    version: '11.7.1',
    url: LINK,
    options: DEFAULTS,
    ...patch,
  });
  if (!result.ok) throw new Error(`expected a request, got ${result.error.code}`);
  return result.request;
}

const body = (patch: Partial<BuildRequestInput>) =>
  JSON.parse(build(patch).body) as Record<string, unknown>;

describe('buildRequest: endpoint and headers', () => {
  it.each([
    ['11.7.1', `${ORIGIN}/`],
    ['10.9.4', `${ORIGIN}/`],
    ['7.15', `${ORIGIN}/api/json`],
    [null, `${ORIGIN}/`],
  ])('%s → %s', (version, url) => {
    expect(build({ version }).url).toBe(url);
  });

  it('uses the origin only, whatever path the instance URL had', () => {
    expect(build({ origin: 'https://cobalt.example/api/?x=1#y' }).url).toBe(`${ORIGIN}/`);
  });

  it('sends exactly application/json, no Authorization without a key', () => {
    expect(build().headers).toEqual({
      Accept: 'application/json',
      'Content-Type': 'application/json',
    });
  });

  it('sends the key as Api-Key', () => {
    expect(build({ apiKey: KEY }).headers.Authorization).toBe(`Api-Key ${KEY}`);
  });

  it.each([[''], [null], [undefined]])('treats %j as no key', (apiKey) => {
    expect(build({ apiKey }).headers).not.toHaveProperty('Authorization');
  });

  it.each([
    ['upper case', KEY.toUpperCase()],
    ['header injection', `${KEY}\r\nX-Evil: 1`],
    ['not a uuid', 'hunter2'],
  ])('refuses a malformed key (%s) without sending it', (_name, apiKey) => {
    const result = buildRequest({
      origin: ORIGIN,
      version: '11.7.1',
      url: LINK,
      options: DEFAULTS,
      apiKey,
    });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'client.invalid_api_key', action: 'failover', remedy: 'fix-key' },
    });
    expect(JSON.stringify(result)).not.toContain('hunter2');
  });
});

describe('buildRequest: minimal body per version', () => {
  it.each([['11.7.1'], ['11.0.0'], ['10.9.4'], [null], ['garbage'], ['12.0.0']])(
    'defaults on %s → {url} (+ what differs from that version)',
    (version) => {
      const sent = body({ version });
      if (version === '10.9.4') expect(sent).toEqual({ url: LINK, filenameStyle: 'basic' });
      else expect(sent).toEqual({ url: LINK });
    },
  );

  it('v7: our defaults differ from the v7 template in quality, filename and gif', () => {
    expect(body({ version: '7.15' })).toEqual({
      url: encodeURIComponent(LINK),
      vQuality: '1080',
      twitterGif: true,
      filenamePattern: 'basic',
    });
  });

  /** What our defaults need on v7 (its template defaults differ, docs/cobalt-api.md §7). */
  const V7_BASE = { vQuality: '1080', twitterGif: true, filenamePattern: 'basic' };

  // one row per (version, settings): every key besides url that goes on the wire
  it.each<[string, Partial<DownloadOptions>, Record<string, unknown>]>([
    ['11.7.1', { downloadMode: 'audio' }, { downloadMode: 'audio' }],
    ['11.7.1', { videoQuality: '720' }, { videoQuality: '720' }],
    ['11.7.1', { allowH265: true }, { allowH265: true }],
    ['11.7.1', { convertGif: false }, { convertGif: false }],
    ['11.7.1', { localProcessing: 'prefer' }, { localProcessing: 'preferred' }],
    ['11.7.1', { localProcessing: 'required' }, {}],
    ['11.7.1', { localProcessing: 'off' }, {}],
    ['11.7.1', { subtitleLang: 'en' }, { subtitleLang: 'en' }],
    ['11.7.1', { youtubeVideoContainer: 'webm' }, { youtubeVideoContainer: 'webm' }],
    ['11.7.1', { youtubeDubLang: 'pt-BR' }, { youtubeDubLang: 'pt-BR' }],
    ['11.7.1', { youtubeHLS: true }, { youtubeHLS: true }],
    ['11.7.1', { alwaysProxy: true }, { alwaysProxy: true }],
    ['11.7.1', { filenameStyle: 'classic' }, { filenameStyle: 'classic' }],
    ['11.0.0', { allowH265: true, convertGif: false }, { allowH265: true, convertGif: false }],
    ['11.0.0', { localProcessing: 'prefer' }, { localProcessing: true }],
    ['11.1.0', { localProcessing: 'prefer' }, { localProcessing: true }],
    ['11.0.0', { localProcessing: 'required' }, {}],
    ['11.0.0', { subtitleLang: 'en', youtubeVideoContainer: 'mkv' }, {}],
    ['11.0.0', { youtubeBetterAudio: true }, { youtubeBetterAudio: true }],
    ['10.9.4', { allowH265: true }, { tiktokH265: true, filenameStyle: 'basic' }],
    ['10.9.4', { convertGif: false }, { twitterGif: false, filenameStyle: 'basic' }],
    ['10.9.4', { filenameStyle: 'classic' }, {}],
    ['10.9.4', { localProcessing: 'prefer', youtubeBetterAudio: true }, { filenameStyle: 'basic' }],
    ['10.9.4', { youtubeDubLang: 'pt-BR' }, { youtubeDubLang: 'pt-BR', filenameStyle: 'basic' }],
    ['10.1.0', { youtubeDubLang: 'pt-BR' }, { filenameStyle: 'basic' }],
    ['10.1.0', { youtubeDubLang: 'pt' }, { youtubeDubLang: 'pt', filenameStyle: 'basic' }],
    ['10.1.0', { youtubeHLS: true }, { filenameStyle: 'basic' }],
    ['7.15', { downloadMode: 'audio' }, { isAudioOnly: true, ...V7_BASE }],
    ['7.15', { downloadMode: 'mute' }, { isAudioMuted: true, ...V7_BASE }],
    ['7.15', { videoQuality: '720', convertGif: false, filenameStyle: 'classic' }, {}],
    [
      '7.15',
      { tiktokFullAudio: true, allowH265: true },
      { isTTFullAudio: true, tiktokH265: true, ...V7_BASE },
    ],
    ['7.15', { youtubeDubLang: 'de', alwaysProxy: true, audioBitrate: '320' }, V7_BASE],
    ['garbage', { downloadMode: 'audio', allowH265: true }, {}],
  ])('%s with %j sends %j', (version, patch, expected) => {
    const { url: _url, ...sent } = body({ version, options: options(patch) });
    expect(sent).toEqual(expected);
  });

  it('never sends a key whose value is that version’s default', () => {
    const sent = body({
      version: '11.7.1',
      options: options({ videoQuality: '1080', audioFormat: 'mp3' }),
    });
    expect(Object.keys(sent)).toEqual(['url']);
  });
});

describe('buildRequest: 1024-byte limit', () => {
  const bytes = (text: string) => new TextEncoder().encode(text).length;
  const many = options({
    downloadMode: 'audio',
    audioFormat: 'opus',
    audioBitrate: '320',
    subtitleLang: 'pt-BR',
    youtubeDubLang: 'pt-BR',
    filenameStyle: 'nerdy',
    disableMetadata: true,
    youtubeHLS: true,
  });
  const pad = (length: number) => `${LINK}&pad=${'a'.repeat(length)}`;

  it('keeps every key when the body fits', () => {
    const request = build({ options: many });
    expect(request.dropped).toEqual([]);
    expect(bytes(request.body)).toBeLessThanOrEqual(BODY_LIMIT_BYTES);
  });

  it('drops the least important keys first to fit, keeping the mode', () => {
    const request = build({ options: many, url: pad(850) });
    expect(bytes(request.body)).toBeLessThanOrEqual(BODY_LIMIT_BYTES);
    expect(request.dropped.length).toBeGreaterThan(0);
    expect(request.dropped).toContain('youtubeHLS');
    expect(JSON.parse(request.body)).toMatchObject({ downloadMode: 'audio' });
  });

  it('accepts a url-only body of exactly 1024 bytes (as the real server does)', () => {
    const overhead = bytes(JSON.stringify({ url: pad(0) }));
    const request = build({ url: pad(BODY_LIMIT_BYTES - overhead) });
    expect(bytes(request.body)).toBe(BODY_LIMIT_BYTES);
  });

  it('fails with a typed error when the url alone is too long', () => {
    const overhead = bytes(JSON.stringify({ url: pad(0) }));
    const result = buildRequest({
      origin: ORIGIN,
      version: '11.7.1',
      url: pad(BODY_LIMIT_BYTES - overhead + 1),
      options: DEFAULTS,
    });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'client.body_too_large', action: 'stop' },
    });
  });

  it('counts bytes, not characters', () => {
    const result = buildRequest({
      origin: ORIGIN,
      version: '11.7.1',
      url: `${LINK}&t=${'é'.repeat(500)}`,
      options: DEFAULTS,
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'client.body_too_large' } });
  });
});

describe('buildRequest: unsafe input', () => {
  it.each([
    ['javascript:alert(1)'],
    ['data:text/html,hi'],
    ['file:///etc/passwd'],
    ['chrome://settings'],
    ['not a url'],
    ['https://user:pass@www.youtube.com/watch?v=x'],
  ])('refuses the link %s', (url) => {
    const result = buildRequest({ origin: ORIGIN, version: '11.7.1', url, options: DEFAULTS });
    expect(result).toMatchObject({ ok: false, error: { code: 'client.bad_link', action: 'stop' } });
  });

  it.each([['ftp://cobalt.example'], ['javascript:alert(1)'], ['cobalt.example'], ['']])(
    'refuses the origin %j',
    (origin) => {
      const result = buildRequest({ origin, version: '11.7.1', url: LINK, options: DEFAULTS });
      expect(result).toMatchObject({ ok: false, error: { code: 'client.bad_origin' } });
    },
  );
});
