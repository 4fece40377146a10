import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loopbackOrigin } from './loopback-names';
import { registerServer, type RequestRecorder } from './server-registry';

/**
 * A real HTTP tracker on 127.0.0.1 (docs/rules.md "How we know it works": integration over real HTTP,
 * loopback only). One server per call; each path serves one feed, with the behaviour that
 * matters to a feed client:
 * - ETag and Last-Modified on every feed, and 304 for a matching If-None-Match (or, without
 *   one, an If-Modified-Since not older than the feed), like any static host;
 * - no CORS headers at all, like cobalt.directory (docs/cobalt-api.md §6.2);
 * - a mode per path, switchable at runtime: a 500, broken JSON, an HTML page, a Cloudflare-style
 *   browser check (HTTP 403 "Just a moment..." with `cf-mitigated: challenge`), any status,
 *   or a hang (the connection stays open without an answer until close());
 * - a log of every request with its headers (User-Agent, conditional headers).
 * By default it serves one fixture of each format at TRACKER_PATHS.
 */

type TrackerMode =
  | 'ok'
  | 'error'
  | 'broken-json'
  | 'html'
  | 'challenge'
  | 'hang'
  | { status: number; body?: string; contentType?: string };

interface TrackerRequest {
  method: string;
  /** Path without the query. */
  path: string;
  /** Path with the query, as requested. */
  url: string;
  /** Lower-case header names. */
  headers: Record<string, string>;
  /** null while hanging. */
  status: number | null;
}

interface FeedOptions {
  /** Send an ETag (default true). */
  etag?: boolean;
  /** Last-Modified time; false to omit; default the time setFeed was called. */
  lastModified?: Date | false;
  contentType?: string;
}

export interface TrackerServer {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** Serve this body (a string as-is, anything else as JSON) at path; resets the mode to ok. */
  setFeed(path: string, body: unknown, options?: FeedOptions): void;
  setMode(path: string, mode: TrackerMode): void;
  requests: TrackerRequest[];
  /** Requests to one path, in order. */
  requestsTo(path: string): TrackerRequest[];
  close(): Promise<void>;
}

/** Where the default feeds live; a test can setFeed any other path. */
export const TRACKER_PATHS = {
  hyper: '/instances.json',
  directoryTests: '/api/tests',
  directoryWorking: '/api/working',
  cobaltBest: '/best/instances.json',
} as const;

const FIXTURES = new URL('../fixtures/feeds/', import.meta.url);

const DEFAULT_FEEDS: Record<string, string> = {
  [TRACKER_PATHS.hyper]: 'hyper-2024-10-final.json',
  [TRACKER_PATHS.directoryTests]: 'directory-tests.json',
  [TRACKER_PATHS.directoryWorking]: 'directory-working.json',
  [TRACKER_PATHS.cobaltBest]: 'cobalt-best-new.json',
};

const BROKEN_JSON = '[{"api": "cobalt.example.com", "protocol": "https", "api_online": tr';
const HTML_PAGE =
  '<!doctype html><html><head><title>Instances</title></head>' +
  '<body><p>This page lists cobalt instances.</p></body></html>';
/** The shape of a Cloudflare managed challenge as a non-browser client sees it. */
const CHALLENGE_PAGE =
  '<!DOCTYPE html><html lang="en-US"><head><title>Just a moment...</title></head>' +
  '<body><noscript>Enable JavaScript and cookies to continue</noscript>' +
  '<script src="/cdn-cgi/challenge-platform/h/g/orchestrate/chl_page/v1"></script></body></html>';

interface Feed {
  body: string;
  etag: string | null;
  lastModified: string | null;
  contentType: string;
  mode: TrackerMode;
}

export function readFeedFixture(name: string): string {
  return readFileSync(new URL(name, FIXTURES), 'utf8');
}

export async function startTrackerServer(
  options: { defaults?: boolean } = {},
): Promise<TrackerServer> {
  const feeds = new Map<string, Feed>();
  const requests: TrackerRequest[] = [];

  const setFeed = (path: string, body: unknown, feedOptions: FeedOptions = {}) => {
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    const modified = feedOptions.lastModified ?? new Date();
    feeds.set(path, {
      body: text,
      etag: feedOptions.etag === false ? null : etagOf(text),
      lastModified: modified === false ? null : modified.toUTCString(),
      contentType: feedOptions.contentType ?? 'application/json; charset=utf-8',
      mode: 'ok',
    });
  };

  if (options.defaults !== false) {
    for (const [path, fixture] of Object.entries(DEFAULT_FEEDS)) {
      setFeed(path, readFeedFixture(fixture));
    }
  }

  // Set once listening; the suite-wide security invariants read every request and every feed
  // served (test/support/invariants.ts).
  let recordSeen: RequestRecorder = () => null;
  const server = createServer((req, res) => {
    const url = req.url ?? '/';
    const path = url.split('?')[0] ?? '/';
    const entry: TrackerRequest = {
      method: req.method ?? 'GET',
      path,
      url,
      headers: flattenHeaders(req),
      status: null,
    };
    requests.push(entry);
    const seen = recordSeen({ method: entry.method, path: url, headers: entry.headers, body: '' });
    const feed = feeds.get(path);
    if (!feed) {
      entry.status = 404;
      send(res, 404, { 'content-type': 'application/json' }, '{"error":"not found"}');
      return;
    }
    answer(feed, entry, req, res);
    if (seen && feed.mode === 'ok' && entry.status === 200) seen.served = feed.body;
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  recordSeen = registerServer({ kind: 'tracker', origin: loopbackOrigin(port) });

  return {
    url: loopbackOrigin(port),
    setFeed,
    setMode(path, mode) {
      const feed = feeds.get(path);
      if (!feed) throw new Error(`tracker-server: no feed at ${path}; setFeed first`);
      feed.mode = mode;
    },
    requests,
    requestsTo: (path) => requests.filter((request) => request.path === path),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function answer(feed: Feed, entry: TrackerRequest, req: IncomingMessage, res: ServerResponse) {
  const { mode } = feed;
  if (mode === 'hang') return; // Never answered; close() tears the socket down.
  const validators: Record<string, string> = {};
  if (feed.etag) validators.etag = feed.etag;
  if (feed.lastModified) validators['last-modified'] = feed.lastModified;
  const reply = (status: number, headers: Record<string, string>, body: string) => {
    entry.status = status;
    send(res, status, headers, req.method === 'HEAD' ? '' : body);
  };
  if (mode === 'error') {
    reply(500, { 'content-type': 'text/plain' }, 'Internal Server Error');
  } else if (mode === 'broken-json') {
    // With its own validators: a client must not adopt them for a feed it could not read.
    reply(200, { 'content-type': 'application/json', etag: etagOf(BROKEN_JSON) }, BROKEN_JSON);
  } else if (mode === 'html') {
    reply(200, { 'content-type': 'text/html; charset=utf-8' }, HTML_PAGE);
  } else if (mode === 'challenge') {
    const headers = { 'content-type': 'text/html; charset=UTF-8', 'cf-mitigated': 'challenge' };
    reply(403, headers, CHALLENGE_PAGE);
  } else if (typeof mode === 'object') {
    reply(mode.status, { 'content-type': mode.contentType ?? 'text/plain' }, mode.body ?? '');
  } else if (notModified(feed, req)) {
    reply(304, validators, '');
  } else {
    reply(200, { 'content-type': feed.contentType, ...validators }, feed.body);
  }
}

/** RFC 9110 §13.2.2: If-None-Match decides when present; If-Modified-Since only otherwise. */
function notModified(feed: Feed, req: IncomingMessage): boolean {
  const ifNoneMatch = req.headers['if-none-match'];
  if (ifNoneMatch !== undefined) {
    if (!feed.etag) return false;
    const tags = ifNoneMatch.split(',').map((tag) => tag.trim().replace(/^W\//, ''));
    return tags.includes('*') || tags.includes(feed.etag);
  }
  const ifModifiedSince = req.headers['if-modified-since'];
  if (ifModifiedSince !== undefined && feed.lastModified) {
    const since = Date.parse(ifModifiedSince);
    return Number.isFinite(since) && Date.parse(feed.lastModified) <= since;
  }
  return false;
}

function send(res: ServerResponse, status: number, headers: Record<string, string>, body: string) {
  res.writeHead(status, headers);
  res.end(body);
}

function etagOf(body: string): string {
  return `"${createHash('sha1').update(body).digest('hex').slice(0, 16)}"`;
}

function flattenHeaders(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}
