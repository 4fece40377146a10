import { nodeLocalProcessor } from '../../test/support/node-local-processor';
import { createBatchManager } from '../../lib/app/batch-manager';
import { initialState, type EngineContext } from '../../lib/app/engine-state';
import type { BatchItem } from '../../lib/batch/batch-queue';
import type { HealthTable } from '../../lib/health/health-state';
import { rank } from '../../lib/rank/rank';
import { createItemStore } from '../../lib/storage/item-store';
import type { StorageArea } from '../../lib/storage/storage-area';
import type { FetchLike } from '../../lib/net/http';
import type { SimClock } from './sim-clock';
import type { DownloadEnd } from '../../lib/model/download-end';
import { simDownloads, type SimInstances } from './sim-fetch';
import type { Download, World } from './world-model';
import { DOWNLOAD_STALL_MS } from '../../lib/submit/judge-progress';

export interface OurBatch {
  /** The links pasted → the queue's end (ms). */
  makespanMs: number;
  items: readonly BatchItem[];
  /** Download URLs handed over whose transfer the world breaks (the file does not land). */
  brokenTransfers: number;
}

/** Browser storage as the engine sees it: copies in, copies out, answered later. */
function memoryArea(): StorageArea {
  const data = new Map<string, unknown>();
  return {
    get: async (key) => structuredClone(data.get(key)),
    set: async (key, value) => void data.set(key, structuredClone(value)),
    remove: async (key) => void data.delete(key),
  };
}

/**
 * cobalt-picker's batch as the background runs it: lib/app/batch-manager.ts (its driver,
 * lib/batch/batch-driver.ts, and each attempt through run-job.ts with the real lib/cobalt request
 * code) over an EngineContext whose outside world is the simulated one: `fetch` is the world's
 * instances behind each one's per-client limiter, downloads are noted, storage is in memory.
 * The ranking is lib/rank over the tracker entries and the health the context holds (passed in:
 * empty for a new install, or what single downloads taught it), which every attempt updates.
 * The links are pasted as one text, as the popup's paste field sends them.
 */
export async function runOurBatch(
  world: World,
  links: readonly Download[],
  clock: SimClock,
  instances: SimInstances,
  fetch: FetchLike,
  health: HealthTable,
): Promise<OurBatch> {
  const downloads = simDownloads(clock);
  // The browser's report of each download's end, on the simulated clock as soon as it starts
  // (the model times requests, not transfers): a broken tunnel is interrupted, and the batch
  // removes it and asks the next instance, as lib/app/batch-file-end.ts does in the browser.
  const download: typeof downloads = {
    ...downloads,
    async download(request) {
      const started = await downloads.download(request);
      if (started.ok && typeof started.id === 'number') {
        const id = started.id;
        const end: DownloadEnd = instances.tunnelBreaks(request.url)
          ? { id, state: 'interrupted', error: 'NETWORK_FAILED' }
          : { id, state: 'complete', mime: 'video/mp4', bytes: 1 };
        setTimeout(() => void manager.onDownloadEnded(end), 0);
      }
      return started;
    },
  };
  const known = world.instances.map((w) => w.instance);
  let ended: () => void = () => undefined;
  const end = new Promise<void>((resolve) => (ended = resolve));
  const ctx: EngineContext = {
    deps: {
      storage: memoryArea(),
      fetch,
      download,
      // the simulated instances never answer local-processing: nothing reaches it
      local: nodeLocalProcessor(),
      now: clock.now,
      random: () => 0.5,
      tabUrl: async () => null,
      activeTabId: async () => null,
      broadcast: () => {
        if (manager.view().endedAt !== null) ended();
      },
      notify: () => undefined,
      userAgent: undefined,
      openPicker: () => undefined,
      text: (key) => key,
      wakeBatchAt: () => undefined,
      // The fake downloads fetch at once and report their end: none stalls, none is looked at.
      describeDownloads: async () => [],
      wakeDownloadWatchAt: () => undefined,
      downloadStallMs: DOWNLOAD_STALL_MS,
      discardDownload: async () => undefined,
      log: () => undefined,
    },
    store: createItemStore(memoryArea()),
    state: { ...initialState(), health },
    bundled: () => [],
  };
  const rankFor = (service: Download['service']) =>
    rank(
      service,
      { instances: known, probes: {}, health: ctx.state.health },
      ctx.state.settings,
      clock.now(),
    );
  const manager = createBatchManager(ctx, rankFor);
  const startedAt = clock.now();
  await clock.runUntil(
    (async () => {
      const started = await manager.start({
        text: links.map((l) => l.pageUrl).join('\n'),
        mode: 'auto',
        again: true,
      });
      if (started.added !== links.length) {
        throw new Error(`batch: ${started.added} of ${links.length} links were taken`);
      }
      await end;
    })(),
  );
  const view = manager.view();
  return {
    makespanMs: (view.endedAt ?? clock.now()) - startedAt,
    items: view.items,
    brokenTransfers: downloads.calls.filter((c) => instances.tunnelBreaks(c.url)).length,
  };
}
