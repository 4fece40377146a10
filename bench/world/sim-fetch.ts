import type { FetchLike } from '../../lib/net/http';
import type { DownloadAdapter } from '../../lib/submit/download-adapter';
import type { SimClock } from './sim-clock';
import type { Download, World } from './world-model';

/**
 * The world's instances behind a `fetch`: `POST /` is answered as the world model draws it, on
 * the simulated clock, with real `Response`s (JSON bodies, `RateLimit-*` and `Retry-After`
 * headers on a 429) so lib/cobalt parses and classifies them exactly as it would a real
 * instance's. An aborted request rejects with an AbortError at once, like a browser's fetch.
 * Every request is logged: which instances received which page URL.
 */
export interface SimInstances {
  fetch: FetchLike;
  /** Origins that received each download's page URL, in order of first request. */
  recipients(download: Download): string[];
  /** Tunnel URL → whether its transfer breaks (for the downloads side). */
  tunnelBreaks(url: string): boolean;
}

export function simInstances(world: World): SimInstances {
  const attempts = new Map<string, number>();
  const received = new Map<number, string[]>();
  const breaking = new Map<string, boolean>();
  let tunnels = 0;

  const fetch: FetchLike = (input, init) => {
    const url = new URL(input);
    const signal = init?.signal ?? undefined;
    if (init?.method !== 'POST' || url.pathname !== '/') {
      return Promise.reject(new TypeError(`world: unexpected ${init?.method ?? 'GET'} ${input}`));
    }
    const body = JSON.parse(String(init.body)) as { url?: string };
    const download = body.url ? world.downloadByUrl(body.url) : undefined;
    if (!download) return Promise.reject(new TypeError(`world: unknown page ${body.url}`));
    const origin = url.origin;
    const list = received.get(download.index) ?? [];
    if (!list.includes(origin)) list.push(origin);
    received.set(download.index, list);
    const key = `${download.index}|${origin}`;
    const attempt = attempts.get(key) ?? 0;
    attempts.set(key, attempt + 1);
    const drawn = world.draw(download, origin, attempt);

    return new Promise<Response>((resolve, reject) => {
      const pending: { timer?: ReturnType<typeof setTimeout> } = {};
      const abort = () => {
        if (pending.timer !== undefined) clearTimeout(pending.timer);
        reject(new DOMException('The operation was aborted.', 'AbortError'));
      };
      if (signal?.aborted) return abort();
      signal?.addEventListener('abort', abort, { once: true });
      if (drawn.kind === 'hang') return;
      pending.timer = setTimeout(() => {
        signal?.removeEventListener('abort', abort);
        resolve(answer(drawn));
      }, drawn.ms);
    });

    function answer(drawn: Exclude<ReturnType<World['draw']>, { kind: 'hang' }>): Response {
      const json = { 'Content-Type': 'application/json' };
      switch (drawn.kind) {
        case 'tunnel': {
          tunnels += 1;
          const tunnel = `${origin}/tunnel?id=${tunnels}&exp=1`;
          breaking.set(tunnel, drawn.breaks);
          return new Response(
            JSON.stringify({
              status: 'tunnel',
              url: tunnel,
              filename: `file-${download!.index}.mp4`,
            }),
            { status: 200, headers: json },
          );
        }
        case 'error':
          return new Response(JSON.stringify({ status: 'error', error: { code: drawn.code } }), {
            status: drawn.status,
            headers: json,
          });
        case 'rate-limited':
          return new Response(
            JSON.stringify({
              status: 'error',
              error: { code: 'error.api.rate_exceeded', context: { limit: 60 } },
            }),
            {
              status: 429,
              headers: {
                ...json,
                'RateLimit-Policy': '20;w=60',
                'RateLimit-Limit': '20',
                'RateLimit-Remaining': '0',
                'RateLimit-Reset': String(drawn.resetSeconds),
                'Retry-After': String(drawn.resetSeconds),
              },
            },
          );
      }
    }
  };

  return {
    fetch,
    recipients: (download) => received.get(download.index) ?? [],
    tunnelBreaks: (url) => breaking.get(url) ?? false,
  };
}

/** A downloads side that only notes what it was handed and when (the clock stops there). */
export function simDownloads(clock: SimClock): DownloadAdapter & {
  calls: { url: string; at: number }[];
} {
  const calls: { url: string; at: number }[] = [];
  let id = 1;
  return {
    calls,
    async download(request) {
      calls.push({ url: request.url, at: clock.now() });
      return { ok: true, id: id++ };
    },
  };
}
