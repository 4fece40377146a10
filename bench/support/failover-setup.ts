import { startCobaltServer, type CobaltServer } from '../../test/support/cobalt-server';
import { feedEntry } from '../../test/support/engine-harness';
import { startTrackerServer, type TrackerServer } from '../../test/support/tracker-server';

/** The failover line-up (docs/performance.md "Failover"). */
export const HEALTHY_DELAY_MS = 300;
export const AHEAD = [0, 1, 3] as const;
/** The page being downloaded: a supported YouTube link, as a tab would show it. */
export const PAGE_URL = 'https://www.youtube.com/watch?v=dQw4w9WgXcQ';
export const TAB_ID = 7;

export interface LineUp {
  /** Hanging on POST / (GET / answers normally, so a probe would call them fine). */
  hanging: CobaltServer[];
  healthy: CobaltServer;
  tracker: TrackerServer;
  feedUrl: string;
  close(): Promise<void>;
}

/**
 * Three hanging instances and one healthy one (300 ms of "processing" per POST /), listed in a
 * hyper.lol-format feed on a tracker server. Rate limits are raised: the healthy instance answers
 * every run of the benchmark, which the default 20 per minute would cut short.
 */
export async function startLineUp(): Promise<LineUp> {
  const rateLimit = { max: 100_000, windowSeconds: 60 };
  const hanging = await Promise.all(
    [0, 1, 2].map(() => startCobaltServer({ behavior: { kind: 'hang' }, rateLimit })),
  );
  const healthy = await startCobaltServer({
    behavior: { kind: 'healthy', delayMs: HEALTHY_DELAY_MS, result: 'tunnel' },
    rateLimit,
  });
  const tracker = await startTrackerServer({ defaults: false });
  tracker.setFeed(
    '/feed.json',
    [...hanging, healthy].map((s) => feedEntry(s)),
  );
  return {
    hanging,
    healthy,
    tracker,
    feedUrl: `${tracker.url}/feed.json`,
    close: async () => {
      await Promise.all([...hanging, healthy].map((s) => s.close()));
      await tracker.close();
    },
  };
}
