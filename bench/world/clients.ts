import { nodeLocalProcessor } from '../../test/support/node-local-processor';
import { newJob } from '../../lib/app/job';
import { runJob } from '../../lib/app/run-job';
import { requestInstance } from '../../lib/cobalt/request-instance';
import type { HealthTable } from '../../lib/health/health-state';
import { pruneHealth } from '../../lib/health/prune-health';
import { rank } from '../../lib/rank/rank';
import { DEFAULT_SETTINGS, type Settings } from '../../lib/settings/schema';
import type { SimClock } from './sim-clock';
import { simDownloads, type SimInstances } from './sim-fetch';
import type { Download, World } from './world-model';

/** What one client made of one download. */
export interface ClientOutcome {
  /** A file landed (the download URL was handed over and its transfer did not break). */
  ok: boolean;
  /** Click → download URL handed to the browser, when one was. */
  ms: number | null;
  /** Instances that received the page URL. */
  recipients: number;
  servedBy: string | null;
  /** Ours only: the chain's trail, `origin outcome[:code]@ms`. */
  trail?: string[];
}

export interface Client {
  name: string;
  download(download: Download): Promise<ClientOutcome>;
}

/** The web app's and the userscript's `POST /` timeout; ziavo's too (DOWNLOAD_TIMEOUT_MS). */
const PEER_TIMEOUT_MS = 20_000;

/**
 * cobalt-picker as the background runs a download (lib/app/job-manager.ts, `launch`): rank the known
 * instances for the service with the current health, run the fallback chain (lib/app/run-job.ts,
 * which runs lib/submit/run-fallback.ts and records every outcome), and fold each health change
 * through pruneHealth. Health carries over from one download to the next; probes are not
 * modelled (no `GET /` facts), so the ranking rests on the tracker entries and our own outcomes.
 */
export function ourClient(
  world: World,
  clock: SimClock,
  instances: SimInstances,
  settings: Settings = DEFAULT_SETTINGS,
): Client & { health(): HealthTable } {
  let health: HealthTable = {};
  const known = world.instances.map((w) => w.instance);
  return {
    name: 'ours',
    health: () => health,
    async download(download) {
      const downloads = simDownloads(clock);
      const job = newJob({
        id: `job-${download.index}`,
        tabId: 1,
        service: download.service,
        mode: 'auto',
        url: download.pageUrl,
        at: clock.now(),
      });
      let current = job;
      const startedAt = clock.now();
      const ranked = rank(
        download.service,
        { instances: known, probes: {}, health },
        settings,
        clock.now(),
      );
      const finished = await clock.runUntil(
        runJob({
          job,
          ranked,
          settings,
          probes: {},
          fetch: instances.fetch,
          download: downloads,
          // the simulated instances never answer local-processing: nothing reaches it
          local: nodeLocalProcessor(),
          now: clock.now,
          health,
          onOutcome: (change) => {
            health = pruneHealth(change(health), clock.now());
          },
          update: async (change) => (current = change(current)),
        }),
      );
      const handed = downloads.calls[0];
      return {
        ok: finished.state === 'downloading' && !!handed && !instances.tunnelBreaks(handed.url),
        ms: handed ? handed.at - startedAt : null,
        recipients: instances.recipients(download).length,
        servedBy: finished.servedBy,
        trail: finished.trail.map(
          (t) => `${t.origin.slice(8, -8)} ${t.outcome}${t.code ? `:${t.code}` : ''}@${t.ms}`,
        ),
      };
    },
  };
}

/** The order a tracker-fed peer walks: the trackers' score, best first (as hyper.lol sorts). */
function trackerOrder(world: World): string[] {
  return [...world.instances]
    .sort(
      (a, b) => (b.instance.score ?? 0) - (a.instance.score ?? 0) || (a.origin < b.origin ? -1 : 1),
    )
    .map((w) => w.origin);
}

/** One `POST /` as a peer sends it (same request code as ours: only the policy differs). */
async function peerAttempt(instances: SimInstances, origin: string, download: Download) {
  return requestInstance({
    fetch: instances.fetch,
    origin,
    version: '11.7.1',
    url: download.pageUrl,
    options: DEFAULT_SETTINGS.download,
    timeoutMs: PEER_TIMEOUT_MS,
  });
}

function peerOutcome(
  instances: SimInstances,
  download: Download,
  clock: SimClock,
  origin: string | null,
  url: string | null,
  startedAt: number,
): ClientOutcome {
  return {
    ok: url !== null && !instances.tunnelBreaks(url),
    ms: url !== null ? clock.now() - startedAt : null,
    recipients: instances.recipients(download).length,
    servedBy: origin,
  };
}

const downloadUrl = (result: { status: string; url?: string }) =>
  result.status === 'tunnel' || result.status === 'redirect' ? (result.url ?? null) : null;

/**
 * ziavo/cobalt-extension (src/background/cobalt.js, `_processDownload`): the active instance
 * (the first of the tracker list, kept once chosen) with a 20 s abort; on any failure, the next
 * instances of the list one at a time, each with a 20 s abort, until five of them have failed
 * (`MAX_FALLBACK_TRIES`). No memory of outcomes between downloads. Its parallel `GET /` of the
 * fallbacks before trying them and its `HEAD` of the file are not counted (both short on a
 * healthy network), which flatters it.
 */
export function ziavoClient(world: World, clock: SimClock, instances: SimInstances): Client {
  const order = trackerOrder(world);
  return {
    name: 'ziavo',
    async download(download) {
      const startedAt = clock.now();
      const run = async () => {
        const fallbacks = order.slice(1, 15);
        let errors = 0;
        for (const origin of [order[0]!, ...fallbacks]) {
          if (origin !== order[0] && errors >= 5) break;
          const outcome = await peerAttempt(instances, origin, download);
          const url = outcome.ok ? downloadUrl(outcome.result) : null;
          if (url) return peerOutcome(instances, download, clock, origin, url, startedAt);
          if (origin !== order[0]) errors += 1;
        }
        return peerOutcome(instances, download, clock, null, null, startedAt);
      };
      return clock.runUntil(run());
    },
  };
}

/**
 * A userscript that walks the instance list one at a time with backoff. No such script's code
 * was found (searched the public code index for cobalt userscripts with fallbacks: the ones found
 * open the web app or call one fixed instance), so this models the behaviour the issue
 * describes: the tracker list in order, each `POST /` with the web app's 20 s abort, a pause of
 * 1 s, 2 s, 4 s, 8 s between tries, at most five instances.
 */
export function userscriptClient(world: World, clock: SimClock, instances: SimInstances): Client {
  const order = trackerOrder(world).slice(0, 5);
  return {
    name: 'userscript',
    async download(download) {
      const startedAt = clock.now();
      const run = async () => {
        for (const [i, origin] of order.entries()) {
          if (i > 0) await new Promise((resolve) => setTimeout(resolve, 1000 * 2 ** (i - 1)));
          const outcome = await peerAttempt(instances, origin, download);
          const url = outcome.ok ? downloadUrl(outcome.result) : null;
          if (url) return peerOutcome(instances, download, clock, origin, url, startedAt);
          if (!outcome.ok && outcome.error.action === 'stop') break;
        }
        return peerOutcome(instances, download, clock, null, null, startedAt);
      };
      return clock.runUntil(run());
    },
  };
}

/**
 * cobalt's own web app pointed at one community instance (the first of the tracker list): one
 * `POST /`, aborted after 20 s (https://github.com/imputnet/cobalt/blob/main/web/src/lib/api/api.ts),
 * no fallback.
 */
export function webAppClient(world: World, clock: SimClock, instances: SimInstances): Client {
  const origin = trackerOrder(world)[0]!;
  return {
    name: 'webapp',
    async download(download) {
      const startedAt = clock.now();
      const run = async () => {
        const outcome = await peerAttempt(instances, origin, download);
        const url = outcome.ok ? downloadUrl(outcome.result) : null;
        return peerOutcome(instances, download, clock, url ? origin : null, url, startedAt);
      };
      return clock.runUntil(run());
    },
  };
}
