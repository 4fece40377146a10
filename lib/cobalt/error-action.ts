/**
 * What a failed attempt means for the fallback chain (docs/cobalt-api.md §4). Every cobalt error code,
 * and every transport failure, maps to exactly one of these (lib/cobalt/classify-error.ts).
 */
export type ErrorAction =
  /** Change the request (drop a key, minimal body) and try the same instance once more. */
  | 'fix'
  /** Same instance later (rate limit with a reset time); for this chain: move on. */
  | 'retry-later'
  /** The instance is the problem: try the next one. */
  | 'failover'
  /** The content is the problem (private, deleted, live…): nothing else will do better. */
  | 'stop';

/**
 * Who is to blame. Only `instance` failures count against an instance in lib/health;
 * `content` never does (docs/rules.md "Health").
 */
export type ErrorClass = 'client' | 'instance' | 'content' | 'transient';

export interface ClassifiedError {
  /** Full cobalt code (`error.api.fetch.fail`) or a client-side one (`client.timeout`, `client.network`, …). */
  code: string;
  action: ErrorAction;
  errorClass: ErrorClass;
  /** Quarantine this instance for this service until (ms epoch), when known (rate limits). */
  retryAt?: number;
  /** cobalt's error.context (service, limit), when present. */
  context?: Record<string, unknown>;
  /**
   * What the user can do, when it is theirs to do (docs/cobalt-api.md §3.6): add an API key for this
   * instance, fix the one they gave, or use the instance's own web page (Turnstile).
   */
  remedy?: ErrorRemedy;
  /** The code is in no table (a fork, a newer cobalt): classified by fallback, worth recording. */
  unrecognised?: boolean;
  /**
   * Ambiguous codes (docs/cobalt-api.md §4: `fetch.empty` "failover up to N times, then stop",
   * `fetch.short_link` "failover once"): once more than this many instances gave the same
   * answer, the content is the likely cause, and the chain stops rather than hand the page to
   * yet another instance.
   */
  maxFailovers?: number;
}

export type ErrorRemedy = 'add-key' | 'fix-key' | 'open-web-page';
