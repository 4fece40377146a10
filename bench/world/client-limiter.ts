import type { FetchLike } from '../../lib/net/http';

/**
 * Each world instance's own limit on THIS client, on top of what the world model draws: cobalt's
 * express-rate-limit on `POST /` (docs/cobalt-api.md §3.3; default 20 requests per 60 s), a fixed
 * window per client that starts at the first request. `RateLimit-*` are computed when a request
 * ARRIVES (the client reads them when the answer comes back); a request over the limit is
 * answered 429 with `Retry-After` at once, before any work, and never reaches the world's draw.
 * Every request that arrives counts, whatever the world then does with it (an error, a hang, a
 * 429 of the `busy` class: other users spent the window, see below). Every answer carries the
 * window's headers.
 */
export interface ClientLimiter {
  fetch: FetchLike;
  /** 429s this limiter sent (the client's own window: avoidable). */
  refused(): number;
  /** Most requests one instance received in one window beyond its limit. */
  overLimit(): number;
  /** Requests that reached each origin. */
  received(origin: string): number;
  /** Every request as it arrived: origin, time, its count in the window (for a trace). */
  arrivals: { origin: string; at: number; count: number; windowStart: number }[];
}

/** The limiter answers before any work. */
const REFUSAL_MS = 50;

export function limitClient(
  inner: FetchLike,
  now: () => number,
  limit: number,
  windowMs: number,
): ClientLimiter {
  const windows = new Map<string, { start: number; count: number }>();
  const received = new Map<string, number>();
  let refused = 0;
  let overLimit = 0;
  const arrivals: ClientLimiter['arrivals'] = [];

  const fetch: FetchLike = (input, init) => {
    const origin = new URL(input).origin;
    if (init?.method !== 'POST') return inner(input, init);
    const at = now();
    received.set(origin, (received.get(origin) ?? 0) + 1);
    let window = windows.get(origin);
    if (!window || at >= window.start + windowMs) {
      window = { start: at, count: 0 };
      windows.set(origin, window);
    }
    window.count += 1;
    overLimit = Math.max(overLimit, window.count - limit);
    arrivals.push({ origin, at, count: window.count, windowStart: window.start });
    const reset = Math.ceil((window.start + windowMs - at) / 1000);
    const headers: Record<string, string> = {
      'RateLimit-Policy': `${limit};w=${windowMs / 1000}`,
      'RateLimit-Limit': String(limit),
      'RateLimit-Remaining': String(Math.max(0, limit - window.count)),
      'RateLimit-Reset': String(reset),
    };
    if (window.count > limit) {
      refused += 1;
      const body = JSON.stringify({
        status: 'error',
        error: { code: 'error.api.rate_exceeded', context: { limit: windowMs / 1000 } },
      });
      return new Promise((resolve, reject) => {
        const signal = init.signal ?? undefined;
        const timer = setTimeout(() => {
          signal?.removeEventListener('abort', abort);
          resolve(
            new Response(body, {
              status: 429,
              headers: {
                'Content-Type': 'application/json',
                ...headers,
                'Retry-After': String(reset),
              },
            }),
          );
        }, REFUSAL_MS);
        function abort() {
          clearTimeout(timer);
          reject(new DOMException('The operation was aborted.', 'AbortError'));
        }
        signal?.addEventListener('abort', abort, { once: true });
      });
    }
    return inner(input, init).then((response) => {
      const merged = new Headers(response.headers);
      for (const [name, value] of Object.entries(headers)) merged.set(name, value);
      if (response.status === 429) {
        // The world's `busy` class: other users behind the same limit spent it. cobalt keys its
        // limiter by address or API key, so the window they spent is the one we are counted
        // in: its headers are that window's (nothing left, reset at its end).
        merged.set('RateLimit-Remaining', '0');
        merged.set('Retry-After', String(reset));
      }
      return new Response(response.body, { status: response.status, headers: merged });
    });
  };

  return {
    fetch,
    refused: () => refused,
    overLimit: () => overLimit,
    received: (origin) => received.get(origin) ?? 0,
    arrivals,
  };
}
