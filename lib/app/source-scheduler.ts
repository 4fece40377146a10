import type { FeedStatusView } from '../model/feed-status-view';
import { builtinSources } from '../sources/builtin-sources';
import { feedStatusView } from '../sources/feed-status-view';
import { refreshSource } from '../sources/refresh-source';
import { emptySourceState } from '../sources/source-state';
import type { EngineContext } from './engine-state';
import { sourceStatesItem } from './stored-items';

/** A feed request may take this long (trackers are slow, cobalt.directory uses 30 s). */
const FEED_TIMEOUT_MS = 20_000;
/**
 * Earliest next refresh check, so a burst of failures can't spin the alarm. Also the slack of
 * "due": a source due within this long is refreshed with the others now rather than on an
 * alarm of its own a moment later, so sources refreshed together stay together.
 */
export const MIN_ALARM_DELAY_MS = 60_000;

/** A source is due when its next attempt is at most MIN_ALARM_DELAY_MS away. */
export function isDue(nextAttempt: number | undefined, now: number): boolean {
  return (nextAttempt ?? 0) <= now + MIN_ALARM_DELAY_MS;
}

/**
 * When the refresh alarm fires next: at the earliest due time of the enabled sources (each set
 * by refresh-schedule.ts), never sooner than MIN_ALARM_DELAY_MS; with no source enabled, one
 * interval from now.
 */
export function nextAlarmAt(
  dueTimes: readonly number[],
  now: number,
  refreshMinutes: number,
): number {
  const earliest = dueTimes.length > 0 ? Math.min(...dueTimes) : now + refreshMinutes * 60_000;
  return Math.max(now + MIN_ALARM_DELAY_MS, earliest);
}

export interface SourceScheduler {
  /**
   * Refreshes every enabled source that is due (or all, when forced) and returns when the
   * refresh alarm should fire next (epoch ms).
   */
  refresh(force: boolean): Promise<number>;
  /** Every built-in and custom source with its status, enabled or not (the options page). */
  feeds(): FeedStatusView[];
}

export function createSourceScheduler(ctx: EngineContext): SourceScheduler {
  const { deps, store, state } = ctx;
  let refreshing: Promise<void> | null = null;

  async function refreshDue(force: boolean): Promise<void> {
    const at = deps.now();
    const due = builtinSources(state.settings).filter(
      (s) => force || isDue(state.sources[s.id]?.nextAttempt, at),
    );
    // One jitter per sweep: the sources refreshed together are due again together.
    const jitter = deps.random();
    const results = await Promise.all(
      due.map((source) =>
        refreshSource({
          fetch: deps.fetch,
          now: deps.now,
          source,
          previous: state.sources[source.id] ?? emptySourceState(source),
          timeoutMs: FEED_TIMEOUT_MS,
          refreshMinutes: state.settings.sources.refreshMinutes,
          random: () => jitter,
        }),
      ),
    );
    if (results.length === 0) return;
    // Sources the user switched off or removed meanwhile are not written back.
    const enabled = new Set(builtinSources(state.settings).map((d) => d.id as string));
    const next = { ...state.sources };
    for (const result of results) if (enabled.has(result.id)) next[result.id] = result;
    state.sources = next;
    await store.write(sourceStatesItem, state.sources);
    deps.broadcast({ type: 'changed', what: 'feeds' });
  }

  function nextAlarm(): number {
    const now = deps.now();
    const times = builtinSources(state.settings).map(
      (s) => state.sources[s.id]?.nextAttempt ?? now,
    );
    return nextAlarmAt(times, now, state.settings.sources.refreshMinutes);
  }

  return {
    async refresh(force) {
      // An alarm may share a refresh already under way. A forced one ("Refresh now", a sources
      // change) may not: the one in flight was planned with the sources of its own moment, so
      // it waits for it and then runs its own (forced refreshes queue up one after another).
      if (force) while (refreshing) await refreshing;
      if (!refreshing) {
        refreshing = refreshDue(force)
          .catch((error: unknown) => deps.log(`refresh failed: ${String(error)}`))
          .finally(() => {
            refreshing = null;
          });
      }
      await refreshing;
      return nextAlarm();
    },
    feeds() {
      const enabled = new Set(builtinSources(state.settings).map((s) => s.id as string));
      const all = builtinSources({
        sources: { ...state.settings.sources, hyper: true, directory: true, cobaltBest: true },
      });
      return all.map((source) =>
        feedStatusView(source, state.sources[source.id], enabled.has(source.id), deps.now()),
      );
    },
  };
}
