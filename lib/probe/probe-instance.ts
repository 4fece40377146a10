import { httpRequest, parseJson, type FetchLike, type HttpResult } from '../net/http';
import { parseLegacyServerInfo, parseServerInfo, type ServerInfo } from './parse-server-info';
import type { ProbeResult } from './probe-result';

/**
 * 64 KB: a real `GET /` answer is under 1 KB (test/fixtures/real-cobalt/9000-get-root.json: 422 bytes);
 * anything much larger is not a cobalt info answer and not worth reading.
 */
export const PROBE_MAX_BYTES = 64 * 1024;

/** v7 answers `GET /` with a 302 to this path (docs/cobalt-api.md §1). */
const LEGACY_INFO_PATH = '/api/serverInfo';

export interface ProbeOptions {
  fetch: FetchLike;
  /** `https://host[:port]`: the probe never sends anything but `GET /` (and v7's info path). */
  origin: string;
  /** For the whole probe, the v7 second request included. */
  timeoutMs: number;
  now?: () => number;
  signal?: AbortSignal;
}

/** A probe's result, and whether it was cancelled from outside (then it says nothing). */
export interface ProbeRun {
  result: ProbeResult;
  cancelled: boolean;
}

/**
 * The light probe (docs/rules.md "Probe", docs/cobalt-api.md §9.1 step 2): `GET {origin}/` for API generation,
 * version, services and Turnstile, and its latency. It carries no user data: no page URL, no
 * key, no cookies (lib/net/http omits credentials).
 *
 * Redirects are never followed blindly: a v7 instance 302s every GET to `/api/serverInfo`,
 * so that path is fetched explicitly on the same origin. A redirect elsewhere is a failure.
 */
export async function probeInstance(options: ProbeOptions): Promise<ProbeResult> {
  return (await runProbe(options)).result;
}

export async function runProbe(options: ProbeOptions): Promise<ProbeRun> {
  const { origin, now = Date.now } = options;
  const deadline = now() + options.timeoutMs;
  const first = await get(options, '/', options.timeoutMs);
  if (!first.ok && first.kind === 'network' && (await answersOpaquely(options, deadline))) {
    return closedToUs(options);
  }
  if (!first.ok) return failed(options, first.message, first.kind === 'aborted');
  if (isSuccess(first.status))
    return fromBody(options, first, parseServerInfo, parseLegacyServerInfo);
  if (!isRedirect(first.status))
    return failed(options, `Not a cobalt answer (HTTP ${first.status})`);
  if (!redirectsWithin(origin, first.headers.get('location'))) {
    return failed(options, 'Redirects to another site');
  }
  const second = await get(options, LEGACY_INFO_PATH, Math.max(1, deadline - now()));
  if (!second.ok) return failed(options, second.message, second.kind === 'aborted');
  if (!isSuccess(second.status)) {
    return failed(options, `Not a cobalt answer (HTTP ${second.status})`);
  }
  return fromBody(options, second, parseLegacyServerInfo);
}

function get(options: ProbeOptions, path: string, timeoutMs: number): Promise<HttpResult> {
  return httpRequest(
    options.fetch,
    {
      url: `${options.origin}${path}`,
      method: 'GET',
      headers: { Accept: 'application/json' },
      timeoutMs,
      maxBytes: PROBE_MAX_BYTES,
      signal: options.signal,
      redirect: 'manual',
    },
    options.now,
  );
}

/**
 * Whether the origin answers a `no-cors` `GET /` (an opaque answer: status 0, no body), asked only
 * after the readable `GET /` failed as a network error. A browser reports a failed CORS check
 * exactly like an unreachable host (a `TypeError`, https://fetch.spec.whatwg.org/#concept-network-error),
 * but a `no-cors` request skips that check: if it gets an answer, the host is up and only its
 * `Access-Control-Allow-Origin` keeps the extension out (cobalt with `CORS_WILDCARD=0` answers
 * with its `CORS_URL` only, https://github.com/imputnet/cobalt/blob/main/api/src/core/api.js).
 * With host access for the origin, Chromium and Firefox skip the CORS check for the extension's
 * own requests, so the readable `GET /` succeeds and this is never asked (docs/cobalt-api.md §3.2).
 * `no-cors` needs `redirect: 'follow'` (https://fetch.spec.whatwg.org/#main-fetch); the answer is
 * never read, so where a redirect leads changes nothing. Node's fetch knows no CORS: there a
 * network error is real and this request fails too.
 */
async function answersOpaquely(options: ProbeOptions, deadline: number): Promise<boolean> {
  const now = options.now ?? Date.now;
  const check = await httpRequest(
    options.fetch,
    {
      url: `${options.origin}/`,
      method: 'GET',
      timeoutMs: Math.max(1, deadline - now()),
      maxBytes: PROBE_MAX_BYTES,
      signal: options.signal,
      mode: 'no-cors',
    },
    options.now,
  );
  return check.ok;
}

function closedToUs(options: ProbeOptions): ProbeRun {
  const run = failed(options, 'Answers, but not to the extension (no Access-Control-Allow-Origin)');
  return { ...run, result: { ...run.result, needsHostAccess: true } };
}

function fromBody(
  options: ProbeOptions,
  response: Extract<HttpResult, { ok: true }>,
  ...parsers: ((json: unknown) => ServerInfo | null)[]
): ProbeRun {
  const json = parseJson(response.text);
  if (!json.ok) return failed(options, 'Not a cobalt answer (not JSON)');
  for (const parse of parsers) {
    const info = parse(json.value);
    if (info) {
      return {
        result: {
          origin: options.origin,
          at: clock(options),
          ok: true,
          latencyMs: response.ms,
          ...info,
        },
        cancelled: false,
      };
    }
  }
  return failed(options, 'Not a cobalt answer');
}

function failed(options: ProbeOptions, error: string, cancelled = false): ProbeRun {
  return {
    result: {
      origin: options.origin,
      at: clock(options),
      ok: false,
      latencyMs: null,
      generation: 'unknown',
      version: null,
      services: null,
      turnstile: false,
      error,
    },
    cancelled,
  };
}

function clock(options: ProbeOptions): number {
  return (options.now ?? Date.now)();
}

function isSuccess(status: number): boolean {
  return status >= 200 && status < 300;
}

/** A 3xx, or a browser's opaque redirect (status 0, `redirect: 'manual'`), which hides Location. */
function isRedirect(status: number): boolean {
  return status === 0 || (status >= 300 && status < 400);
}

/** Unreadable (opaque) or same-origin locations may lead to the v7 info path; others may not. */
function redirectsWithin(origin: string, location: string | null): boolean {
  if (location === null) return true;
  try {
    return new URL(location, `${origin}/`).origin === origin;
  } catch {
    return false;
  }
}
