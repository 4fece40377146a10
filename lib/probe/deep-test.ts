import type { AttemptOutcome } from '../cobalt/cobalt-result';
import type { ClassifiedError } from '../cobalt/error-action';
import type { DeepTestResult } from '../model/deep-test-result';
import { isHttpUrl, type FetchLike } from '../net/http';
import type { ServiceKey } from '../services/service-key';

/**
 * One real request to an instance, as lib/cobalt's requestInstance makes it; the caller binds
 * the instance's version and the user's key, so this module depends on none of it.
 */
export type DeepTestRequest = (request: {
  fetch: FetchLike;
  origin: string;
  url: string;
  signal?: AbortSignal;
}) => Promise<AttemptOutcome>;

export interface DeepTestOptions {
  fetch: FetchLike;
  origin: string;
  service: ServiceKey;
  /** The trackers' public test link for the service (lib/services deepTestLink). */
  testLink: string;
  requestInstance: DeepTestRequest;
  now?: () => number;
  signal?: AbortSignal;
}

/** A deep test's result; `error` lets the caller record the outcome in lib/health. */
export interface DeepTestReport extends DeepTestResult {
  error?: ClassifiedError;
}

/** Client-side codes of a deep test, next to cobalt's `error.api.*` codes. */
export const DEEP_TEST_CODES = {
  /** The test link is not an http(s) URL: nothing was sent. */
  badTestLink: 'client.bad_test_link',
  /** The request function threw instead of returning an outcome (a bug, contained). */
  internal: 'client.internal',
} as const;

/**
 * The deep test (docs/rules.md "Probe"): a real `POST` of the trackers' public test link, like the
 * trackers do. It spends one unit of the instance's rate limit, so it runs only when the user
 * asks. The link is public, never the user's page.
 */
export async function deepTest(options: DeepTestOptions): Promise<DeepTestReport> {
  const { origin, service, now = Date.now } = options;
  if (!isHttpUrl(options.testLink)) {
    return { origin, service, ok: false, code: DEEP_TEST_CODES.badTestLink, ms: 0 };
  }
  const started = now();
  let outcome: AttemptOutcome;
  try {
    outcome = await options.requestInstance({
      fetch: options.fetch,
      origin,
      url: options.testLink,
      signal: options.signal,
    });
  } catch {
    // A request function must return outcomes, not throw; a throw is our bug, contained.
    return { origin, service, ok: false, code: DEEP_TEST_CODES.internal, ms: now() - started };
  }
  const ms = Number.isFinite(outcome.ms) && outcome.ms >= 0 ? outcome.ms : now() - started;
  if (outcome.ok) return { origin, service, ok: true, ms };
  return { origin, service, ok: false, code: outcome.error.code, ms, error: outcome.error };
}
