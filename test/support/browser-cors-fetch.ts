import type { FetchLike } from '../../lib/net/http';

/**
 * Node's fetch knows no CORS; an extension's fetch does. This wraps it with the part of the
 * Fetch standard that decides what the extension's background may read
 * (https://fetch.spec.whatwg.org/#http-cors-protocol), so integration tests over the real
 * loopback servers meet what Chromium and Firefox do (docs/cobalt-api.md §3.2):
 *
 * - with host access for the request's origin, the browser skips the CORS check for the
 *   extension's own requests (https://developer.chrome.com/docs/extensions/develop/concepts/network-requests,
 *   https://developer.mozilla.org/en-US/docs/Mozilla/Add-ons/WebExtensions/manifest.json/host_permissions);
 * - without it, a request that is not "simple" is preceded by an `OPTIONS` preflight, and an
 *   answer whose `Access-Control-Allow-Origin` is neither `*` nor the extension's origin ends as
 *   a network error (a `TypeError`, the same as an unreachable host), its body never read;
 * - a `no-cors` request resolves with an opaque answer (status 0, no body) whenever the host
 *   answers at all.
 *
 * The real browsers are exercised by the e2e suite (test/e2e/scenarios).
 */
export interface BrowserCorsOptions {
  /** `chrome-extension://<id>` / `moz-extension://<uuid>`: sent as `Origin`. */
  extensionOrigin: string;
  /** Whether the extension holds host access for this origin right now. */
  hasHostAccess: (origin: string) => boolean;
  fetch?: FetchLike;
}

const SIMPLE_METHODS = new Set(['GET', 'HEAD', 'POST']);
const SIMPLE_CONTENT_TYPES = new Set([
  'application/x-www-form-urlencoded',
  'multipart/form-data',
  'text/plain',
]);
const SAFELISTED = new Set(['accept', 'accept-language', 'content-language', 'content-type']);

export function browserCorsFetch(options: BrowserCorsOptions): FetchLike {
  const base = options.fetch ?? globalThis.fetch.bind(globalThis);
  return async (input, init = {}) => {
    const target = new URL(input).origin;
    if (options.hasHostAccess(target)) return base(input, init);
    const method = (init.method ?? 'GET').toUpperCase();
    if (init.mode === 'no-cors') {
      const answer = await base(input, { ...init, headers: simpleOnly(init.headers) });
      await answer.body?.cancel();
      return opaque();
    }
    const headers = new Headers(init.headers);
    headers.set('Origin', options.extensionOrigin);
    if (!isSimple(method, headers)) {
      const preflight = await base(input, {
        method: 'OPTIONS',
        signal: init.signal,
        headers: {
          Origin: options.extensionOrigin,
          'Access-Control-Request-Method': method,
          'Access-Control-Request-Headers': [...headers.keys()]
            .filter((name) => !SAFELISTED.has(name) && name !== 'origin')
            .join(','),
        },
      });
      await preflight.body?.cancel();
      if (!allows(preflight, options.extensionOrigin)) throw corsError();
    }
    const answer = await base(input, { ...init, headers });
    if (!allows(answer, options.extensionOrigin)) {
      await answer.body?.cancel();
      throw corsError();
    }
    return answer;
  };
}

function isSimple(method: string, headers: Headers): boolean {
  if (!SIMPLE_METHODS.has(method)) return false;
  for (const [name, value] of headers) {
    if (name === 'origin') continue;
    if (!SAFELISTED.has(name)) return false;
    if (name === 'content-type' && !SIMPLE_CONTENT_TYPES.has(value.split(';')[0]?.trim() ?? '')) {
      return false;
    }
  }
  return true;
}

function allows(answer: Response, extensionOrigin: string): boolean {
  const allowed = answer.headers.get('access-control-allow-origin');
  return allowed === '*' || allowed === extensionOrigin;
}

/** A `no-cors` request drops every header that is not safelisted. */
function simpleOnly(init: HeadersInit | undefined): Headers {
  const headers = new Headers();
  for (const [name, value] of new Headers(init)) if (SAFELISTED.has(name)) headers.set(name, value);
  return headers;
}

/** What a browser hands back for `no-cors`: type opaque, status 0, no headers, no body. */
function opaque(): Response {
  const response = new Response(null);
  Object.defineProperty(response, 'status', { value: 0 });
  Object.defineProperty(response, 'type', { value: 'opaque' });
  return response;
}

function corsError(): TypeError {
  return new TypeError('Failed to fetch');
}
