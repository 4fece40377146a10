import type { FeedParseResult } from '../instances/instance';
import { type FetchLike, httpRequest } from '../net/http';
import type { SourceDescriptor } from './builtin-sources';
import { parseFeed } from './parse-feed';
import { describeFeedFailure } from './describe-feed-failure';
import {
  classifyErrorStatus,
  classifyTransportFailure,
  classifyUnreadableBody,
  type FeedFailure,
} from './feed-failure';
import { nextRefreshDelayMs } from './refresh-schedule';
import { attemptsInWindow, limitNextAttempt, mayRequest } from './refresh-limits';
import { emptySourceState, MAX_DROPPED_KEPT, type SourceState } from './source-state';

/**
 * One refresh of one feed → its new state. Pure apart from the injected fetch and clock.
 *
 * - Conditional GET: the last good feed's ETag / Last-Modified go out as If-None-Match /
 *   If-Modified-Since; a 304 keeps the entries and counts as a success.
 * - Any failure (network, timeout, oversized answer, HTTP error, unparseable feed, an empty feed,
 *   or one where every entry was dropped) keeps the last good entries and validators, records
 *   its kind (feed-failure.ts) and plain words, and backs off; a success is due again after the jittered interval (both in
 *   refresh-schedule.ts); a source
 *   failing for a day drops to once a day (refresh-limits.ts).
 * - At most 24 requests a day per source (refresh-limits.ts): over the limit nothing is sent
 *   and the state is returned unchanged, still due at the time the limit allows.
 * - A previous state for another id/URL (the user edited a custom list) is ignored.
 */
export interface RefreshSourceInput {
  fetch: FetchLike;
  now: () => number;
  source: SourceDescriptor;
  previous: SourceState | null;
  timeoutMs: number;
  /** The user's refresh interval, the unit of the schedule (refresh-schedule.ts); default 60. */
  refreshMinutes?: number;
  /** [0, 1): the jitter of the next refresh after a success. */
  random: () => number;
  maxBytes?: number;
}

const DEFAULT_REFRESH_MINUTES = 60;
const HTTP_OK = 200;
const HTTP_NOT_MODIFIED = 304;
const HTTP_SUCCESS_MAX = 299;

export async function refreshSource(input: RefreshSourceInput): Promise<SourceState> {
  const { source, now } = input;
  const refreshMinutes = input.refreshMinutes ?? DEFAULT_REFRESH_MINUTES;
  const previous =
    input.previous && input.previous.id === source.id && input.previous.url === source.url
      ? input.previous
      : emptySourceState(source);
  const hasGood = previous.entries.length > 0;
  if (!mayRequest(previous.recentAttempts, now())) {
    return {
      ...previous,
      nextAttempt: limitNextAttempt({
        at: now(),
        proposed: previous.nextAttempt,
        failingSince: previous.failingSince,
        attempts: previous.recentAttempts,
      }),
    };
  }
  const headers: Record<string, string> = { accept: 'application/json' };
  // Validators only make sense when we still hold the feed they describe.
  if (hasGood && previous.etag) headers['if-none-match'] = previous.etag;
  if (hasGood && previous.lastModified) headers['if-modified-since'] = previous.lastModified;

  const response = await httpRequest(
    input.fetch,
    { url: source.url, timeoutMs: input.timeoutMs, headers, maxBytes: input.maxBytes },
    now,
  );
  const at = now();
  const host = hostOf(source.url);
  const attempts = [...attemptsInWindow(previous.recentAttempts, at), at];

  const fail = (failure: FeedFailure, detail?: string): SourceState => {
    const failures = previous.failures + 1;
    const failingSince = previous.failingSince ?? at;
    return {
      ...previous,
      lastAttempt: at,
      lastError: describeFeedFailure(failure, {
        host,
        timeoutMs: input.timeoutMs,
        listFrom: hasGood ? previous.lastSuccess : null,
        detail,
      }),
      lastErrorAt: at,
      lastFailure: failure,
      lastOutcome: 'failed',
      failures,
      failingSince,
      recentAttempts: attempts,
      nextAttempt: limitNextAttempt({
        at,
        proposed: at + nextRefreshDelayMs(failures, refreshMinutes, input.random),
        failingSince,
        attempts,
      }),
    };
  };
  const succeed = (changes: Partial<SourceState>): SourceState => ({
    ...previous,
    ...changes,
    lastAttempt: at,
    lastSuccess: at,
    failures: 0,
    failingSince: null,
    recentAttempts: attempts,
    nextAttempt: limitNextAttempt({
      at,
      proposed: at + nextRefreshDelayMs(0, refreshMinutes, input.random),
      failingSince: null,
      attempts,
    }),
  });

  if (!response.ok) {
    return fail(classifyTransportFailure(response.kind, response.message), response.message);
  }
  if (response.status === HTTP_NOT_MODIFIED) {
    if (!hasGood) return fail({ kind: 'no-copy-304', status: HTTP_NOT_MODIFIED });
    return succeed({
      lastOutcome: 'not-modified',
      etag: response.headers.get('etag') ?? previous.etag,
      lastModified: response.headers.get('last-modified') ?? previous.lastModified,
    });
  }
  if (response.status < HTTP_OK || response.status > HTTP_SUCCESS_MAX) {
    return fail(classifyErrorStatus(response));
  }
  const feed = parseFeed(response.text, source.id);
  if (!feed.ok) return fail(classifyUnreadableBody(response), lowerFirst(feed.error));
  const unusable = emptyFeedError(feed);
  if (unusable) return fail({ kind: 'empty', status: response.status }, unusable);
  return succeed({
    lastOutcome: 'updated',
    format: feed.format,
    entries: feed.entries,
    dropped: feed.dropped.slice(0, MAX_DROPPED_KEPT),
    droppedCount: feed.dropped.length,
    etag: response.headers.get('etag'),
    lastModified: response.headers.get('last-modified'),
  });
}

/** A feed with nothing usable is treated as broken, never as "the tracker lists nothing". */
function emptyFeedError(feed: FeedParseResult): string | null {
  if (feed.entries.length > 0) return null;
  const first = feed.dropped[0];
  if (!first) return 'it lists no instances';
  return `${feed.dropped.length} dropped; the first because ${first.reason}`;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
