import type { PathPattern } from './path-pattern';

/**
 * The shape of one row of the service table (`service-table.ts`). Detection, normalisation, the
 * context-menu match patterns, labels and the deep-test links all read these rows; nothing
 * about a service is written anywhere else.
 */

/** Which hosts a rule covers: `''` is the bare domain; `'*'` is the domain and every subdomain. */
type Subdomains = readonly string[] | '*';

/**
 * A rewrite of the link before it is sent. `from` is matched against the whole target
 * (path without the leading `/`, plus the kept query, as cobalt matches it, docs/cobalt-api.md §5.1);
 * `to` is a template of the same form whose `:name`s come from `from`'s captures.
 */
export interface PathRewrite {
  from: PathPattern;
  to: string;
  /** Host to send the rewritten link to; its own rule's patterns then apply. */
  host?: string;
}

export interface HostRule {
  /** Registrable domain, compared exactly: `youtube.com` never matches `youtube.com.evil.example`. */
  domain: string;
  subdomains: Subdomains;
  /** Host to send instead of the page's: cobalt rejects the page's host (docs/cobalt-api.md §9 item 13). */
  sendAs?: string;
  /** Path patterns for this host when they differ from the service's (short-link hosts). */
  patterns?: readonly PathPattern[];
  /** Query parameters kept on this host, when they differ from the service's. */
  keep?: readonly string[];
  /** Rewrites tried on this host before the service's own. */
  rewrites?: readonly PathRewrite[];
}

/** Bounds on one captured segment: cobalt's per-service "tester" (docs/cobalt-api.md §5.1 step 5). */
export interface CaptureLimit {
  min?: number;
  max: number;
  /** Narrower than cobalt: ids that are always numeric, so site pages are not taken for media. */
  digits?: boolean;
}

export interface ServiceSpec {
  hosts: readonly HostRule[];
  /** cobalt's path patterns, in cobalt's order: the first match alone is checked against `limits`. */
  patterns: readonly PathPattern[];
  /** The only query parameters cobalt keeps (docs/cobalt-api.md §5.1 step 1.2); everything else is tracking. */
  keep?: readonly string[];
  rewrites?: readonly PathRewrite[];
  limits: Readonly<Record<string, CaptureLimit>>;
  /** Paths a pattern would take for media but that are pages of the site (narrower than cobalt). */
  notMedia?: readonly PathPattern[];
  /** cobalt can extract audio only (docs/cobalt-api.md §5.2: `audioIgnore` lists vk, ok, loom). */
  audio: boolean;
  /** Oldest cobalt version that knows the service (docs/cobalt-api.md §5.3), or null for every v10+. */
  minVersion: string | null;
  /** The trackers' public test link for the service (docs/cobalt-api.md §6.4). */
  testLink: string;
}
