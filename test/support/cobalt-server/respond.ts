import { createHash } from 'node:crypto';
import type { ServerResponse } from 'node:http';

/**
 * Response writers that reproduce what Express + the `cors` middleware put on the wire
 * (compare test/fixtures/real-cobalt/*.json): header names, content types, ETags.
 * Node itself adds Date, Connection and Keep-Alive.
 */

export const API_EXPOSED_HEADERS =
  'Ratelimit-Limit,Ratelimit-Policy,Ratelimit-Remaining,Ratelimit-Reset';
export const TUNNEL_EXPOSED_HEADERS = 'Estimated-Content-Length,Content-Disposition';
const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

/**
 * `allowOrigin` null: cobalt's default `CORS_WILDCARD` (`*`). A string: `CORS_WILDCARD=0` with
 * that `CORS_URL`, which the `cors` package sends as the one allowed origin with `Vary: Origin`
 * (https://github.com/imputnet/cobalt/blob/main/api/src/core/api.js).
 */
export function corsHeaders(
  exposed: string,
  allowOrigin: string | null = null,
): Record<string, string> {
  const headers: Record<string, string> = {
    'Access-Control-Allow-Origin': allowOrigin ?? '*',
    'Access-Control-Expose-Headers': exposed,
  };
  if (allowOrigin !== null) headers.Vary = 'Origin';
  return headers;
}

/** Express's weak ETag: `W/"<hex length>-<first 27 chars of base64 sha1>"`. */
function etag(body: Buffer): string {
  const hash = createHash('sha1').update(body).digest('base64').slice(0, 27);
  return `W/"${body.length.toString(16)}-${hash}"`;
}

export function send(
  res: ServerResponse,
  status: number,
  headers: Record<string, string>,
  body: Buffer | string = '',
): void {
  const bytes = typeof body === 'string' ? Buffer.from(body) : body;
  res.writeHead(status, { ...headers, 'Content-Length': String(bytes.length) });
  res.end(bytes);
}

export function sendJson(
  res: ServerResponse,
  status: number,
  value: unknown,
  headers: Record<string, string>,
): void {
  const body = Buffer.from(JSON.stringify(value));
  send(res, status, { ...headers, 'Content-Type': JSON_CONTENT_TYPE, ETag: etag(body) }, body);
}

/** `res.redirect(path)`: 302, a short text body, `Vary: Accept`, no ETag. */
export function sendRedirect(
  res: ServerResponse,
  location: string,
  headers: Record<string, string>,
  status = 302,
): void {
  const text = `${status === 302 ? 'Found' : 'Redirecting'}. Redirecting to ${location}`;
  send(
    res,
    status,
    {
      ...headers,
      Location: location,
      Vary: 'Accept',
      'Content-Type': 'text/plain; charset=utf-8',
    },
    text,
  );
}

/** Express's finalhandler 404 page: what `POST /api/json` gets on v10+ (docs/cobalt-api.md §1). */
export function sendCannot(
  res: ServerResponse,
  method: string,
  path: string,
  headers: Record<string, string>,
): void {
  const html =
    '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>Error</title>\n' +
    `</head>\n<body>\n<pre>Cannot ${method} ${escapeHtml(path)}</pre>\n</body>\n</html>\n`;
  send(
    res,
    404,
    {
      ...headers,
      'Content-Security-Policy': "default-src 'none'",
      'X-Content-Type-Options': 'nosniff',
      'Content-Type': 'text/html; charset=utf-8',
    },
    html,
  );
}

/** A reverse proxy's or CDN's HTML error page (an instance behind Cloudflare, a parked domain). */
export function sendHtmlError(res: ServerResponse, status: number): void {
  const html =
    `<!DOCTYPE html><html><head><title>${status} | instance unavailable</title></head>` +
    `<body><h1>Error ${status}</h1><p>The web server reported an error.</p></body></html>`;
  send(res, status, { 'Content-Type': 'text/html; charset=UTF-8' }, html);
}

/**
 * `Content-Disposition` as the `content-disposition` package writes it: an ASCII fallback in
 * `filename="…"` plus `filename*=UTF-8''…` when the name is not plain Latin-1.
 */
export function contentDisposition(filename: string): string {
  const quoted = filename.replace(/[\\"]/g, '\\$&');
  if (/^[\x20-\x7e]*$/.test(filename)) return `attachment; filename="${quoted}"`;
  const fallback = quoted.replace(/[^\x20-\x7e]/g, '?');
  const encoded = encodeURIComponent(filename).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
