import type { FeedStatusView } from '../model/feed-status-view';
import type { SourceState } from './source-state';

/** A source's stored state → the diagnostics row the options page shows (docs/rules.md "options page"). */
export function feedStatusView(state: SourceState, enabled: boolean): FeedStatusView {
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
  };
}
