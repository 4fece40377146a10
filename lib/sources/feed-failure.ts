/**
 * Why a feed refresh failed, as a kind the UI can put in plain words (public/_locales
 * `feedFail_<kind>`). The trackers of 2026 fail in a few recognisable ways: a name that no
 * longer resolves (instances.cobalt.best), a Cloudflare browser check in front of the API
 * (cobalt.directory answers non-browser clients with HTTP 403 "Just a moment…", see
 * https://developers.cloudflare.com/cloudflare-challenges/), a list that is gone (404/410),
 * or an HTML page where JSON was expected.
 */
import { z } from 'zod';
import { FEED_FAILURE_KINDS, type FeedFailure, type FeedFailureKind } from '../model/feed-failure';
import type { HttpFailureKind } from '../net/http';

export type { FeedFailure, FeedFailureKind };

export const FeedFailureSchema: z.ZodType<FeedFailure> = z.object({
  kind: z.enum(FEED_FAILURE_KINDS),
  status: z.number().int().min(100).max(599).nullable(),
});

/**
 * Resolver errors as the runtimes word them: Node/undici (`getaddrinfo ENOTFOUND`,
 * `EAI_AGAIN`) and Chromium's net error name. Browsers' fetch usually hides the reason
 * ("Failed to fetch"), which is then told as "could not reach".
 */
const DNS_ERROR = /ENOTFOUND|EAI_AGAIN|EAI_NONAME|getaddrinfo|ERR_NAME_NOT_RESOLVED/i;

/** A request that got no HTTP answer at all. */
export function classifyTransportFailure(kind: HttpFailureKind, message: string): FeedFailure {
  switch (kind) {
    case 'timeout':
      return { kind: 'timeout', status: null };
    case 'too-large':
      return { kind: 'too-large', status: null };
    case 'bad-url':
      return { kind: 'bad-url', status: null };
    case 'aborted':
      return { kind: 'cancelled', status: null };
    case 'network':
      return { kind: DNS_ERROR.test(message) ? 'dns' : 'unreachable', status: null };
  }
}

/** Statuses that mean the list is no longer at this address. */
const GONE_STATUSES = new Set([404, 410]);
/** Statuses a browser check is served with (Cloudflare uses 403, sometimes 503 or 429). */
const CHALLENGE_STATUSES = new Set([403, 429, 503]);
/**
 * Markers of an interstitial browser check: Cloudflare's `cf-mitigated: challenge` header, its
 * "Just a moment..." title (with a real ellipsis too) and its challenge script path.
 */
const CHALLENGE_BODY = /just a moment|challenge-platform|cf-challenge|checking your browser/i;

export interface ErrorAnswer {
  status: number;
  /** Lower-case header lookup (a Headers object fits). */
  headers: { get(name: string): string | null };
  text: string;
}

/** An answer outside 2xx (304 is handled by the caller: it is a success when we hold a copy). */
export function classifyErrorStatus(answer: ErrorAnswer): FeedFailure {
  const { status } = answer;
  if (CHALLENGE_STATUSES.has(status) && isChallenge(answer)) return { kind: 'challenge', status };
  if (GONE_STATUSES.has(status)) return { kind: 'gone', status };
  return { kind: 'http', status };
}

/**
 * A 2xx answer the feed parser refused: a challenge page served with 200, any other HTML or
 * text (not JSON at all), or JSON of the wrong shape.
 */
export function classifyUnreadableBody(answer: ErrorAnswer): FeedFailure {
  if (isChallenge(answer)) return { kind: 'challenge', status: answer.status };
  return { kind: looksLikeJson(answer.text) ? 'bad-feed' : 'not-json', status: answer.status };
}

function isChallenge(answer: ErrorAnswer): boolean {
  if ((answer.headers.get('cf-mitigated') ?? '').toLowerCase() === 'challenge') return true;
  return CHALLENGE_BODY.test(answer.text.slice(0, CHALLENGE_SCAN_CHARS));
}

/** A challenge page names itself in its head; no need to scan a large body. */
const CHALLENGE_SCAN_CHARS = 8192;

function looksLikeJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
