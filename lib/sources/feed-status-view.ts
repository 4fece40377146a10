import type { FeedStatusView } from '../model/feed-status-view';
import type { SourceDescriptor } from './builtin-sources';
import { isFailingForDays } from './refresh-limits';
import type { SourceState } from './source-state';

/**
 * A source's stored state → the diagnostics row the options page shows (docs/rules.md "options
 * page"). `state` is undefined for a source never fetched (e.g. just switched on). The failure
 * fields are told only while the source is failing.
 */
export function feedStatusView(
  source: SourceDescriptor,
  state: SourceState | undefined,
  enabled: boolean,
  now: number,
): FeedStatusView {
  const failing = state !== undefined && state.failures > 0;
  return {
    source: source.id,
    enabled,
    lastSuccess: state?.lastSuccess ?? null,
    // Shown only while failing: after a recovery the old error would read as current.
    lastError: failing ? state.lastError : null,
    lastAttempt: state?.lastAttempt ?? null,
    entries: state?.entries.length ?? 0,
    dropped: state?.droppedCount ?? 0,
    // A source never tried has no planned attempt to show.
    nextAttempt: state && state.lastAttempt !== null ? state.nextAttempt : null,
    failure: failing ? state.lastFailure : null,
    daily: failing && isFailingForDays(state.failingSince, now),
    listFrom: state && state.entries.length > 0 ? state.lastSuccess : null,
  };
}
