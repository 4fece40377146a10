import type { HealthTable } from '../health/health-state';
import type { SourceEntry } from '../instances/instance';
import type { HistoryEntry } from '../model/history-entry';
import type { Notice } from '../model/notice';
import type { RecentDownload } from '../model/recent-download';
import type { ProbeTable } from '../probe/probe-result';
import { DEFAULT_SETTINGS, type Settings } from '../settings/schema';
import type { SourceState } from '../sources/source-state';
import type { ItemStore } from '../storage/item-store';
import type { EngineDeps } from './engine-deps';
import type { Job } from './job';
import {
  healthItem,
  historyItem,
  jobsItem,
  probeCacheItem,
  recentItem,
  settingsItem,
  sourceStatesItem,
} from './stored-items';

/** Everything the background holds in memory; each field mirrors one stored item (stored-items.ts). */
export interface EngineState {
  settings: Settings;
  sources: Record<string, SourceState>;
  probes: ProbeTable;
  health: HealthTable;
  jobs: Job[];
  recent: RecentDownload[];
  /** The last 500 downloads, newest first (lib/batch/download-history.ts). */
  history: HistoryEntry[];
  /** Not stored: plain-words notices of this worker's start (a corrupt value was reset). */
  notices: Notice[];
}

/**
 * What every part of the engine shares: the outside world, the store, the one state object
 * (parts replace its fields, never the object, so `engine.state()` always sees the latest), and
 * the bundled snapshot that stands in until a tracker has answered.
 */
export interface EngineContext {
  deps: EngineDeps;
  store: ItemStore;
  state: EngineState;
  bundled: () => readonly SourceEntry[];
}

export function initialState(): EngineState {
  return {
    settings: DEFAULT_SETTINGS,
    sources: {},
    probes: {},
    health: {},
    jobs: [],
    recent: [],
    history: [],
    notices: [],
  };
}

/**
 * Reads every stored item into `ctx.state` once at start. A corrupt stored value was replaced
 * field by field by the store: the user is told what, in plain words (a notice on both pages).
 */
export async function loadState(ctx: EngineContext): Promise<void> {
  const { store, state } = ctx;
  const [settings, sources, probes, health, jobs, recent, history] = await Promise.all([
    store.read(settingsItem),
    store.read(sourceStatesItem),
    store.read(probeCacheItem),
    store.read(healthItem),
    store.read(jobsItem),
    store.read(recentItem),
    store.read(historyItem),
  ]);
  state.settings = settings.value;
  state.sources = sources.value;
  state.probes = probes.value;
  state.health = health.value;
  state.jobs = jobs.value;
  state.recent = recent.value;
  state.history = history.value;
  for (const report of [settings, sources, probes, health, jobs, recent, history].map(
    (r) => r.report,
  )) {
    for (const replaced of report.replaced) {
      state.notices.push({ key: 'noticeStoredValueReset', params: [replaced.message] });
      ctx.deps.log(`storage ${report.key}: ${replaced.message}`);
    }
  }
}
