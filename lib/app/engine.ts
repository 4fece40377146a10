import type { DownloadEnd } from '../model/download-end';
import { withUserAgent } from '../net/user-agent';
import { classifyPage } from '../services';
import { bundledSnapshot } from '../sources/bundled-snapshot';
import { createItemStore } from '../storage/item-store';
import { badgeState } from './badge-state';
import type { EngineDeps } from './engine-deps';
import { createRanking } from './engine-ranking';
import { initialState, loadState, type EngineContext } from './engine-state';
import type { Engine } from './engine-api';
import { createDownloadWatchdog } from './download-watchdog';
import { createBatchManager } from './batch-manager';
import { createHandlers } from './handlers';
import { createJobManager } from './job-manager';
import { dispatchMessage } from './message-handlers';
import { popupViewOfActiveTab } from './popup-for';
import { createPopupViewWriter } from './popup-view-writer';
import { createProbeScheduler } from './probe-scheduler';
import { createSourceScheduler } from './source-scheduler';
import { handoffForJob, handoffForLink } from './web-app-handoff';

/**
 * The background's brain, browser-free: it composes the parts (engine-state.ts loads what is
 * stored, job-manager.ts runs downloads, source-scheduler.ts refreshes the trackers,
 * probe-scheduler.ts probes candidates, handlers.ts answers every message) over one shared
 * state. Every change is persisted and broadcast; entrypoints/background only wires browser
 * events to the methods returned here, each of which waits for the stored state first.
 */
export function createEngine(input: EngineDeps): Engine {
  const deps: EngineDeps = {
    ...input,
    // Every request the engine makes (feeds, probes, POSTs, deep tests) names the extension.
    fetch: withUserAgent(input.fetch, input.userAgent),
    // Every download the engine starts (a job's, a picked file, a batch item's) is watched.
    download: {
      async download(request) {
        const start = await input.download.download(request);
        if (start.ok) watchdog.poke();
        return start;
      },
    },
    // Every change the pages are told of makes the popup's stored view stale.
    broadcast(message) {
      input.broadcast(message);
      views.changed();
    },
  };
  const ctx: EngineContext = {
    deps,
    store: createItemStore(deps.storage),
    state: initialState(),
    // Parsed on first use only (lib/app/known-instances.ts).
    bundled: () => bundledSnapshot().entries,
  };
  // Before the parts, which may broadcast; it builds a view only after `ready`, on a timer.
  const views = createPopupViewWriter({
    storage: deps.storage,
    build: async () => {
      await ready;
      return popupViewOfActiveTab({ ctx, ranking, batch });
    },
  });
  const ranking = createRanking(ctx);
  const jobs = createJobManager(ctx, ranking.rankFor);
  const sources = createSourceScheduler(ctx);
  const probes = createProbeScheduler(ctx);
  const batch = createBatchManager(ctx, ranking.rankFor);
  const handlers = createHandlers({ ctx, ranking, jobs, sources, probes, batch });
  const downloadEnded = async (end: DownloadEnd) => {
    await Promise.all([jobs.onDownloadEnded(end), batch.onDownloadEnded(end)]);
  };
  const watchdog = createDownloadWatchdog({
    deps,
    stallMs: deps.downloadStallMs,
    waiting: () => [...jobs.waiting(), ...batch.waiting()],
    end: downloadEnded,
  });
  // The stored queue is read beside the state (reads run side by side, lib/storage/item-store.ts):
  // a worker woken by the popup answers once both are in.
  const ready = Promise.all([loadState(ctx), batch.load()]).then(() =>
    Promise.all([jobs.recover(), batch.recover()]),
  );
  // After a worker restart: a first look at the downloads still waited for, which starts the
  // watch again (or, with none, clears a leftover alarm). Beside `ready`, not in it: a popup
  // that woke the worker does not wait for the browser's downloads answer.
  void ready.then(() => watchdog.check());
  const afterReady =
    <A extends unknown[], R>(run: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      await ready;
      return run(...args);
    };

  return {
    ready,
    async handle(envelope) {
      await ready;
      return dispatchMessage(handlers, envelope);
    },
    refresh: afterReady(sources.refresh),
    startDownload: afterReady(jobs.start),
    onDownloadEnded: afterReady(async (end: DownloadEnd) => {
      // The watchdog ended it already; this is the browser's report of the cancel that removed it.
      if (watchdog.endedByWatch(end.id)) return;
      await downloadEnded(end);
    }),
    startBatch: afterReady(batch.start),
    startBatchFromMenu: afterReady(batch.startFromMenu),
    wakeBatch: afterReady(async () => batch.wake()),
    checkDownloads: afterReady(() => watchdog.check()),
    webAppForJob: afterReady(async (jobId: string) =>
      handoffForJob(
        ctx.state.jobs.find((job) => job.id === jobId),
        ranking.rankFor,
      ),
    ),
    webAppForLink: afterReady(async (link: string) => handoffForLink(link, ranking.rankFor)),
    tabShown: () => views.tabShown(),
    badgeFor: afterReady(async (url: string | null) => {
      const page = classifyPage(url);
      return badgeState(page, page.kind === 'supported' ? ranking.usableCount(page.service) : 0);
    }),
    state: () => ctx.state,
  };
}
