import { pastedLinks } from '../ui/pasted-links';
import type { SaveResult } from '../model/save-result';
import { DEFAULT_SETTINGS } from '../settings/schema';
import { exportSettings, importSettings } from '../settings/settings-file';
import type { Ranking } from './engine-ranking';
import type { EngineContext } from './engine-state';
import type { BatchManager } from './batch-manager';
import type { JobManager } from './job-manager';
import { Refusal, type MessageHandlers } from './message-handlers';
import type { ProbeScheduler } from './probe-scheduler';
import { buildPopup } from './popup-for';
import { diagnosticsRows, optionsSnapshot } from './snapshots';
import type { SourceScheduler } from './source-scheduler';
import { historyItem, settingsItem } from './stored-items';
import { testInstanceAndStore } from './test-instance';

interface HandlerParts {
  ctx: EngineContext;
  ranking: Ranking;
  jobs: JobManager;
  sources: SourceScheduler;
  probes: ProbeScheduler;
  batch: BatchManager;
}

/** Every protocol message, answered (message-handlers.ts makes a missing one a compile error). */
export function createHandlers(parts: HandlerParts): MessageHandlers {
  const { ctx, ranking, jobs, sources, batch } = parts;
  const { state } = ctx;
  const save = (value: unknown) => saveSettings(parts, value);
  return {
    'popup/snapshot': ({ tabId, jobId }) => popupFor(parts, tabId, jobId ?? undefined),
    'download/start': async (payload) => {
      const started = await jobs.start({ ...payload, openPickerInTab: false });
      if (!('jobId' in started)) throw new Refusal(started.error);
      return started;
    },
    'download/pick': ({ jobId, indexes, audio }) => jobs.pick(jobId, indexes, audio),
    'download/pick-all': async ({ jobId }) => {
      const job = await jobs.handOver(jobId);
      if (!job?.picker || job.servedBy === null) return { ok: false };
      await batch.startPicked({
        url: job.url,
        service: job.service,
        mode: job.mode,
        picker: job.picker,
        servedBy: job.servedBy,
      });
      return { ok: true };
    },
    'batch/start': (payload) => batch.start(payload),
    'batch/preview': async ({ text }) => pastedLinks(text),
    'batch/state': async () => batch.view(),
    'batch/retry': async ({ id }) => {
      await batch.retry(id);
      return batch.view();
    },
    'batch/cancel': async ({ id }) => {
      await batch.cancel(id);
      return batch.view();
    },
    'history/list': async () => state.history,
    'history/clear': async () => {
      state.history = [];
      await ctx.store.write(historyItem, []);
      ctx.deps.broadcast({ type: 'changed', what: 'recent' });
      return state.history;
    },
    'download/cancel': ({ jobId }) => jobs.cancel(jobId),
    'instance/pin': ({ origin, pinned }) =>
      save({ ...state.settings, pinned: toggle(state.settings.pinned, origin, pinned) }),
    'instance/block': ({ origin, blocked }) =>
      save({
        ...state.settings,
        blocked: toggle(state.settings.blocked, origin, blocked),
        // A blocked instance is never pinned at the same time: block wins.
        pinned: blocked ? toggle(state.settings.pinned, origin, false) : state.settings.pinned,
      }),
    'instance/test': ({ origin, service }) =>
      testInstanceAndStore(ctx, ranking.known().instances, origin, service),
    'sources/refresh': async () => {
      await sources.refresh(true);
      return sources.feeds();
    },
    'options/snapshot': async () =>
      optionsSnapshot({
        settings: state.settings,
        feeds: sources.feeds(),
        usingBundled: ranking.usingBundled(),
        diagnostics: diagnosticsRows(
          ranking.known().instances,
          state.probes,
          state.health,
          ctx.deps.now(),
        ),
        history: state.history,
        notices: state.notices,
      }),
    'settings/save': ({ settings }) => save(settings),
    'settings/import': async ({ json }) => {
      const imported = importSettings(json);
      if (!imported.ok) return { ok: false, problems: imported.problems };
      return save(imported.settings);
    },
    'settings/export': async () => ({ json: exportSettings(state.settings, ctx.deps.now()) }),
    'settings/reset': () => save(DEFAULT_SETTINGS),
  };
}

async function popupFor(parts: HandlerParts, asked: number | null, jobId: string | undefined) {
  const { page, ranked, snapshot } = await buildPopup(parts, asked, jobId);
  // Each opening on a service's page asks for a probe sweep of its candidates (cached answers are kept).
  if (page.kind === 'supported') parts.probes.probeCandidates(ranked);
  return snapshot;
}

/** Validated and stored, or refused with its problems; a change of sources refreshes them. */
async function saveSettings(parts: HandlerParts, value: unknown): Promise<SaveResult> {
  const { ctx } = parts;
  const result = await ctx.store.write(settingsItem, value);
  if (!result.ok) return { ok: false, problems: result.problems };
  const sourcesChanged =
    JSON.stringify(result.value.sources) !== JSON.stringify(ctx.state.settings.sources);
  ctx.state.settings = result.value;
  ctx.state.notices = [];
  ctx.deps.broadcast({ type: 'changed', what: 'settings' });
  if (sourcesChanged) void parts.sources.refresh(false);
  return { ok: true };
}

function toggle(list: string[], origin: string, on: boolean): string[] {
  const without = list.filter((o) => o !== origin);
  return on ? [...without, origin] : without;
}
