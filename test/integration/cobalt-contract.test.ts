import { startCobaltServer, type CobaltServer, type LinkAnswer } from '../support/cobalt-server';
import { loadTranscripts, replay, type Transcript } from '../support/cobalt-server/transcripts';

/**
 * Contract: the test server answers like the real cobalt 11.7.1 (test/fixtures/real-cobalt/).
 * Every captured request is replayed byte for byte against a test server configured like the
 * captured port (9000 default, 9001 API key required, 9002 rate limit 3 per 60 s) and the answer
 * must have the same status, the same header names, the same values where they are
 * deterministic, and the same body shape.
 *
 * About `error.api.fetch.*`: the real server had no internet, so every recognised link ended
 * in a fetch error (README "Network conditions"). Which fetch code a link gets depends on the
 * service's upstream, not on cobalt's request handling, so the test server is configured
 * through its `links` map to give those links the captured code and context. Everything else
 * (header checks, auth, rate limits, body and link validation, tunnels, CORS, redirects) comes
 * from the server's own logic.
 */

const TRANSCRIPTS = loadTranscripts();
const API_KEY = '582f214c-8531-40d5-9a5c-7f51ae99319d';

/** Header names the transport owns, not cobalt. */
const IGNORED_NAMES = new Set(['connection', 'keep-alive']);
/** Headers whose value must match too (Date, ETag, Content-Length and counters vary). */
const EXACT_VALUES = [
  'access-control-allow-origin',
  'access-control-expose-headers',
  'access-control-allow-methods',
  'access-control-allow-headers',
  'vary',
  'location',
  'content-type',
  'ratelimit-policy',
  'ratelimit-limit',
  'retry-after',
];
/** On 9002 the replay reproduces the captured sequence, so the counters must match as well. */
const SEQUENCE_VALUES = ['ratelimit-remaining', 'ratelimit-reset'];

/** The links whose captured answer was a fetch.* error, with that error. */
function fetchErrorLinks(): Record<string, LinkAnswer> {
  const links: Record<string, LinkAnswer> = {};
  for (const t of TRANSCRIPTS) {
    const body = t.response.body as {
      error?: { code?: string; context?: Record<string, unknown> };
    };
    const code = body?.error?.code;
    if (!code?.startsWith('error.api.fetch.') || !t.request.body) continue;
    const url = (JSON.parse(t.request.body) as { url: string }).url;
    links[url] = body.error?.context
      ? { error: code, context: body.error.context }
      : { error: code };
  }
  return links;
}

function lowerKeys(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
}

function names(headers: Record<string, string>): string[] {
  return Object.keys(lowerKeys(headers))
    .filter((name) => !IGNORED_NAMES.has(name))
    .sort();
}

/** Types of every leaf, so values like startTime may differ but not their kind. */
function shape(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(shape);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shape(v)]));
  }
  return typeof value;
}

let servers: Record<number, CobaltServer>;

beforeAll(async () => {
  const links = fetchErrorLinks();
  servers = {
    9000: await startCobaltServer({ links }),
    9001: await startCobaltServer({ links, apiKeys: [API_KEY], authRequired: true }),
    9002: await startCobaltServer({ links, rateLimit: { max: 3, windowSeconds: 60 } }),
  };
});

afterAll(async () => {
  await Promise.all(Object.values(servers).map((s) => s.close()));
});

function serverFor(t: Transcript): CobaltServer {
  const server = servers[t.port];
  if (!server) throw new Error(`no test server for port ${t.port}`);
  return server;
}

it('covers every captured case', () => {
  expect(TRANSCRIPTS.length).toBeGreaterThanOrEqual(50);
  expect(new Set(TRANSCRIPTS.map((t) => t.port))).toEqual(new Set([9000, 9001, 9002]));
});

// 9002 cases run in file order on one server: ratelimit-1..5, wrong-accept-after-limit and
// xff-other-client are a sequence (README "9002"). 9000/9001 cases are independent, so their
// counters are reset first.
describe.each([9000, 9001, 9002])('port %i', (port) => {
  const cases = TRANSCRIPTS.filter((t) => t.port === port);

  it.each(cases.map((t) => [t.case, t] as const))('%s', async (_name, t) => {
    const server = serverFor(t);
    if (port !== 9002) server.resetRateLimits();
    const got = await replay(server.origin, t);
    const want = t.response;

    expect(got.status).toBe(want.status);
    expect(names(got.headers)).toEqual(names(want.headers));

    const wantHeaders = lowerKeys(want.headers);
    const checked = port === 9002 ? [...EXACT_VALUES, ...SEQUENCE_VALUES] : EXACT_VALUES;
    for (const name of checked) {
      if (name in wantHeaders) expect([name, got.headers[name]]).toEqual([name, wantHeaders[name]]);
    }

    if (typeof want.body === 'string') {
      expect(got.text).toBe(want.body);
      return;
    }
    const body = JSON.parse(got.text) as Record<string, unknown>;
    if ('cobalt' in (want.body as object)) {
      const wantInfo = want.body as { cobalt: { version: string; services: string[] } };
      const gotInfo = body as typeof wantInfo & { cobalt: { url: string } };
      expect(shape(gotInfo)).toEqual(shape(wantInfo));
      expect(gotInfo.cobalt.version).toBe(wantInfo.cobalt.version);
      expect(gotInfo.cobalt.services).toEqual(wantInfo.cobalt.services);
      expect(gotInfo.cobalt.url).toBe(`${server.origin}/`);
    } else {
      // status + error.code + error.context, exactly (context is absent when the real one has none)
      expect(body).toEqual(want.body);
    }
  });
});
