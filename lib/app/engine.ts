import type { HealthTable } from '../health/health-state';
import { pruneHealth } from '../health/prune-health';
import { withUserAgent } from '../net/http';
import type {
  Envelope,
  MessageType,
  PageInfo,
  RecentDownload,
  ResponseOf,
  UserError,
} from '../messages/protocol';
import { probeMany } from '../probe/probe-many';
import type { ProbeTable } from '../probe/probe-result';
import { selectProbeCandidates } from '../probe/select-probe-candidates';
import { rank } from '../rank/rank';
import type { RankedEntry } from '../rank/ranked-entry';
import { classifyPage, matchService } from '../services';
import type { ServiceKey } from '../services/service-key';
import { DEFAULT_SETTINGS, type DownloadMode, type Settings } from '../settings/schema';
import { exportSettings, importSettings } from '../settings/settings-file';
import { bundledSnapshot } from '../sources/bundled-snapshot';
import { builtinSources } from '../sources/builtin-sources';
import { refreshSource } from '../sources/refresh-source';
import { SourceStateSchema, emptySourceState, type SourceState } from '../sources/source-state';
import { addRecentDownload } from '../storage/add-recent-download';
import { createItemStore } from '../storage/item-store';
import {
  defineSourceStatesItem,
  healthItem,
  jobsItem,
  probeCacheItem,
  recentItem,
  settingsItem,
} from '../storage/items';
import { downloadPicked } from '../submit/download-picked';
import { badgeState, type BadgeView } from './badge-state';
import type { EngineDeps } from './engine-deps';
import { pruneJobs, recoverJob, type Job } from './job';
import { knownInstances } from './known-instances';
import { dispatchMessage, type MessageHandlers } from './message-handlers';
import { runJob } from './run-job';
import { testInstance } from './test-instance';
import {
  diagnosticsRows,
  feedStatus,
  jobForPopup,
  optionsSnapshot,
  popupSnapshot,
  type Notice,
} from './snapshots';

/**
 * The background's brain, browser-free: state loaded once from storage, every message
 * handled here, every change persisted and broadcast. entrypoints/background only wires
 * browser events to these methods.
 */

/** A feed request may take this long (trackers are slow, cobalt.directory uses 30 s). */
export const FEED_TIMEOUT_MS = 20_000;
/** Earliest next refresh check, so a burst of failures can't spin the alarm. */
export const MIN_ALARM_DELAY_MS = 60_000;

const sourceStatesItem = defineSourceStatesItem(SourceStateSchema);

export interface EngineState {
  settings: Settings;
  sources: Record<string, SourceState>;
  probes: ProbeTable;
  health: HealthTable;
  jobs: Job[];
  recent: RecentDownload[];
  notices: Notice[];
}

export type Engine = ReturnType<typeof createEngine>;

export function createEngine(input: EngineDeps) {
  // Every request the engine makes (feeds, probes, POSTs, deep tests) names the extension.
  const deps: EngineDeps = { ...input, fetch: withUserAgent(input.fetch, input.userAgent) };
  const store = createItemStore(deps.storage);
  const bundled = bundledSnapshot();
  const state: EngineState = {
    settings: DEFAULT_SETTINGS,
    sources: {},
    probes: {},
    health: {},
    jobs: [],
    recent: [],
    notices: [],
  };
  let probing: Promise<void> | null = null;
  let refreshing: Promise<void> | null = null;

  const ready = (async () => {
    const [settings, sources, probes, health, jobs, recent] = await Promise.all([
      store.read(settingsItem),
      store.read(sourceStatesItem),
      store.read(probeCacheItem),
      store.read(healthItem),
      store.read(jobsItem),
      store.read(recentItem),
    ]);
    state.settings = settings.value;
    state.sources = sources.value;
    state.probes = probes.value;
    state.health = health.value;
    state.jobs = jobs.value;
    state.recent = recent.value;
    // A corrupt stored value was replaced field by field: tell the user what, in plain words.
    for (const report of [settings, sources, probes, health, jobs, recent].map((r) => r.report)) {
      for (const replaced of report.replaced) {
        state.notices.push({ key: 'noticeStoredValueReset', params: [replaced.message] });
        deps.log(`storage ${report.key}: ${replaced.message}`);
      }
    }
    await recoverJobs();
  })();

  // ---- instances and ranking ------------------------------------------------------------

  function instances() {
    const enabled = new Set(builtinSources(state.settings).map((s) => s.id as string));
    const states = Object.values(state.sources).filter((s) => enabled.has(s.id));
    return knownInstances(bundled, states);
  }

  function rankFor(service: ServiceKey): RankedEntry[] {
    return rank(
      service,
      { instances: instances().instances, probes: state.probes, health: state.health },
      state.settings,
      deps.now(),
    );
  }

  function usableCount(service: ServiceKey): number {
    return rankFor(service).filter((r) => !r.excluded).length;
  }

  /** Probes the top candidates for a service in the background; the popup updates when done. */
  function probeCandidates(ranked: readonly RankedEntry[]): void {
    if (probing) return;
    const origins = selectProbeCandidates(ranked, state.settings);
    if (origins.length === 0) return;
    probing = (async () => {
      const probes = await probeMany({
        fetch: deps.fetch,
        origins,
        concurrency: state.settings.probe.concurrency,
        timeoutMs: state.settings.probe.timeoutMs,
        cache: state.probes,
        cacheMs: state.settings.probe.cacheMinutes * 60_000,
        now: deps.now,
      });
      const changed = origins.some((o) => probes[o] !== state.probes[o]);
      if (!changed) return;
      state.probes = { ...state.probes, ...probes };
      await store.write(probeCacheItem, state.probes);
      deps.broadcast({ type: 'changed', what: 'instances' });
    })()
      .catch((error: unknown) => deps.log(`probe sweep failed: ${String(error)}`))
      .finally(() => {
        probing = null;
      });
  }

  // ---- sources ---------------------------------------------------------------------------

  /** Refreshes every enabled source that is due (or all, when forced). Returns the next alarm time. */
  async function refresh(force: boolean): Promise<number> {
    await ready;
    // An alarm may share a refresh already under way. A forced one ("Refresh now", a sources
    // change) may not: the one in flight was planned with the sources of its own moment, so
    // it waits for it and then runs its own (forced refreshes queue up one after another).
    if (force) while (refreshing) await refreshing;
    if (!refreshing) {
      refreshing = (async () => {
        const at = deps.now();
        const due = builtinSources(state.settings).filter(
          (s) => force || (state.sources[s.id]?.nextAttempt ?? 0) <= at,
        );
        const results = await Promise.all(
          due.map((source) =>
            refreshSource({
              fetch: deps.fetch,
              now: deps.now,
              source,
              previous: state.sources[source.id] ?? emptySourceState(source),
              timeoutMs: FEED_TIMEOUT_MS,
              userAgent: deps.userAgent,
              refreshMinutes: state.settings.sources.refreshMinutes,
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
      })()
        .catch((error: unknown) => deps.log(`refresh failed: ${String(error)}`))
        .finally(() => {
          refreshing = null;
        });
    }
    await refreshing;
    const times = builtinSources(state.settings).map(
      (s) => state.sources[s.id]?.nextAttempt ?? deps.now(),
    );
    return Math.max(
      deps.now() + MIN_ALARM_DELAY_MS,
      Math.min(...times, deps.now() + state.settings.sources.refreshMinutes * 60_000),
    );
  }

  // ---- jobs --------------------------------------------------------------------------------

  async function saveJobs(): Promise<void> {
    state.jobs = pruneJobs(state.jobs, deps.now());
    await store.write(jobsItem, state.jobs);
  }

  async function updateJob(id: string, change: (job: Job) => Job): Promise<Job> {
    const index = state.jobs.findIndex((j) => j.id === id);
    const current = state.jobs[index];
    if (!current) throw new Error(`no job ${id}`);
    const next = change(current);
    state.jobs = state.jobs.map((j) => (j.id === id ? next : j));
    await saveJobs();
    deps.broadcast({ type: 'changed', what: 'job', jobId: id });
    if (next.state !== current.state) await onJobStateChange(next);
    return next;
  }

  async function onJobStateChange(job: Job): Promise<void> {
    if (job.state === 'failed') {
      await finishJob(job, false);
    } else if (job.state === 'picker' && job.openPickerInTab) {
      deps.openPicker(job.id);
    }
  }

  async function finishJob(job: Job, ok: boolean): Promise<void> {
    const entry: RecentDownload = {
      at: deps.now(),
      service: job.service,
      filename: job.filenames[0] ?? null,
      servedBy: job.servedBy,
      ok,
      ...(job.error ? { errorKey: job.error.titleKey } : {}),
    };
    state.recent = addRecentDownload(state.recent, entry);
    await store.write(recentItem, state.recent);
    deps.broadcast({ type: 'changed', what: 'recent' });
    const { notifications } = state.settings;
    if (ok && notifications.onSuccess) {
      deps.notify(job.id, 'notifyDoneTitle', 'notifyDoneMessage', [
        job.filenames.join(', '),
        job.servedBy ?? '',
      ]);
    } else if (!ok && notifications.onFailure) {
      deps.notify(
        job.id,
        'notifyFailedTitle',
        job.error?.titleKey ?? 'notifyFailedMessage',
        job.error?.params ?? [],
      );
    }
  }

  function launch(job: Job): void {
    const skip = new Set(job.trail.filter((t) => t.outcome !== 'running').map((t) => t.origin));
    void runJob({
      job,
      ranked: rankFor(job.service),
      settings: state.settings,
      probes: state.probes,
      fetch: deps.fetch,
      download: deps.download,
      now: deps.now,
      health: state.health,
      onOutcome: (change) => {
        state.health = pruneHealth(change(state.health), deps.now());
        void store.write(healthItem, state.health);
      },
      update: (change) => updateJob(job.id, change),
      skip,
    }).catch(async (error: unknown) => {
      deps.log(`job ${job.id} crashed: ${String(error)}`);
      await updateJob(job.id, (j) => ({
        ...j,
        state: 'failed',
        error: {
          kind: 'internal',
          titleKey: 'error_internal_title',
          detailKey: 'error_internal_detail',
        },
        updatedAt: deps.now(),
      }));
    });
  }

  async function recoverJobs(): Promise<void> {
    const resumed: Job[] = [];
    const failed: Job[] = [];
    state.jobs = state.jobs.map((job) => {
      const recovery = recoverJob(job, deps.now(), state.settings.fallback.deadlineMs);
      if (recovery.action === 'resume') resumed.push(recovery.job);
      if (recovery.action === 'failed') failed.push(recovery.job);
      return recovery.job;
    });
    await saveJobs();
    for (const job of failed) await finishJob(job, false);
    for (const job of resumed) launch(job);
  }

  async function startDownload(input: {
    tabId: number | null;
    url: string | null;
    mode: DownloadMode;
    openPickerInTab: boolean;
  }): Promise<{ jobId: string } | { error: UserError }> {
    await ready;
    const tabId = input.tabId ?? (input.url === null ? await deps.activeTabId() : null);
    const pageUrl = input.url ?? (tabId !== null ? await deps.tabUrl(tabId) : null);
    const match = pageUrl ? matchService(pageUrl) : null;
    if (!match) {
      // From the menu or the shortcut no popup is open to show the refusal: say it as a notification.
      if (input.openPickerInTab && state.settings.notifications.onFailure) {
        deps.notify(
          `refused-${deps.now()}`,
          'notifyFailedTitle',
          'error_unsupported_page_title',
          [],
        );
      }
      return {
        error: {
          kind: 'input',
          titleKey: 'error_unsupported_page_title',
          detailKey: 'error_unsupported_page_detail',
        },
      };
    }
    const at = deps.now();
    const job: Job = {
      id: `${at.toString(36)}-${Math.floor(deps.random() * 1e9).toString(36)}`,
      tabId,
      service: match.service,
      mode: input.mode,
      url: match.url,
      state: 'running',
      startedAt: at,
      updatedAt: at,
      trail: [],
      servedBy: null,
      picker: null,
      filenames: [],
      downloadIds: [],
      error: null,
      resumes: 0,
      openPickerInTab: input.openPickerInTab,
    };
    state.jobs = [...state.jobs, job];
    await saveJobs();
    deps.broadcast({ type: 'changed', what: 'job', jobId: job.id });
    launch(job);
    return { jobId: job.id };
  }

  async function pick(jobId: string, indexes: number[], audio: boolean): Promise<{ ok: boolean }> {
    await ready;
    const job = state.jobs.find((j) => j.id === jobId);
    if (!job?.picker || job.state !== 'picker') return { ok: false };
    const outcome = await downloadPicked(job.picker, indexes, audio, deps.download, {
      saveAs: state.settings.saveAs,
      service: job.service,
    });
    const started = outcome.started;
    await updateJob(jobId, (j) => ({
      ...j,
      state: started.length > 0 ? 'downloading' : 'failed',
      filenames: started.map((s) => s.filename),
      downloadIds: started.flatMap((s) => (typeof s.id === 'number' ? [s.id] : [])),
      error:
        started.length > 0
          ? null
          : {
              kind: 'internal',
              titleKey: 'error_download_failed_title',
              detailKey: 'error_download_failed_detail',
              params: [outcome.failed[0]?.message ?? ''],
            },
      updatedAt: deps.now(),
    }));
    return { ok: started.length > 0 };
  }

  /** The browser reports a download finished: the job is done when all its files are. */
  async function onDownloadEnded(id: number, ok: boolean): Promise<void> {
    await ready;
    const job = state.jobs.find((j) => j.downloadIds.includes(id));
    if (!job) return;
    const ended = new Set([...(job.endedDownloads ?? []), id]);
    const allEnded = job.downloadIds.every((d) => ended.has(d));
    const next = await updateJob(job.id, (j) => ({
      ...j,
      endedDownloads: [...ended],
      ...(ok
        ? {}
        : {
            error: {
              kind: 'internal' as const,
              titleKey: 'error_download_failed_title',
              detailKey: 'error_download_interrupted_detail',
            },
          }),
      ...(allEnded ? { state: ok && !j.error ? ('done' as const) : ('failed' as const) } : {}),
      updatedAt: deps.now(),
    }));
    if (allEnded && next.state === 'done') await finishJob(next, true);
  }

  // ---- settings ----------------------------------------------------------------------------

  async function saveSettings(value: unknown): Promise<ResponseOf<'settings/save'>> {
    const result = await store.write(settingsItem, value);
    if (!result.ok) return { ok: false, problems: result.problems };
    const sourcesChanged =
      JSON.stringify(result.value.sources) !== JSON.stringify(state.settings.sources);
    state.settings = result.value;
    state.notices = [];
    deps.broadcast({ type: 'changed', what: 'settings' });
    if (sourcesChanged) void refresh(false);
    return { ok: true };
  }

  function toggleOrigin(list: string[], origin: string, on: boolean): string[] {
    const without = list.filter((o) => o !== origin);
    return on ? [...without, origin] : without;
  }

  // ---- messages ----------------------------------------------------------------------------

  async function pageFor(tabId: number | null): Promise<{ tabId: number | null; page: PageInfo }> {
    const id = tabId ?? (await deps.activeTabId());
    const url = id !== null ? await deps.tabUrl(id) : null;
    return { tabId: id, page: classifyPage(url) };
  }

  /** Every protocol message, answered (message-handlers.ts makes a missing one a compile error). */
  const handlers: MessageHandlers = {
    'popup/snapshot': async ({ tabId: asked, jobId }) => {
      const { tabId, page } = await pageFor(asked);
      const job = jobForPopup(state.jobs, tabId, jobId ?? undefined);
      const service =
        page.kind === 'supported' || page.kind === 'service-page'
          ? page.service
          : (job?.service ?? null);
      const ranked = service ? rankFor(service) : [];
      if (page.kind === 'supported') probeCandidates(ranked);
      return popupSnapshot({
        page,
        tabId,
        ranked,
        settings: state.settings,
        probes: state.probes,
        usingBundled: instances().usingBundled,
        job,
        recent: state.recent,
        notices: state.notices,
        service,
      });
    },
    'download/start': (payload) => startDownload({ ...payload, openPickerInTab: false }),
    'download/pick': ({ jobId, indexes, audio }) => pick(jobId, indexes, audio),
    'instance/pin': ({ origin, pinned }) =>
      saveSettings({
        ...state.settings,
        pinned: toggleOrigin(state.settings.pinned, origin, pinned),
      }),
    'instance/block': ({ origin, blocked }) =>
      saveSettings({
        ...state.settings,
        blocked: toggleOrigin(state.settings.blocked, origin, blocked),
        // A blocked instance is never pinned at the same time: block wins (BRIEF "Trust policy").
        pinned: blocked
          ? toggleOrigin(state.settings.pinned, origin, false)
          : state.settings.pinned,
      }),
    'instance/test': async ({ origin, service }) => {
      const outcome = await testInstance({
        origin,
        service,
        settings: state.settings,
        probes: state.probes,
        known: instances().instances,
        fetch: deps.fetch,
        now: deps.now,
      });
      if (outcome.probes) {
        state.probes = outcome.probes;
        await store.write(probeCacheItem, state.probes);
      }
      if (outcome.health) {
        state.health = outcome.health(state.health);
        await store.write(healthItem, state.health);
      }
      if (outcome.probes) deps.broadcast({ type: 'changed', what: 'instances' });
      return outcome.results;
    },
    'sources/refresh': async () => {
      await refresh(true);
      return feeds();
    },
    'options/snapshot': async () =>
      optionsSnapshot({
        settings: state.settings,
        feeds: feeds(),
        diagnostics: diagnosticsRows(instances().instances, state.probes, state.health, deps.now()),
        notices: state.notices,
      }),
    'settings/save': ({ settings }) => saveSettings(settings),
    'settings/import': async ({ json }) => {
      const imported = importSettings(json);
      if (!imported.ok) return { ok: false, problems: imported.problems };
      return saveSettings(imported.settings);
    },
    'settings/export': async () => ({ json: exportSettings(state.settings, deps.now()) }),
    'settings/reset': () => saveSettings(DEFAULT_SETTINGS),
  };

  async function handle<T extends MessageType>(envelope: Envelope<T>): Promise<ResponseOf<T>> {
    await ready;
    return dispatchMessage(handlers, envelope);
  }

  function feeds() {
    const enabled = new Set(builtinSources(state.settings).map((s) => s.id as string));
    const all = builtinSources({
      sources: { ...state.settings.sources, hyper: true, directory: true, cobaltBest: true },
    });
    return all.map((source) =>
      feedStatus(source, state.sources[source.id], enabled.has(source.id), deps.now()),
    );
  }

  return {
    ready,
    handle,
    refresh,
    startDownload,
    onDownloadEnded,
    /** Badge for a tab's URL. */
    async badgeFor(url: string | null): Promise<BadgeView> {
      await ready;
      const page = classifyPage(url);
      return badgeState(page, page.kind === 'supported' ? usableCount(page.service) : 0);
    },
    /** For tests and diagnostics. */
    state: () => state,
  };
}
