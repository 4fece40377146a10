import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { loopbackOrigin } from '../loopback-names';
import { registerServer } from '../server-registry';
import { FixedWindowLimiter } from './rate-limiter';
import { parseModernRequest, parseV7Request, type NormalizedRequest } from './request-schemas';
import {
  API_EXPOSED_HEADERS,
  TUNNEL_EXPOSED_HEADERS,
  contentDisposition,
  corsHeaders,
  send,
  sendCannot,
  sendHtmlError,
  sendJson,
  sendRedirect,
} from './respond';
import { DEFAULT_SERVICES, classifyLink } from './services';
import { TunnelStore, tunnelBody, type TunnelEntry } from './tunnels';
import type { Behavior, CobaltServerConfig, RequestLog, ResultKind } from './types';

export type { Behavior, CobaltServerVersion, LinkAnswer } from './types';
// The e2e suite calls it through its esbuild bundle of this file (test/e2e/lib/support.mjs).
export { tunnelBody } from './tunnels';
/**
 * A cobalt-compatible HTTP server on 127.0.0.1 for integration tests, e2e and benchmarks.
 * One server = one instance; its behaviour and configuration change at runtime. Its answers
 * follow the real 11.7.1 captures in test/fixtures/real-cobalt/ (checked by
 * test/integration/cobalt-contract.test.ts) and docs/cobalt-api.md §1–§3, §7 for the other versions.
 *
 * Deviation from the real server, on purpose: `GET /cdn/<seed>/<name>` serves bytes, standing in
 * for the service CDN that `redirect` and picker answers point at.
 */
export interface CobaltServer {
  /** `http://127.0.0.1:<port>`: stays the same across `refuse` and back. */
  readonly origin: string;
  /** `origin + '/'`, as `cobalt.url` shows it. */
  readonly url: string;
  readonly requests: RequestLog[];
  readonly config: Readonly<CobaltServerConfig>;
  setBehavior(behavior: Behavior): Promise<void>;
  configure(patch: Partial<CobaltServerConfig>): Promise<void>;
  /** The exact bytes a tunnel or v7 stream URL this server made serves; null if unknown. */
  expectedTunnelBytes(url: string): Buffer | null;
  /** Forget rate-limit counters (not the request log). */
  resetRateLimits(): void;
  close(): Promise<void>;
}

export interface StartOptions extends Partial<CobaltServerConfig> {
  /** 0 (default) = any free port. */
  port?: number;
  /** The loopback domain it is named in (test/support/loopback-names.ts); `cobalt.test` by default. */
  domain?: string;
}

const LOOPBACK = '127.0.0.1';
const BODY_LIMIT_BYTES = 1024; // express.json({ limit: 1024 }) (docs/cobalt-api.md §2)
const LOG_BODY_CAP_BYTES = 64 * 1024;
const DEFAULT_TUNNEL_LIFESPAN_MS = 90_000;
const SESSION_LIMIT = { max: 10, windowSeconds: 60 };
const TUNNEL_LIMIT = { max: 40, windowSeconds: 60 };
const V10_DURATION_LIMIT_SECONDS = 10_800;
const ACCEPT_RE = /^application\/json(; charset=utf-8)?$/;
const API_KEY_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const GIT = {
  branch: 'main',
  commit: 'a636575b09de1fc55d9b8cd98cac88f5f2f16b42',
};
const V7_TEXT = {
  noLink: "i can't guess what you want to download! please give me a link :(",
  cantProcess: "i couldn't process your request :(",
  unsupported:
    'it seems like this service is not supported yet or your link is invalid. have you pasted the right link?',
  headers: 'invalid request headers: use application/json',
  tooBig: 'the request is too large',
  rateLimit: "you're making too many requests. try again in a minute!",
  fetch: "i couldn't get anything from the service. it might be down or blocking this instance.",
} as const;
/** `GET /` service names vs the internal keys local-processing answers carry (docs/cobalt-api.md §3.4). */
const INTERNAL_KEY: Record<string, string> = { bluesky: 'bsky', 'twitch clips': 'twitch' };

export async function startCobaltServer(options: StartOptions = {}): Promise<CobaltServer> {
  const { port: requestedPort = 0, domain, ...overrides } = options;
  const config: CobaltServerConfig = {
    version: '11.7.1',
    behavior: { kind: 'healthy' },
    apiKeys: [],
    authRequired: false,
    turnstileSitekey: null,
    rateLimit: { max: 20, windowSeconds: 60 },
    forceLocalProcessing: false,
    tunnelFault: 'none',
    tunnelLifespanMs: DEFAULT_TUNNEL_LIFESPAN_MS,
    tunnelOrigin: null,
    cdnOrigin: null,
    filename: null,
    tunnelBytes: 4096,
    media: null,
    mediaStallMs: 0,
    services: [...DEFAULT_SERVICES],
    corsUrl: null,
    gitRemote: 'imputnet/cobalt',
    links: {},
    now: Date.now,
    ...overrides,
  };
  const clock = () => config.now();
  const startTime = String(clock());
  const requests: RequestLog[] = [];
  const apiLimiter = new FixedWindowLimiter(() => config.rateLimit, clock);
  const sessionLimiter = new FixedWindowLimiter(() => SESSION_LIMIT, clock);
  const tunnelLimiter = new FixedWindowLimiter(() => TUNNEL_LIMIT, clock);
  const tunnels = new TunnelStore(clock);
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  let listening = false;

  const server: Server = createServer((req, res) => {
    void handle(req, res).catch(() => {
      if (!res.headersSent) send(res, 500, {}, '');
      else res.destroy();
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  const port = await listen(requestedPort);
  const origin = loopbackOrigin(port, domain);
  // The suite-wide security invariants read every request (test/support/invariants.ts).
  const recordSeen = registerServer({ kind: 'cobalt', origin, apiKeys: () => config.apiKeys });

  function listen(onPort: number): Promise<number> {
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(onPort, LOOPBACK, () => {
        server.off('error', reject);
        listening = true;
        resolve((server.address() as AddressInfo).port);
      });
    });
  }

  function stopListening(): Promise<void> {
    if (!listening) return Promise.resolve();
    listening = false;
    return new Promise((resolve) => {
      server.close(() => resolve());
      for (const socket of sockets) socket.destroy();
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
    });
  }

  async function applyBehavior(next: Behavior): Promise<void> {
    config.behavior = next;
    if (next.kind === 'refuse') await stopListening();
    else if (!listening) await listen(port);
  }

  function wait(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.add(timer);
    });
  }

  const apiBase = () => config.tunnelOrigin ?? origin;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    const method = req.method ?? 'GET';
    const target = new URL(req.url ?? '/', origin);
    const logged: RequestLog = {
      method,
      path: `${target.pathname}${target.search}`,
      headers: flattenHeaders(req),
      body: body.text,
      time: clock(),
    };
    requests.push(logged);
    recordSeen(logged);
    const behavior = config.behavior;
    if (behavior.kind === 'server-error') return sendServerError(res, behavior);
    if (behavior.kind === 'html-error') return sendHtmlError(res, behavior.status ?? 403);

    const isTunnelPath = target.pathname === '/tunnel' || target.pathname === '/api/stream';
    const cors = corsHeaders(
      isTunnelPath ? TUNNEL_EXPOSED_HEADERS : API_EXPOSED_HEADERS,
      config.corsUrl,
    );
    if (method === 'OPTIONS') return sendPreflight(req, res, cors);
    if (method === 'POST' && behavior.kind === 'hang') return; // never answered
    if (method === 'POST' && behavior.kind === 'redirect') {
      return sendRedirect(res, behavior.location, cors, behavior.status ?? 302);
    }
    if ((method === 'GET' || method === 'HEAD') && target.pathname.startsWith('/cdn/')) {
      return sendCdn(res, target.pathname, cors);
    }
    if (config.version === '7.15') return handleV7(req, res, method, target, body, cors);
    return handleModern(req, res, method, target, body, cors);
  }

  async function handleModern(
    req: IncomingMessage,
    res: ServerResponse,
    method: string,
    target: URL,
    body: Body,
    cors: Record<string, string>,
  ): Promise<void> {
    const path = target.pathname;
    if (method === 'GET' || method === 'HEAD') {
      if (path === '/') return sendJson(res, 200, serverInfo(), cors);
      if (path === '/tunnel') return sendTunnel(req, res, target.searchParams, cors);
      if (path === '/favicon.ico') return send(res, 404, cors);
      return sendRedirect(res, '/', cors);
    }
    if (method === 'POST' && path === '/') return handleApiPost(req, res, body, cors);
    if (method === 'POST' && path === '/session') return handleSession(req, res, cors);
    return sendCannot(res, method, path, cors);
  }

  function serverInfo(): unknown {
    const cobalt: Record<string, unknown> = {
      version: config.version,
      url: `${apiBase()}/`,
      startTime,
    };
    if (config.version === '10.9.4') cobalt.durationLimit = V10_DURATION_LIMIT_SECONDS;
    if (config.turnstileSitekey) cobalt.turnstileSitekey = config.turnstileSitekey;
    cobalt.services = config.services;
    return config.gitRemote === null
      ? { cobalt }
      : { cobalt, git: { ...GIT, remote: config.gitRemote } };
  }

  async function handleApiPost(
    req: IncomingMessage,
    res: ServerResponse,
    body: Body,
    cors: Record<string, string>,
  ): Promise<void> {
    const fail = (
      code: string,
      extra: Record<string, string> = {},
      context?: unknown,
      status = 400,
    ) => sendJson(res, status, errorBody(code, context), { ...cors, ...extra });

    // 1. headers, before anything else (api.js acceptRegex; 9002-post-wrong-accept-after-limit)
    if (!ACCEPT_RE.test(req.headers.accept ?? '')) return fail('error.api.header.accept');
    if (!ACCEPT_RE.test(req.headers['content-type'] ?? '')) {
      return fail('error.api.header.content_type');
    }
    // 2. auth, before the limiter (docs/cobalt-api.md §3.6)
    const auth = checkAuth(req.headers.authorization);
    if (!auth.ok) return fail(auth.code);
    // 3. rate limit: counts every request that got this far, errors included (docs/cobalt-api.md §3.3)
    const behavior = config.behavior;
    const rateExceededStatus = config.version === '10.9.4' ? 400 : 429;
    const context = { limit: config.rateLimit.windowSeconds };
    if (behavior.kind === 'rate-limited') {
      return fail(
        'error.api.rate_exceeded',
        forcedLimitHeaders(behavior),
        context,
        rateExceededStatus,
      );
    }
    const verdict = apiLimiter.hit(auth.bucket ?? clientBucket(req));
    if (verdict.blocked) {
      return fail('error.api.rate_exceeded', verdict.headers, context, rateExceededStatus);
    }
    const limitHeaders = verdict.headers;
    // 4. body: size, JSON, url, schema (docs/cobalt-api.md §2)
    if (body.size > BODY_LIMIT_BYTES) return fail('error.api.invalid_body', limitHeaders);
    const json = parseJsonBody(body.text);
    if (!json.ok) return fail('error.api.invalid_body', limitHeaders);
    if (!isTruthyUrl(json.value)) return fail('error.api.link.missing', limitHeaders);
    const parsed = parseModernRequest(config.version, json.value);
    if (!parsed.ok) return fail('error.api.invalid_body', limitHeaders);
    // 5. link → service
    const answer = config.links[parsed.request.url];
    const link = classifyLink(parsed.request.url);
    if (answer && 'error' in answer) return fail(answer.error, limitHeaders, answer.context);
    if (link.kind === 'invalid') return fail('error.api.link.invalid', limitHeaders);
    const { service } = link;
    if (link.kind === 'unsupported') {
      return fail('error.api.link.unsupported', limitHeaders, { service });
    }
    if (behavior.kind === 'error') {
      return fail(behavior.code, limitHeaders, behavior.context, behavior.status ?? 400);
    }
    // 6. "processing"
    const requested =
      answer && 'result' in answer ? answer.result : (resultOf(behavior) ?? defaultKind());
    const delay =
      behavior.kind === 'healthy' || behavior.kind === 'slow' ? (behavior.delayMs ?? 0) : 0;
    if (delay > 0) await wait(delay);
    if (res.destroyed) return;
    const kind = effectiveKind(requested, parsed.request);
    sendJson(res, 200, modernResult(kind, parsed.request, service), { ...cors, ...limitHeaders });
  }

  function handleSession(req: IncomingMessage, res: ServerResponse, cors: Record<string, string>) {
    const verdict = sessionLimiter.hit(clientBucket(req));
    const headers = { ...cors, ...verdict.headers };
    const status = config.version === '10.9.4' ? 400 : 429;
    if (verdict.blocked) {
      return sendJson(res, status, errorBody('error.api.rate_exceeded', { limit: 60 }), headers);
    }
    const code = !config.turnstileSitekey
      ? 'error.api.auth.not_configured'
      : req.headers['cf-turnstile-response']
        ? 'error.api.auth.turnstile.invalid' // tokens are never issued here
        : 'error.api.auth.turnstile.missing';
    return sendJson(res, 400, errorBody(code), headers);
  }

  /** api.js: API key check, then the JWT check when Turnstile sessions are on. */
  function checkAuth(
    header: string | undefined,
  ): { ok: true; bucket?: string } | { ok: false; code: string } {
    if (config.apiKeys.length > 0) {
      const key = validateApiKey(header, config.apiKeys);
      if (key.ok) return { ok: true, bucket: `key:${key.key}` };
      const fallsThrough =
        (config.turnstileSitekey || !config.authRequired) &&
        (key.error === 'missing' || key.error === 'not_api_key');
      if (!fallsThrough) return { ok: false, code: `error.api.auth.key.${key.error}` };
    }
    if (config.turnstileSitekey) {
      if (!header) return { ok: false, code: 'error.api.auth.jwt.missing' };
      // Only a Bearer JWT (< 256 chars) could pass, and this server never issues one (§3.6).
      return { ok: false, code: 'error.api.auth.jwt.invalid' };
    }
    return { ok: true };
  }

  /**
   * Without an explicit result: a plain tunnel, except on an instance that forces local
   * processing, where the default is a merge (a YouTube link's usual shape), so that such an
   * instance actually answers local-processing, which is why one configures it.
   */
  function defaultKind(): ResultKind {
    return config.forceLocalProcessing ? 'tunnel-merge' : 'tunnel';
  }

  /** match-action.js: what the requested result becomes for this request and instance (§3.4). */
  function effectiveKind(kind: ResultKind, request: NormalizedRequest): ResultKind {
    const result = request.alwaysProxy && kind === 'redirect' ? 'tunnel' : kind;
    // no local-processing before 11.0
    if (config.version === '10.9.4')
      return result.startsWith('local-processing') ? 'tunnel' : result;
    // FORCE_LOCAL_PROCESSING silently upgrades `disabled` to `preferred`
    const mode =
      request.localProcessing === 'disabled' && config.forceLocalProcessing
        ? 'preferred'
        : request.localProcessing;
    if (mode === 'disabled') return result;
    if (result === 'tunnel-merge') return 'local-processing-merge';
    // `preferred` leaves a plain proxy a tunnel; `forced` makes every non-picker local
    if (mode === 'forced' && (result === 'tunnel' || result === 'redirect')) {
      return 'local-processing-proxy';
    }
    return result;
  }

  function makeTunnel(
    path: '/tunnel' | '/api/stream',
    filename: string,
    mime: string,
    file?: string,
  ): string {
    const params = tunnels.create(
      { filename, mime, length: config.tunnelBytes, ...(file ? { file } : {}) },
      config.tunnelLifespanMs,
    );
    if (path === '/api/stream') {
      const v7 = new URLSearchParams({
        t: params.get('id') ?? '',
        e: params.get('exp') ?? '',
        h: params.get('sig') ?? '',
        s: params.get('sec') ?? '',
        i: params.get('iv') ?? '',
      });
      return `${apiBase()}/api/stream?${v7.toString()}`;
    }
    return `${apiBase()}/tunnel?${params.toString()}`;
  }

  let cdnSeed = 1000;
  function cdnUrl(name: string): string {
    cdnSeed += 1;
    return `${config.cdnOrigin ?? origin}/cdn/${cdnSeed}/${encodeURIComponent(name)}`;
  }

  function filenameFor(request: NormalizedRequest, service: string): string {
    if (config.filename !== null) return config.filename;
    const base = `${service.replace(/\s+/g, '_')}_test_media`;
    if (request.downloadMode !== 'audio') return `${base}.mp4`;
    const ext = request.audioFormat === 'best' ? 'opus' : request.audioFormat;
    return `${base}.${ext}`;
  }

  function modernResult(kind: ResultKind, request: NormalizedRequest, service: string): unknown {
    const filename = filenameFor(request, service);
    const mime = request.downloadMode === 'audio' ? 'audio/mpeg' : 'video/mp4';
    switch (kind) {
      case 'tunnel':
      case 'tunnel-merge':
        return { status: 'tunnel', url: makeTunnel('/tunnel', filename, mime), filename };
      case 'redirect':
        return { status: 'redirect', url: cdnUrl(filename), filename };
      case 'picker':
        return pickerResult(service, (name) => makeTunnel('/tunnel', name, 'image/jpeg'));
      case 'local-processing-proxy':
      case 'local-processing-merge': {
        if (kind === 'local-processing-merge' && config.media) {
          return mediaMerge(config.media, request, service, filename);
        }
        const merge = kind === 'local-processing-merge';
        const tunnel = merge
          ? [
              makeTunnel('/tunnel', filename, 'video/mp4'),
              makeTunnel('/tunnel', filename, 'audio/mp4'),
            ]
          : [makeTunnel('/tunnel', filename, mime)];
        return {
          status: 'local-processing',
          type: merge ? 'merge' : 'proxy',
          service: INTERNAL_KEY[service] ?? service,
          tunnel,
          output: { type: mime, filename },
        };
      }
    }
  }

  /** A merge (or mute) whose tunnels serve real media, as cobalt's YouTube answers do. */
  function mediaMerge(
    media: NonNullable<CobaltServerConfig['media']>,
    request: NormalizedRequest,
    service: string,
    filename: string,
  ): unknown {
    const output = filename.replace(/\.[a-z0-9]+$/i, `.${media.container}`);
    const mute = request.downloadMode === 'mute';
    const video = makeTunnel('/tunnel', output, `video/${media.container}`, media.video);
    const audio = makeTunnel('/tunnel', output, `audio/${media.container}`, media.audio);
    return {
      status: 'local-processing',
      type: mute ? 'mute' : 'merge',
      service: INTERNAL_KEY[service] ?? service,
      tunnel: mute ? [video] : [video, audio],
      output: { type: `video/${media.container}`, filename: output },
    };
  }

  function pickerResult(service: string, thumb: (name: string) => string): unknown {
    const picker = [
      { type: 'photo', url: cdnUrl('photo_1.jpg'), thumb: thumb('photo_1_thumb.jpg') },
      { type: 'video', url: cdnUrl('video_2.mp4'), thumb: thumb('video_2_thumb.jpg') },
      { type: 'gif', url: cdnUrl('gif_3.mp4') },
    ];
    if (service !== 'tiktok') return { status: 'picker', picker };
    const audioFilename = `${service}_audio.mp3`;
    return {
      status: 'picker',
      picker,
      audio: makeTunnel('/tunnel', audioFilename, 'audio/mpeg'),
      audioFilename,
    };
  }

  async function handleV7(
    req: IncomingMessage,
    res: ServerResponse,
    method: string,
    target: URL,
    body: Body,
    cors: Record<string, string>,
  ): Promise<void> {
    const path = target.pathname;
    if (method === 'GET' || method === 'HEAD') {
      if (path === '/api/serverInfo') {
        return sendJson(
          res,
          200,
          {
            version: config.version,
            commit: 'b718b79c',
            branch: 'current',
            name: 'cobalt-test',
            url: `${apiBase()}/`,
            cors: 1,
            startTime,
          },
          cors,
        );
      }
      if (path === '/api/stream') {
        const q = target.searchParams;
        if (q.get('p') === '1') return sendJson(res, 200, { status: 'continue' }, cors);
        const renamed = new URLSearchParams({
          id: q.get('t') ?? '',
          exp: q.get('e') ?? '',
          sig: q.get('h') ?? '',
          sec: q.get('s') ?? '',
          iv: q.get('i') ?? '',
        });
        return sendTunnel(req, res, renamed, cors);
      }
      return sendRedirect(res, '/api/serverInfo', cors);
    }
    if (method !== 'POST' || path !== '/api/json') return sendCannot(res, method, path, cors);

    const fail = (text: string, extra: Record<string, string> = {}) =>
      sendJson(res, 400, { status: 'error', text }, { ...cors, ...extra });
    const behavior = config.behavior;
    const verdict = apiLimiter.hit(clientBucket(req));
    if (verdict.blocked || behavior.kind === 'rate-limited') {
      const headers =
        behavior.kind === 'rate-limited' ? forcedLimitHeaders(behavior) : verdict.headers;
      return sendJson(
        res,
        429,
        { status: 'rate-limit', text: V7_TEXT.rateLimit },
        { ...cors, ...headers },
      );
    }
    const limitHeaders = verdict.headers;
    if (body.size > BODY_LIMIT_BYTES) return fail(V7_TEXT.tooBig, limitHeaders);
    if (
      !ACCEPT_RE.test(req.headers.accept ?? '') ||
      !ACCEPT_RE.test(req.headers['content-type'] ?? '')
    ) {
      return fail(V7_TEXT.headers, limitHeaders);
    }
    const json = parseJsonBody(body.text);
    if (!json.ok) return fail(V7_TEXT.cantProcess, limitHeaders);
    const parsed = parseV7Request(json.value);
    if (!parsed.ok) {
      return fail(parsed.reason === 'no-link' ? V7_TEXT.noLink : V7_TEXT.cantProcess, limitHeaders);
    }
    const answer = config.links[parsed.request.url];
    const link = classifyLink(parsed.request.url);
    if (answer && 'error' in answer) return fail(V7_TEXT.fetch, limitHeaders);
    if (link.kind !== 'service') return fail(V7_TEXT.unsupported, limitHeaders);
    const { service } = link;
    if (behavior.kind === 'error') return fail(V7_TEXT.fetch, limitHeaders);
    const kind =
      answer && 'result' in answer ? answer.result : (resultOf(behavior) ?? defaultKind());
    const delay =
      behavior.kind === 'healthy' || behavior.kind === 'slow' ? (behavior.delayMs ?? 0) : 0;
    if (delay > 0) await wait(delay);
    if (res.destroyed) return;
    const filename = filenameFor(parsed.request, service);
    const headers = { ...cors, ...limitHeaders };
    if (kind === 'redirect') {
      return sendJson(res, 200, { status: 'redirect', url: cdnUrl(filename) }, headers);
    }
    if (kind === 'picker') {
      const picker = [
        { type: 'photo', url: cdnUrl('photo_1.jpg') },
        { type: 'video', url: cdnUrl('video_2.mp4'), thumb: cdnUrl('video_2_thumb.jpg') },
      ];
      return sendJson(
        res,
        200,
        { status: 'picker', pickerType: 'various', picker, audio: false },
        headers,
      );
    }
    const url = makeTunnel('/api/stream', filename, 'video/mp4');
    return sendJson(res, 200, { status: 'stream', url }, headers);
  }

  function sendTunnel(
    req: IncomingMessage,
    res: ServerResponse,
    query: URLSearchParams,
    cors: Record<string, string>,
  ): void {
    const verdict = tunnelLimiter.hit(clientBucket(req));
    const headers = { ...cors, ...verdict.headers };
    if (verdict.blocked) return send(res, 429, headers); // a bare 429 (docs/cobalt-api.md §3.3)
    const found = tunnels.lookup(query);
    if (found.status !== 200) return send(res, found.status, headers);
    if (found.probe) return send(res, 200, headers);
    const { entry } = found;
    if (entry.file && config.mediaStallMs > 0) return sendStalled(res, headers, entry);
    const fileHeaders = {
      ...headers,
      'Content-Type': entry.mime,
      'Content-Disposition': contentDisposition(entry.filename),
      'Cross-Origin-Resource-Policy': 'cross-origin',
    };
    const body = entry.file ? readFileSync(entry.file) : tunnelBody(entry.length, entry.seed);
    switch (config.tunnelFault) {
      case 'none':
        return send(res, 200, fileHeaders, body);
      case 'html':
        return sendHtmlError(res, 200);
      case 'json':
        return sendJson(res, 200, { error: 'tunnel unavailable' }, headers);
      case 'empty':
        return send(res, 200, fileHeaders, Buffer.alloc(0));
      case 'break-half':
        res.writeHead(200, { ...fileHeaders, 'Content-Length': String(body.length) });
        res.write(body.subarray(0, Math.floor(body.length / 2)), () => res.destroy());
        return;
      case 'stall':
        // Held open until the browser gives up or the server closes (its sockets are destroyed).
        res.writeHead(200, { ...fileHeaders, 'Content-Length': String(body.length) });
        res.flushHeaders();
        return;
    }
  }

  /** A real media tunnel that sends half its bytes, then stalls (a slow upstream). */
  function sendStalled(res: ServerResponse, headers: Record<string, string>, entry: TunnelEntry) {
    const body = readFileSync(entry.file!);
    res.writeHead(200, {
      ...headers,
      'Content-Type': entry.mime,
      'Content-Length': String(body.length),
      'Cross-Origin-Resource-Policy': 'cross-origin',
    });
    const half = Math.floor(body.length / 2);
    res.write(body.subarray(0, half));
    const timer = setTimeout(() => res.end(body.subarray(half)), config.mediaStallMs);
    res.on('close', () => clearTimeout(timer));
  }

  function sendCdn(res: ServerResponse, path: string, cors: Record<string, string>): void {
    const match = /^\/cdn\/(\d+)\//.exec(path);
    if (!match) return send(res, 404, cors);
    const seed = Number(match[1]);
    send(
      res,
      200,
      { ...cors, 'Content-Type': 'application/octet-stream' },
      tunnelBody(config.tunnelBytes, seed),
    );
  }

  function sendServerError(
    res: ServerResponse,
    behavior: Extract<Behavior, { kind: 'server-error' }>,
  ) {
    const status = behavior.status ?? 502;
    if (behavior.body === 'critical-json') {
      const critical = {
        status: 'error',
        error: { code: 'error.api.fetch.critical.core' },
        critical: true,
      };
      return sendJson(res, status, critical, corsHeaders(API_EXPOSED_HEADERS, config.corsUrl));
    }
    if (behavior.body === 'empty') return send(res, status, {});
    return send(res, status, { 'Content-Type': 'text/plain; charset=utf-8' }, 'Bad Gateway');
  }

  const api = {
    origin,
    url: `${origin}/`,
    requests,
    config,
    setBehavior: applyBehavior,
    async configure(patch: Partial<CobaltServerConfig>) {
      const { behavior, ...rest } = patch;
      Object.assign(config, rest);
      if (behavior) await applyBehavior(behavior);
    },
    expectedTunnelBytes: (url: string) => tunnels.expectedBody(url),
    resetRateLimits() {
      apiLimiter.reset();
      sessionLimiter.reset();
      tunnelLimiter.reset();
    },
    async close() {
      await stopListening();
    },
  } satisfies CobaltServer;
  if (config.behavior.kind === 'refuse') await stopListening();
  return api;
}

interface Body {
  text: string;
  size: number;
}

async function readBody(req: IncomingMessage): Promise<Body> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= LOG_BODY_CAP_BYTES) chunks.push(chunk);
  }
  return { text: Buffer.concat(chunks).toString('utf8'), size };
}

function flattenHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

/** body-parser with `strict: true`: empty → {}, only objects/arrays, anything else → error. */
function parseJsonBody(text: string): { ok: true; value: unknown } | { ok: false } {
  if (text.length === 0) return { ok: true, value: {} };
  const first = text.trimStart()[0];
  if (first !== '{' && first !== '[') return { ok: false };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

function isTruthyUrl(value: unknown): boolean {
  return typeof value === 'object' && value !== null && Boolean((value as { url?: unknown }).url);
}

function errorBody(code: string, context?: unknown): unknown {
  return context === undefined
    ? { status: 'error', error: { code } }
    : { status: 'error', error: { code, context } };
}

function resultOf(behavior: Behavior): ResultKind | undefined {
  return behavior.kind === 'healthy' || behavior.kind === 'slow' ? behavior.result : undefined;
}

function forcedLimitHeaders(
  behavior: Extract<Behavior, { kind: 'rate-limited' }>,
): Record<string, string> {
  const headers: Record<string, string> = {};
  const set = (name: string, value: string | null | undefined, fallback: string) => {
    if (value === null) return;
    headers[name] = value ?? fallback;
  };
  set('RateLimit-Policy', behavior.policy, '20;w=60');
  set('RateLimit-Limit', behavior.limit, '20');
  set('RateLimit-Remaining', behavior.remaining, '0');
  set('RateLimit-Reset', behavior.reset, '60');
  set('Retry-After', behavior.retryAfter, '60');
  return headers;
}

/**
 * The limiter's key: the client IP, or the first X-Forwarded-For entry when the peer is
 * loopback (the real server trusts it there: 9002-post-xff-other-client).
 */
function clientBucket(req: IncomingMessage): string {
  const peer = req.socket.remoteAddress ?? 'unknown';
  const forwarded = req.headers['x-forwarded-for'];
  const isLoopback = peer === '127.0.0.1' || peer === '::1' || peer === '::ffff:127.0.0.1';
  if (isLoopback && typeof forwarded === 'string' && forwarded.trim()) {
    return `ip:${forwarded.split(',')[0]?.trim() ?? peer}`;
  }
  return `ip:${peer}`;
}

function sendPreflight(
  req: IncomingMessage,
  res: ServerResponse,
  cors: Record<string, string>,
): void {
  const requested = req.headers['access-control-request-headers'];
  const headers: Record<string, string> = {
    'Access-Control-Allow-Origin': cors['Access-Control-Allow-Origin'] ?? '*',
    'Access-Control-Allow-Methods': 'GET,POST',
  };
  if (requested) {
    headers.Vary = cors.Vary
      ? `${cors.Vary}, Access-Control-Request-Headers`
      : 'Access-Control-Request-Headers';
    headers['Access-Control-Allow-Headers'] = requested;
  }
  send(res, 204, {
    ...headers,
    'Access-Control-Expose-Headers': cors['Access-Control-Expose-Headers'] ?? '',
  });
}

function validateApiKey(
  header: string | undefined,
  keys: string[],
):
  | { ok: true; key: string }
  | { ok: false; error: 'missing' | 'not_api_key' | 'invalid' | 'not_found' } {
  if (!header) return { ok: false, error: 'missing' };
  const [scheme = '', key = ''] = header.split(' ', 2);
  if (scheme.toLowerCase() !== 'api-key') return { ok: false, error: 'not_api_key' };
  if (!API_KEY_RE.test(key) || `${scheme} ${key}` !== header)
    return { ok: false, error: 'invalid' };
  if (!keys.includes(key)) return { ok: false, error: 'not_found' };
  return { ok: true, key };
}
