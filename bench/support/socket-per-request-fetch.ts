import { request } from 'node:http';
import type { FetchLike } from '../../lib/net/http';

/**
 * A minimal `fetch` over node:http with no connection pool (`agent: false`): one TCP connection
 * per request, closed when the answer is read or the request is aborted. That is the socket
 * discipline a probe sweep assumes (one probe = one socket), so the servers' socket count is the
 * sweep's real concurrency.
 *
 * Why not Node's own fetch: undici opens a new, idle connection to an origin right after a
 * request to it is aborted (seen in this bench: 549 connections accepted for 500 probes, one
 * extra per hanging instance, left open in its pool). That is a trait of Node's HTTP client, not
 * of lib/probe; the bench reports it separately (`probe_sweep.node_fetch_peak_open_sockets`).
 *
 * Enough of fetch for `GET` probes: method, headers, signal; `redirect` is always manual (the
 * probe asks for manual and handles 3xx itself). Body is buffered.
 */
export const socketPerRequestFetch: FetchLike = (input, init = {}) =>
  new Promise<Response>((resolve, reject) => {
    const url = new URL(input);
    const signal = init.signal ?? undefined;
    if (signal?.aborted) {
      reject(new DOMException('This operation was aborted', 'AbortError'));
      return;
    }
    const headers: Record<string, string> = {};
    new Headers(init.headers).forEach((value, key) => (headers[key] = value));
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path: `${url.pathname}${url.search}`,
        method: init.method ?? 'GET',
        headers,
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          signal?.removeEventListener('abort', onAbort);
          const responseHeaders = new Headers();
          for (const [key, value] of Object.entries(res.headers)) {
            if (typeof value === 'string') responseHeaders.set(key, value);
            else if (Array.isArray(value)) for (const v of value) responseHeaders.append(key, v);
          }
          const status = res.statusCode ?? 0;
          const nullBody = status === 204 || status === 304 || (status >= 100 && status < 200);
          resolve(
            new Response(nullBody ? null : Buffer.concat(chunks), {
              status,
              headers: responseHeaders,
            }),
          );
        });
        res.on('error', reject);
      },
    );
    const onAbort = () => {
      req.destroy();
      reject(new DOMException('This operation was aborted', 'AbortError'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    req.on('error', (error) => {
      signal?.removeEventListener('abort', onAbort);
      reject(error);
    });
    req.end(init.body === undefined || init.body === null ? undefined : String(init.body));
  });
