/**
 * The one way lib/ talks HTTP. Every call has a timeout, a body-size cap and an http(s)-only
 * check (docs/rules.md "Safety"); callers get a typed result instead of exceptions, so a hostile or
 * broken server can never crash a chain.
 *
 * `fetch` is injected (the background passes the browser's; tests pass Node's).
 */

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

/** 2 MB: tracker feeds of thousands of entries fit; a hostile 10 MB answer does not. */
export const DEFAULT_MAX_BYTES = 2 * 1024 * 1024;

export interface HttpRequest {
  url: string;
  method?: 'GET' | 'POST' | 'HEAD';
  headers?: Record<string, string>;
  body?: string;
  timeoutMs: number;
  maxBytes?: number;
  /** Aborts the request from outside (a hedged attempt that lost, a cancelled download). */
  signal?: AbortSignal;
  /** cobalt answers must never be followed to another origin with our key (docs/cobalt-api.md §8). */
  redirect?: RequestRedirect;
  /**
   * `no-cors` only for the probe's reachability check (lib/probe/probe-instance.ts): the answer is
   * opaque (status 0, no body), but that it arrived at all is the fact wanted.
   */
  mode?: 'cors' | 'no-cors';
}

export type HttpFailureKind = 'bad-url' | 'timeout' | 'aborted' | 'network' | 'too-large';

export type HttpResult =
  | {
      ok: true;
      status: number;
      headers: Headers;
      /** Raw text, at most maxBytes. */
      text: string;
      ms: number;
    }
  | { ok: false; kind: HttpFailureKind; message: string; ms: number };

export function isHttpUrl(value: string): boolean {
  try {
    const { protocol } = new URL(value);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}

export async function httpRequest(
  fetchImpl: FetchLike,
  req: HttpRequest,
  now: () => number = Date.now,
): Promise<HttpResult> {
  const started = now();
  const elapsed = () => Math.max(0, now() - started);
  if (!isHttpUrl(req.url)) {
    return { ok: false, kind: 'bad-url', message: `Refused to fetch a non-http(s) address`, ms: 0 };
  }
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, req.timeoutMs);
  const onOuterAbort = () => controller.abort();
  if (req.signal) {
    if (req.signal.aborted) controller.abort();
    else req.signal.addEventListener('abort', onOuterAbort, { once: true });
  }
  try {
    const res = await fetchImpl(req.url, {
      method: req.method ?? 'GET',
      headers: req.headers,
      body: req.body,
      signal: controller.signal,
      redirect: req.redirect ?? 'follow',
      mode: req.mode ?? 'cors',
      credentials: 'omit',
      cache: 'no-store',
    });
    const text = await readCapped(res, req.maxBytes ?? DEFAULT_MAX_BYTES);
    if (text === null) {
      return { ok: false, kind: 'too-large', message: 'The answer was too large', ms: elapsed() };
    }
    return { ok: true, status: res.status, headers: res.headers, text, ms: elapsed() };
  } catch (error) {
    if (timedOut)
      return {
        ok: false,
        kind: 'timeout',
        message: `No answer within ${req.timeoutMs} ms`,
        ms: elapsed(),
      };
    if (controller.signal.aborted)
      return { ok: false, kind: 'aborted', message: 'Cancelled', ms: elapsed() };
    return { ok: false, kind: 'network', message: describeNetworkError(error), ms: elapsed() };
  } finally {
    clearTimeout(timer);
    req.signal?.removeEventListener('abort', onOuterAbort);
  }
}

/** Reads at most maxBytes; returns null (and cancels the stream) past the cap. */
async function readCapped(res: Response, maxBytes: number): Promise<string | null> {
  const declared = Number(res.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await res.body?.cancel().catch(() => undefined);
    return null;
  }
  if (!res.body) return '';
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  const all = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    all.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return new TextDecoder().decode(all);
}

function describeNetworkError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  // Node's undici wraps the real reason in `cause` (ECONNREFUSED, ECONNRESET…).
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : '';
  return cause ? `${message} (${cause})` : message;
}

/** Parses JSON without throwing. */
export function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}
