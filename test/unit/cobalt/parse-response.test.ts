import fc from 'fast-check';
import { parseResponse, type ParsedResponse } from '../../../lib/cobalt/parse-response';
import { loadTranscripts } from '../../support/cobalt-server/transcripts';

const json = (value: unknown) => JSON.stringify(value);
const TUNNEL = 'https://api.example/tunnel?id=abc';

describe('parseResponse: every real POST answer (test/fixtures/real-cobalt)', () => {
  const posts = loadTranscripts().filter(
    (t) => t.request.method === 'POST' && typeof t.response.body === 'object',
  );
  it.each(posts.map((t) => [t.case, t] as const))('%s', (_name, t) => {
    const body = t.response.body as { error: { code: string; context?: Record<string, unknown> } };
    const expected: ParsedResponse = body.error.context
      ? { ok: false, code: body.error.code, context: body.error.context }
      : { ok: false, code: body.error.code };
    expect(parseResponse({ status: t.response.status, text: json(t.response.body) })).toEqual(
      expected,
    );
  });
});

describe('parseResponse: v10+ shapes', () => {
  it.each<[string, unknown, ParsedResponse]>([
    [
      'tunnel',
      { status: 'tunnel', url: TUNNEL, filename: 'a.mp4' },
      { ok: true, result: { status: 'tunnel', url: TUNNEL, filename: 'a.mp4' } },
    ],
    [
      'redirect',
      { status: 'redirect', url: 'https://cdn.example/v.mp4', filename: 'v.mp4' },
      {
        ok: true,
        result: { status: 'redirect', url: 'https://cdn.example/v.mp4', filename: 'v.mp4' },
      },
    ],
    [
      'tunnel without filename',
      { status: 'tunnel', url: TUNNEL },
      { ok: true, result: { status: 'tunnel', url: TUNNEL, filename: null } },
    ],
    [
      'picker with audio, missing and unknown item types',
      {
        status: 'picker',
        picker: [
          { type: 'video', url: 'https://cdn.example/1.mp4', thumb: TUNNEL },
          { url: 'https://cdn.example/2.jpg' },
          { type: 'hologram', url: 'https://cdn.example/3.jpg' },
          { type: 'gif', url: 'https://cdn.example/4.mp4' },
        ],
        audio: TUNNEL,
        audioFilename: 'tiktok_audio.mp3',
      },
      {
        ok: true,
        result: {
          status: 'picker',
          items: [
            { type: 'video', url: 'https://cdn.example/1.mp4', thumb: TUNNEL },
            { type: 'photo', url: 'https://cdn.example/2.jpg', thumb: null },
            { type: 'photo', url: 'https://cdn.example/3.jpg', thumb: null },
            { type: 'gif', url: 'https://cdn.example/4.mp4', thumb: null },
          ],
          audio: TUNNEL,
          audioFilename: 'tiktok_audio.mp3',
        },
      },
    ],
    [
      'local-processing merge',
      {
        status: 'local-processing',
        type: 'merge',
        service: 'youtube',
        tunnel: [TUNNEL, `${TUNNEL}2`],
        output: { type: 'video/mp4', filename: 'yt.mp4', metadata: { title: 't' } },
        audio: { copy: true, format: 'm4a', bitrate: '128' },
        isHLS: false,
      },
      {
        ok: true,
        result: {
          status: 'local-processing',
          type: 'merge',
          tunnel: [TUNNEL, `${TUNNEL}2`],
          filename: 'yt.mp4',
          metadata: { title: 't' },
          isHLS: false,
        },
      },
    ],
    [
      'local-processing of an HLS stream, metadata malformed (dropped)',
      {
        status: 'local-processing',
        type: 'merge',
        tunnel: [TUNNEL, `${TUNNEL}2`],
        output: { filename: 'yt.mp4', metadata: 'x' },
        isHLS: true,
      },
      {
        ok: true,
        result: {
          status: 'local-processing',
          type: 'merge',
          tunnel: [TUNNEL, `${TUNNEL}2`],
          filename: 'yt.mp4',
          metadata: null,
          isHLS: true,
        },
      },
    ],
    [
      'error with unknown context keys (dropped)',
      {
        status: 'error',
        error: { code: 'error.api.fetch.fail', context: { service: 'youtube', secret: 'x' } },
      },
      { ok: false, code: 'error.api.fetch.fail', context: { service: 'youtube' } },
    ],
    [
      'critical 500',
      { status: 'error', error: { code: 'error.api.fetch.critical.core' }, critical: true },
      { ok: false, code: 'error.api.fetch.critical.core' },
    ],
    [
      'context that is not an object',
      { status: 'error', error: { code: 'error.api.content.too_long', context: 'x' } },
      { ok: false, code: 'error.api.content.too_long' },
    ],
    [
      'unknown status',
      { status: 'success', text: 'done' },
      { ok: false, code: 'client.unknown_response', context: { httpStatus: 200 } },
    ],
    [
      'known status, broken shape',
      { status: 'tunnel', filename: 'a.mp4' },
      { ok: false, code: 'client.bad_response', context: { httpStatus: 200 } },
    ],
    [
      'empty picker',
      { status: 'picker', picker: [] },
      { ok: false, code: 'client.bad_response', context: { httpStatus: 200 } },
    ],
    [
      'error without code or text',
      { status: 'error' },
      { ok: false, code: 'client.bad_response', context: { httpStatus: 200 } },
    ],
    [
      'a code that is not a code',
      { status: 'error', error: { code: '<script>alert(1)</script>' } },
      { ok: false, code: 'client.bad_response', context: { httpStatus: 200 } },
    ],
    [
      'no status',
      { url: TUNNEL },
      { ok: false, code: 'client.bad_response', context: { httpStatus: 200 } },
    ],
    ['an array', [1, 2], { ok: false, code: 'client.bad_response', context: { httpStatus: 200 } }],
  ])('%s', (_name, body, expected) => {
    expect(parseResponse({ status: 200, text: json(body) })).toEqual(expected);
  });
});

describe('parseResponse: v7 shapes (docs/cobalt-api.md §7)', () => {
  it.each<[string, number, unknown, ParsedResponse]>([
    [
      'stream → tunnel without filename',
      200,
      { status: 'stream', url: 'http://v7.example/api/stream?t=1' },
      {
        ok: true,
        result: { status: 'tunnel', url: 'http://v7.example/api/stream?t=1', filename: null },
      },
    ],
    [
      'redirect without filename',
      200,
      { status: 'redirect', url: 'https://cdn.example/x.mp4' },
      {
        ok: true,
        result: { status: 'redirect', url: 'https://cdn.example/x.mp4', filename: null },
      },
    ],
    [
      'picker with pickerType and audio:false',
      200,
      {
        status: 'picker',
        pickerType: 'images',
        picker: [{ url: 'https://cdn.example/1.jpg' }],
        audio: false,
      },
      {
        ok: true,
        result: {
          status: 'picker',
          items: [{ type: 'photo', url: 'https://cdn.example/1.jpg', thumb: null }],
          audio: null,
          audioFilename: null,
        },
      },
    ],
    [
      'error prose',
      400,
      { status: 'error', text: "i couldn't process your request :(" },
      { ok: false, code: 'client.legacy_error' },
    ],
    [
      'rate-limit',
      429,
      { status: 'rate-limit', text: "you're making too many requests." },
      { ok: false, code: 'error.api.rate_exceeded' },
    ],
    [
      'success (web only)',
      200,
      { status: 'success', text: 'ok' },
      { ok: false, code: 'client.unknown_response', context: { httpStatus: 200 } },
    ],
  ])('%s', (_name, status, body, expected) => {
    expect(parseResponse({ status, text: json(body) })).toEqual(expected);
  });
});

describe('parseResponse: not JSON', () => {
  it.each<[string, number, string, string]>([
    [
      'Express 404 for POST /api/json on v10+',
      404,
      '<!DOCTYPE html><pre>Cannot POST /api/json</pre>',
      'client.bad_response',
    ],
    [
      'Cloudflare block page',
      403,
      '<html><title>Attention Required!</title></html>',
      'client.bad_response',
    ],
    ['empty 200', 200, '', 'client.bad_response'],
    ['bad gateway', 502, 'Bad Gateway', 'client.http_5xx'],
    ['empty 503', 503, '', 'client.http_5xx'],
    ['JSON of another API on 500', 500, '{"message":"oops"}', 'client.http_5xx'],
    ['bare 429', 429, '', 'client.rate_limited'],
    ['truncated JSON', 200, '{"status":"tunnel","url":"htt', 'client.bad_response'],
  ])('%s → %s', (_name, status, text, code) => {
    expect(parseResponse({ status, text })).toEqual({
      ok: false,
      code,
      context: { httpStatus: status },
    });
  });

  it('never throws, whatever the body (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 599 }),
        fc.oneof(fc.string(), fc.json()),
        (status, text) => {
          const parsed = parseResponse({ status, text });
          expect(typeof parsed.ok).toBe('boolean');
        },
      ),
      { numRuns: 300 },
    );
  });

  it('never throws on arbitrary JSON values with a status (property)', () => {
    const statuses = fc.constantFrom(
      'tunnel',
      'redirect',
      'picker',
      'local-processing',
      'error',
      'stream',
      'rate-limit',
      'x',
    );
    fc.assert(
      fc.property(statuses, fc.dictionary(fc.string(), fc.jsonValue()), (status, rest) => {
        const parsed = parseResponse({ status: 200, text: JSON.stringify({ ...rest, status }) });
        if (parsed.ok)
          expect(['tunnel', 'redirect', 'picker', 'local-processing']).toContain(
            parsed.result.status,
          );
      }),
      { numRuns: 300 },
    );
  });
});
