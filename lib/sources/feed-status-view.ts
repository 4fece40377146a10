import type { FeedStatusView } from '../model/feed-status-view';
import { isFailingForDays } from './refresh-limits';
import type { SourceState } from './source-state';

/** The failure fields of a status row: told only while the source is failing. */
export function failureFields(
  state: SourceState | undefined,
  now: number,
): Pick<FeedStatusView, 'failure' | 'daily' | 'listFrom'> {
  const failing = state !== undefined && state.failures > 0;
  return {
    failure: failing ? state.lastFailure : null,
    daily: failing && isFailingForDays(state.failingSince, now),
    listFrom: state && state.entries.length > 0 ? state.lastSuccess : null,
  };
}

/** A source's stored state → the diagnostics row the options page shows (docs/rules.md "options page"). */
export function feedStatusView(state: SourceState, enabled: boolean, now: number): FeedStatusView {
  return {
    source: state.id,
    enabled,
    lastSuccess: state.lastSuccess,
    // Shown only while failing: after a recovery the old error would read as current.
    lastError: state.failures > 0 ? state.lastError : null,
    lastAttempt: state.lastAttempt,
    entries: state.entries.length,
    dropped: state.droppedCount,
    nextAttempt: state.lastAttempt === null ? null : state.nextAttempt,
    ...failureFields(state, now),
  };
}
