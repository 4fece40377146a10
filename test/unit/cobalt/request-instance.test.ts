import { requestInstance, type RequestInstanceInput } from '../../../lib/cobalt/request-instance';
import type { FetchLike } from '../../../lib/net/http';
import { DownloadOptionsSchema } from '../../../lib/settings/schema';

const KEY = '582f214c-8531-40d5-9a5c-7f51ae99319d';
const NOW = 1_800_000_000_000;

function answer(status: number, body: unknown, headers: Record<string, string> = {}): FetchLike {
  return async () =>
    new Response(typeof body === 'string' ? body : JSON.stringify(body), {
      status,
      headers: { 'Content-Type': 'application/json; charset=utf-8', ...headers },
    });
}

function input(fetch: FetchLike, patch: Partial<RequestInstanceInput> = {}): RequestInstanceInput {
  return {
    fetch,
    origin: 'https://cobalt.example',
    version: '11.7.1',
    url: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ',
    options: DownloadOptionsSchema.parse({}),
    now: () => NOW,
    timeoutMs: 1000,
    ...patch,
  };
}

describe('requestInstance (fake fetch)', () => {
  it('posts the built request with redirect: manual and the key', async () => {
    const calls: [string, RequestInit | undefined][] = [];
    const fetch: FetchLike = async (url, init) => {
      calls.push([url, init]);
      return new Response(
        JSON.stringify({
          status: 'tunnel',
          url: 'https://cobalt.example/tunnel?id=1',
          filename: 'a.mp4',
        }),
      );
    };
    const outcome = await requestInstance(input(fetch, { apiKey: KEY }));
    expect(outcome).toMatchObject({ ok: true, result: { status: 'tunnel', filename: 'a.mp4' } });
    expect(calls).toHaveLength(1);
    const [url, init] = calls[0] ?? [];
    expect(url).toBe('https://cobalt.example/');
    expect(init).toMatchObject({ method: 'POST', redirect: 'manual', credentials: 'omit' });
    expect((init?.headers as Record<string, string>).Authorization).toBe(`Api-Key ${KEY}`);
    expect(JSON.stringify(outcome)).not.toContain(KEY);
  });

  it.each<[string, FetchLike, string]>([
    ['an opaque redirect (browser, status 0)', async () => Response.error(), 'client.redirect'],
    [
      'a 302 (Node)',
      answer(302, 'Found', { Location: 'https://elsewhere.example/' }),
      'client.redirect',
    ],
    ['a 307', answer(307, ''), 'client.redirect'],
    [
      'a refused connection',
      async () => {
        throw new TypeError('fetch failed', {
          cause: new Error('connect ECONNREFUSED 127.0.0.1:1'),
        });
      },
      'client.refused',
    ],
    [
      'a reset',
      async () => {
        throw new TypeError('fetch failed', { cause: new Error('read ECONNRESET') });
      },
      'client.network',
    ],
    [
      'a browser network error',
      async () => {
        throw new TypeError('Failed to fetch');
      },
      'client.network',
    ],
    [
      'an HTML page',
      answer(403, '<html>blocked</html>', { 'Content-Type': 'text/html' }),
      'client.bad_response',
    ],
    ['a 502', answer(502, 'Bad Gateway'), 'client.http_5xx'],
    [
      'a javascript: tunnel',
      answer(200, { status: 'tunnel', url: 'javascript:alert(1)', filename: 'a.mp4' }),
      'client.unsafe_url',
    ],
    [
      'a data: redirect',
      answer(200, { status: 'redirect', url: 'data:text/html,x', filename: 'a' }),
      'client.unsafe_url',
    ],
    [
      'a file: local-processing tunnel',
      answer(200, {
        status: 'local-processing',
        type: 'proxy',
        tunnel: ['https://ok.example/t', 'file:///etc/passwd'],
        output: { type: 'video/mp4', filename: 'a.mp4' },
      }),
      'client.unsafe_url',
    ],
    [
      'a picker of only unsafe items',
      answer(200, { status: 'picker', picker: [{ type: 'photo', url: 'blob:https://x/1' }] }),
      'client.unsafe_url',
    ],
    ['a huge answer', answer(200, 'x'.repeat(300 * 1024)), 'client.response_too_large'],
  ])('fails on %s', async (_name, fetch, code) => {
    const outcome = await requestInstance(input(fetch));
    expect(outcome).toMatchObject({ ok: false, error: { code } });
  });

  it('keeps safe picker items and drops unsafe thumbs and audio', async () => {
    const fetch = answer(200, {
      status: 'picker',
      picker: [
        { type: 'photo', url: 'https://cdn.example/1.jpg', thumb: 'javascript:alert(1)' },
        { type: 'video', url: 'chrome://settings' },
      ],
      audio: 'data:audio/mp3,x',
      audioFilename: 'a.mp3',
    });
    expect(await requestInstance(input(fetch))).toMatchObject({
      ok: true,
      result: {
        status: 'picker',
        items: [{ type: 'photo', url: 'https://cdn.example/1.jpg', thumb: null }],
        audio: null,
        audioFilename: null,
      },
    });
  });

  it('sanitises filenames at the boundary', async () => {
    const fetch = answer(200, {
      status: 'tunnel',
      url: 'https://cobalt.example/tunnel?id=1',
      filename: '../../evil\u202Egpj.exe',
    });
    expect(await requestInstance(input(fetch))).toMatchObject({
      ok: true,
      result: { filename: '_._evilgpj.exe' },
    });
  });

  it('reads rate-limit headers and dates the retry from Retry-After', async () => {
    const fetch = answer(
      429,
      { status: 'error', error: { code: 'error.api.rate_exceeded', context: { limit: 60 } } },
      {
        'RateLimit-Limit': '3',
        'RateLimit-Remaining': '0',
        'RateLimit-Reset': '42',
        'Retry-After': '42',
      },
    );
    const outcome = await requestInstance(input(fetch));
    expect(outcome).toMatchObject({
      ok: false,
      error: { code: 'error.api.rate_exceeded', action: 'retry-later', retryAt: NOW + 42_000 },
      rateLimit: { limit: 3, remaining: 0, resetSeconds: 42, retryAfterSeconds: 42 },
    });
  });

  it('falls back to context.limit (the window in seconds) without headers', async () => {
    const fetch = answer(400, {
      status: 'error',
      error: { code: 'error.api.rate_exceeded', context: { limit: 60 } },
    });
    expect(await requestInstance(input(fetch, { version: '10.9.4' }))).toMatchObject({
      ok: false,
      error: { retryAt: NOW + 60_000 },
      rateLimit: null,
    });
  });

  it('skips a Turnstile instance without a key, without any request', async () => {
    let called = false;
    const fetch: FetchLike = async () => {
      called = true;
      return new Response('{}');
    };
    const outcome = await requestInstance(input(fetch, { turnstile: true }));
    expect(outcome).toEqual({
      ok: false,
      error: {
        code: 'client.turnstile',
        action: 'failover',
        errorClass: 'instance',
        remedy: 'open-web-page',
      },
      ms: 0,
      rateLimit: null,
    });
    expect(called).toBe(false);
  });

  it('tries a Turnstile instance when the user has a key for it', async () => {
    const fetch = answer(200, {
      status: 'redirect',
      url: 'https://cdn.example/v.mp4',
      filename: 'v.mp4',
    });
    expect(await requestInstance(input(fetch, { turnstile: true, apiKey: KEY }))).toMatchObject({
      ok: true,
    });
  });

  it('reports a cancelled attempt as client.aborted', async () => {
    const controller = new AbortController();
    const fetch: FetchLike = (_url, init) =>
      new Promise((_resolve, reject) => {
        init?.signal?.addEventListener('abort', () =>
          reject(new DOMException('aborted', 'AbortError')),
        );
      });
    const pending = requestInstance(input(fetch, { signal: controller.signal }));
    controller.abort();
    expect(await pending).toMatchObject({
      ok: false,
      error: { code: 'client.aborted', action: 'stop' },
    });
  });
});
