import type { FetchLike } from '../../../lib/net/http';
import { PROBE_MAX_BYTES, probeInstance } from '../../../lib/probe/probe-instance';

/** Answers from a table keyed by URL; records every call. Opaque redirects as browsers give them. */
function fakeFetch(answers: Record<string, () => Response>) {
  const calls: { url: string; init: RequestInit | undefined }[] = [];
  const fetch: FetchLike = async (url, init) => {
    calls.push({ url, init });
    const answer = answers[url];
    if (!answer) throw new TypeError('fetch failed');
    return answer();
  };
  return { fetch, calls };
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const redirect = (location: string) => new Response(null, { status: 302, headers: { location } });
/** What a browser returns for `redirect: 'manual'`: status 0, no readable Location. */
const opaqueRedirect = () =>
  ({
    status: 0,
    type: 'opaqueredirect',
    headers: new Headers(),
    body: null,
  }) as unknown as Response;

const ORIGIN = 'https://inst.example';
const V7_INFO = { version: '7.15', commit: 'b718b79c', cors: 1 };

describe('probeInstance (fake fetch)', () => {
  it('sends only a plain GET / with no credentials and no redirect following', async () => {
    const { fetch, calls } = fakeFetch({
      [`${ORIGIN}/`]: () => json({ cobalt: { version: '11.7.1' } }),
    });
    await probeInstance({ fetch, origin: ORIGIN, timeoutMs: 1000 });
    expect(calls).toHaveLength(1);
    expect(calls[0]?.url).toBe(`${ORIGIN}/`);
    expect(calls[0]?.init).toMatchObject({
      method: 'GET',
      redirect: 'manual',
      credentials: 'omit',
    });
    expect(calls[0]?.init?.body).toBeUndefined();
    expect(Object.keys(calls[0]?.init?.headers ?? {})).toEqual(['Accept']);
  });

  it.each<[string, () => Response]>([
    ['a readable same-origin 302 (Node)', () => redirect('/api/serverInfo')],
    ['an absolute same-origin 302', () => redirect(`${ORIGIN}/api/serverInfo`)],
    ['an opaque redirect (browser)', opaqueRedirect],
  ])('v7: after %s, fetches /api/serverInfo explicitly', async (_name, first) => {
    const { fetch, calls } = fakeFetch({
      [`${ORIGIN}/`]: first,
      [`${ORIGIN}/api/serverInfo`]: () => json(V7_INFO),
    });
    const result = await probeInstance({ fetch, origin: ORIGIN, timeoutMs: 1000 });
    expect(result).toMatchObject({ ok: true, generation: 'v7', version: '7.15', services: null });
    expect(calls.map((c) => c.url)).toEqual([`${ORIGIN}/`, `${ORIGIN}/api/serverInfo`]);
  });

  it('never follows a redirect to another origin', async () => {
    const { fetch, calls } = fakeFetch({
      [`${ORIGIN}/`]: () => redirect('https://elsewhere.example/'),
    });
    const result = await probeInstance({ fetch, origin: ORIGIN, timeoutMs: 1000 });
    expect(result).toMatchObject({ ok: false, error: 'Redirects to another site' });
    expect(calls).toHaveLength(1);
  });

  it.each<[string, () => Response, string]>([
    ['an HTML page', () => new Response('<html>blocked</html>', { status: 200 }), 'not JSON'],
    ['a 403', () => new Response('no', { status: 403 }), 'HTTP 403'],
    ['JSON that is not cobalt', () => json({ hello: 'world' }), 'Not a cobalt answer'],
    ['an oversized answer', () => new Response('x'.repeat(PROBE_MAX_BYTES + 1)), 'too large'],
  ])('fails on %s', async (_name, answer, error) => {
    const { fetch } = fakeFetch({ [`${ORIGIN}/`]: answer });
    const result = await probeInstance({ fetch, origin: ORIGIN, timeoutMs: 1000 });
    expect(result.ok).toBe(false);
    expect(result.latencyMs).toBeNull();
    expect(result.error).toContain(error);
  });

  it('fails when the v7 info path does not answer', async () => {
    const { fetch } = fakeFetch({
      [`${ORIGIN}/`]: opaqueRedirect,
      [`${ORIGIN}/api/serverInfo`]: opaqueRedirect,
    });
    expect(await probeInstance({ fetch, origin: ORIGIN, timeoutMs: 1000 })).toMatchObject({
      ok: false,
      error: 'Not a cobalt answer (HTTP 0)',
    });
  });

  it('stamps the result with the injected clock', async () => {
    let t = 5000;
    const now = () => (t += 10);
    const { fetch } = fakeFetch({ [`${ORIGIN}/`]: () => json({ cobalt: { version: '10.9.4' } }) });
    const result = await probeInstance({ fetch, origin: ORIGIN, timeoutMs: 1000, now });
    expect(result).toMatchObject({ ok: true, generation: 'v10' });
    expect(result.at).toBeGreaterThan(5000);
    expect(result.latencyMs).toBeGreaterThan(0);
  });
});

describe('probeInstance: an instance closed to the extension by CORS', () => {
  /** The readable request fails as browsers fail a CORS check; `no-cors` behaves per `noCors`. */
  function corsFetch(noCors: 'answers' | 'fails') {
    const calls: RequestMode[] = [];
    const fetch: FetchLike = async (_url, init) => {
      calls.push(init?.mode ?? 'cors');
      if (init?.mode === 'no-cors' && noCors === 'answers') {
        return {
          status: 0,
          type: 'opaque',
          headers: new Headers(),
          body: null,
        } as unknown as Response;
      }
      throw new TypeError('Failed to fetch');
    };
    return { fetch, calls };
  }

  it.each<[string, 'answers' | 'fails', boolean | undefined]>([
    ['answers only opaquely: needs host access', 'answers', true],
    ['answers nothing at all: down, not closed', 'fails', undefined],
  ])('%s', async (_name, noCors, needsHostAccess) => {
    const { fetch, calls } = corsFetch(noCors);
    const result = await probeInstance({ fetch, origin: ORIGIN, timeoutMs: 1000 });
    expect(result.ok).toBe(false);
    expect(result.needsHostAccess).toBe(needsHostAccess);
    expect(calls).toEqual(['cors', 'no-cors']);
  });

  it.each<[string, () => Promise<Response>]>([
    ['a readable answer', async () => json({ cobalt: { version: '11.7.1', services: [] } })],
    ['an HTTP error', async () => new Response('no', { status: 503 })],
  ])('%s is never followed by the no-cors check', async (_name, answer) => {
    const modes: RequestMode[] = [];
    const fetch: FetchLike = async (_url, init) => {
      modes.push(init?.mode ?? 'cors');
      return answer();
    };
    const result = await probeInstance({ fetch, origin: ORIGIN, timeoutMs: 1000 });
    expect(result.needsHostAccess).toBeUndefined();
    expect(modes).toEqual(['cors']);
  });
});
