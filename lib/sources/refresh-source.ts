import type { FeedParseResult } from '../instances/instance';
import { type FetchLike, type HttpResult, httpRequest } from '../net/http';
import type { SourceDescriptor } from './builtin-sources';
import { parseFeed } from './parse-feed';
import { nextRefreshDelayMs } from './refresh-schedule';
import { emptySourceState, MAX_DROPPED_KEPT, type SourceState } from './source-state';

/**
 * One refresh of one feed → its new state. Pure apart from the injected fetch and clock.
 *
 * - Conditional GET: the last good feed's ETag / Last-Modified go out as If-None-Match /
 *   If-Modified-Since; a 304 keeps the entries and counts as a success.
 * - Any failure (network, timeout, oversized answer, HTTP error, unparseable feed, an empty feed,
 *   or one where every entry was dropped) keeps the last good entries and validators, records a
 *   plain-words error, and backs off; a success is due again after the jittered interval
 *   (both in refresh-schedule.ts).
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

  const fail = (error: string): SourceState => {
    const failures = previous.failures + 1;
    return {
      ...previous,
      lastAttempt: at,
      lastError: error,
      lastErrorAt: at,
      lastOutcome: 'failed',
      failures,
      nextAttempt: at + nextRefreshDelayMs(failures, refreshMinutes, input.random),
    };
  };
  const succeed = (changes: Partial<SourceState>): SourceState => ({
    ...previous,
    ...changes,
    lastAttempt: at,
    lastSuccess: at,
    failures: 0,
    nextAttempt: at + nextRefreshDelayMs(0, refreshMinutes, input.random),
  });

  if (!response.ok) return fail(describeFailure(response, host, input.timeoutMs));
  if (response.status === HTTP_NOT_MODIFIED) {
    if (!hasGood) return fail(`${host} said "not modified" but we hold no copy of its feed`);
    return succeed({
      lastOutcome: 'not-modified',
      etag: response.headers.get('etag') ?? previous.etag,
      lastModified: response.headers.get('last-modified') ?? previous.lastModified,
    });
  }
  if (response.status < HTTP_OK || response.status > HTTP_SUCCESS_MAX) {
    return fail(`${host} answered with an error (HTTP ${response.status})`);
  }
  const feed = parseFeed(response.text, source.id);
  if (!feed.ok) return fail(`The feed from ${host} could not be read: ${lowerFirst(feed.error)}`);
  const unusable = emptyFeedError(feed, host);
  if (unusable) return fail(unusable);
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
function emptyFeedError(feed: FeedParseResult, host: string): string | null {
  if (feed.entries.length > 0) return null;
  const first = feed.dropped[0];
  if (!first) return `The feed from ${host} lists no instances`;
  return (
    `Every entry in the feed from ${host} was unusable ` +
    `(${feed.dropped.length} dropped; the first because ${first.reason})`
  );
}

function describeFailure(
  response: Extract<HttpResult, { ok: false }>,
  host: string,
  timeoutMs: number,
): string {
  switch (response.kind) {
    case 'timeout':
      return `${host} did not answer within ${formatDuration(timeoutMs)}`;
    case 'too-large':
      return `The feed from ${host} was too large to accept`;
    case 'bad-url':
      return `The feed address is not an http(s) address`;
    case 'aborted':
      return `The refresh of ${host} was cancelled`;
    case 'network':
      return `Could not reach ${host} (${response.message})`;
  }
}

const SECOND_MS = 1000;

function formatDuration(ms: number): string {
  return ms < SECOND_MS ? `${ms} ms` : `${Math.round(ms / SECOND_MS)} s`;
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
