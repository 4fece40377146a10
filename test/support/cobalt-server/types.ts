/**
 * Configuration and behaviour vocabulary of the cobalt-compatible test server.
 * Everything is per server (= per instance) and can be changed while it runs.
 */

/** The four API shapes the server can speak (docs/cobalt-api.md §1, §2, §7). */
export type CobaltServerVersion = '7.15' | '10.9.4' | '11.0.0' | '11.7.1';

/** What a successful `POST /` answers with (docs/cobalt-api.md §3.4). */
export type ResultKind =
  /** A tunnel of internal type `proxy` (a ready file). */
  | 'tunnel'
  /**
   * A tunnel of internal type `merge` (YouTube video + audio): what becomes local-processing
   * when the client prefers it or the instance forces it (docs/cobalt-api.md §3.4).
   */
  | 'tunnel-merge'
  | 'redirect'
  | 'picker'
  | 'local-processing-proxy'
  | 'local-processing-merge';

/** How the instance behaves; the default is `{ kind: 'healthy' }`. */
export type Behavior =
  /** Answers normally after `delayMs` of "processing". */
  | { kind: 'healthy'; delayMs?: number; result?: ResultKind }
  /** Same as healthy, named for readability in tests about slow instances. */
  | { kind: 'slow'; delayMs: number; result?: ResultKind }
  /** Accepts `POST` and never answers; `GET /` still answers (probes look fine). */
  | { kind: 'hang' }
  /** The port is closed: connections are refused until another behaviour is set. */
  | { kind: 'refuse' }
  /**
   * Every `POST /` is answered 429 `error.api.rate_exceeded` with these raw header values
   * (`null` leaves a header out), whatever the real counter says. Header and auth checks
   * still run first, as on the real server (docs/cobalt-api.md §3.3).
   */
  | {
      kind: 'rate-limited';
      retryAfter?: string | null;
      limit?: string | null;
      remaining?: string | null;
      reset?: string | null;
      policy?: string | null;
    }
  /** A 5xx on every path, like a dead upstream behind a reverse proxy. */
  | { kind: 'server-error'; status?: number; body?: 'text' | 'empty' | 'critical-json' }
  /** An HTML page on every path (Cloudflare block page, parked domain…). */
  | { kind: 'html-error'; status?: number }
  /** `POST /` answers this cobalt error (content errors such as `error.api.content.post.private`). */
  | { kind: 'error'; code: string; context?: Record<string, unknown>; status?: number }
  /** `POST /` answers a redirect to `location` (to prove a client never follows it with a key). */
  | { kind: 'redirect'; location: string; status?: 301 | 302 | 303 | 307 | 308 };

/** A per-link answer, keyed by the exact `url` the client sent (contract cases, fetch.* codes). */
export type LinkAnswer =
  { error: string; context?: Record<string, unknown> } | { result: ResultKind };

export interface CobaltServerConfig {
  version: CobaltServerVersion;
  behavior: Behavior;
  /** API keys the instance knows (`API_KEY_URL`); empty = keys not configured. */
  apiKeys: string[];
  /** `API_AUTH_REQUIRED=1`: a request without a valid key is refused (docs/cobalt-api.md §3.6). */
  authRequired: boolean;
  /** Turnstile sessions enabled: shown in `GET /`, and `POST /` needs a JWT (never issued here). */
  turnstileSitekey: string | null;
  /** `RATELIMIT_MAX` / `RATELIMIT_WINDOW` for `POST /` (docs/cobalt-api.md §3.3). */
  rateLimit: { max: number; windowSeconds: number };
  /**
   * `FORCE_LOCAL_PROCESSING=always`: results that need muxing come back as local-processing.
   * The default result then is `tunnel-merge`, so by default such an instance answers
   * local-processing `merge`; an explicit `result: 'tunnel'` stays a tunnel (docs/cobalt-api.md §3.4).
   */
  forceLocalProcessing: boolean;
  /**
   * How `/tunnel` misbehaves, to play an instance whose download is not the file: `html` serves a
   * block page with 200, `json` an error document, `empty` zero bytes, `break-half` announces the
   * full length and closes the connection half-way (an overloaded instance, a dying tunnel),
   * `stall` sends the headers, then not one byte, and never closes (a tunnel whose upstream went
   * silent: to the browser, a download in progress at 0 bytes for good).
   */
  tunnelFault: 'none' | 'html' | 'json' | 'empty' | 'break-half' | 'stall';
  /** `TUNNEL_LIFESPAN` in ms (default 90 s, docs/cobalt-api.md §3.7). */
  tunnelLifespanMs: number;
  /** The host tunnel URLs point at (`API_URL`); null = this server's own origin. */
  tunnelOrigin: string | null;
  /**
   * Where `redirect` answers and picker items point; null = this server's own `/cdn/` (a real
   * cobalt points them at the service's media hosts, which no test reaches). A test sets it to
   * a LAN address or another site to play a hostile instance.
   */
  cdnOrigin: string | null;
  /** Filename of every result (hostile names welcome); null = a realistic default. */
  filename: string | null;
  /** Size of the deterministic tunnel body in bytes. */
  tunnelBytes: number;
  /**
   * `CORS_URL` with `CORS_WILDCARD=0`: the one origin its answers allow. null (default) = `*`.
   * Anything else shuts the extension's origin out unless it has host access.
   */
  corsUrl: string | null;
  /** `git.remote` in `GET /` (a fork's own repository); null = the operator removed `git`. */
  gitRemote: string | null;
  /**
   * Real media for local-processing answers (test/support/media/make-media.ts): a merge's tunnels
   * serve these files, a `mute` (downloadMode `mute`) serves the video alone, and the output
   * filename takes the container's extension. null = deterministic bytes, as for every tunnel.
   */
  media: { video: string; audio: string; container: 'mp4' | 'webm' } | null;
  /** A media tunnel sends half its bytes, then waits this long for the rest (0: no wait). */
  mediaStallMs: number;
  /** Friendly service names listed by `GET /`. */
  services: string[];
  /** Answers for exact link strings, checked before the generic host table. */
  links: Record<string, LinkAnswer>;
  /** Clock used for tunnel expiry and rate-limit windows. */
  now: () => number;
}

export interface RequestLog {
  method: string;
  /** Path with query string. */
  path: string;
  /** Lower-cased header names, as received (includes `authorization`). */
  headers: Record<string, string>;
  body: string;
  /** ms since epoch when the request finished arriving. */
  time: number;
}
