import { nodeLocalProcessor } from '../../support/node-local-processor';
import { newJob, type Job } from '../../../lib/app/job';
import { runJob } from '../../../lib/app/run-job';
import { healthKey, type HealthTable, type LatencySample } from '../../../lib/health/health-state';
import { hedgeZ } from '../../../lib/health/hedge-quantile';
import { isQuarantined } from '../../../lib/health/is-quarantined';
import {
  DEFAULT_P95_MS,
  Z_95,
  beliefQuantile,
  instanceBelief,
} from '../../../lib/health/latency-belief';
import type { RankedEntry } from '../../../lib/rank/ranked-entry';
import { DEFAULT_SETTINGS } from '../../../lib/settings/schema';
import { attemptTiming } from '../../../lib/submit/hedge-delay';
import { rankedEntries } from '../rank/rank-fixtures';

/**
 * runJob's hedging and health as the background runs a download, on vitest's fake timers:
 * instances are a fake fetch that answers `POST /` after a set time (or never), so every
 * assertion is about who was asked, when, and what was recorded, not about wall-clock speed.
 */

const PAGE = 'https://www.youtube.com/watch?v=dQw4w9WgXcQ';
const T0 = 1_700_000_000_000;
const { fallback } = DEFAULT_SETTINGS;

type Behaviour = { answerAfterMs: number } | 'hang';

interface Scene {
  /** `origin@ms since the job started` for every POST /. */
  posts: string[];
  health: () => HealthTable;
  job: Promise<Job>;
}

function origin(name: string): string {
  return `https://${name}.example`;
}

function ranked(names: string[]): RankedEntry[] {
  return rankedEntries(names.map(origin));
}

function start(
  instances: Record<string, Behaviour>,
  health: HealthTable = {},
  watchHealth?: (listener: (health: HealthTable, pooled: HealthTable) => void) => () => void,
): Scene {
  const posts: string[] = [];
  let table = health;
  const fetch = (input: string, init?: RequestInit): Promise<Response> => {
    const from = new URL(input).origin;
    const name = from.slice('https://'.length, -'.example'.length);
    posts.push(`${name}@${Date.now() - T0}`);
    const behaviour = instances[name];
    return new Promise((resolve, reject) => {
      const signal = init?.signal;
      const pending: { timer?: ReturnType<typeof setTimeout> } = {};
      signal?.addEventListener('abort', () => {
        clearTimeout(pending.timer);
        reject(new DOMException('aborted', 'AbortError'));
      });
      if (!behaviour || behaviour === 'hang') return;
      pending.timer = setTimeout(() => {
        const body = { status: 'tunnel', url: `${from}/tunnel?id=1`, filename: 'video.mp4' };
        resolve(
          new Response(JSON.stringify(body), {
            status: 200,
            headers: { 'Content-Type': 'application/json' },
          }),
        );
      }, behaviour.answerAfterMs);
    });
  };
  let job: Job = newJob({
    id: 'job-1',
    tabId: 1,
    service: 'youtube',
    mode: 'auto',
    url: PAGE,
    at: T0,
  });
  const done = runJob({
    job,
    ranked: ranked(Object.keys(instances)),
    settings: DEFAULT_SETTINGS,
    probes: {},
    fetch,
    download: { download: async () => ({ ok: true, id: 1 }) },
    local: nodeLocalProcessor(fetch),
    now: () => Date.now(),
    health,
    watchHealth,
    onOutcome: (change) => {
      table = change(table);
    },
    update: async (change) => (job = change(job)),
  });
  return { posts, health: () => table, job: done };
}

function record(scene: Scene, name: string) {
  return scene.health()[healthKey(origin(name), 'youtube')];
}

/** `samples` complete answers of `ms` each, as earlier downloads would have left them. */
function learned(name: string, ms: number, samples: number): HealthTable {
  return {
    [healthKey(origin(name), 'youtube')]: {
      origin: origin(name),
      service: 'youtube',
      successes: samples,
      failures: 0,
      updatedAt: T0,
      quarantinedUntil: null,
      lastOutcome: 'ok',
      latencyMs: ms,
      consecutiveFailures: 0,
      latencySamples: Array.from({ length: samples }, () => ({ ms })),
    },
  };
}

beforeEach(() => {
  vi.useFakeTimers({ now: T0 });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('runJob: hedging on evidence', () => {
  it('before any history, waits the conservative default: three 2.5 s instances, only the first is asked', async () => {
    const scene = start({
      a: { answerAfterMs: 2500 },
      b: { answerAfterMs: 2500 },
      c: { answerAfterMs: 2500 },
    });
    await vi.advanceTimersByTimeAsync(10_000);
    const job = await scene.job;
    expect(job).toMatchObject({ state: 'downloading', servedBy: origin('a') });
    expect(scene.posts).toEqual(['a@0']);
    expect(record(scene, 'a')).toMatchObject({ successes: 1, failures: 0, quarantinedUntil: null });
    expect(record(scene, 'b')).toBeUndefined();
  });

  it('before any history, the second instance starts at the default 95th percentile (6 s)', async () => {
    const scene = start({ a: 'hang', b: { answerAfterMs: 300 } });
    await vi.advanceTimersByTimeAsync(DEFAULT_P95_MS - 1);
    expect(scene.posts).toEqual(['a@0']);
    await vi.advanceTimersByTimeAsync(1);
    expect(scene.posts).toEqual(['a@0', `b@${DEFAULT_P95_MS}`]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(await scene.job).toMatchObject({ state: 'downloading', servedBy: origin('b') });
  });

  it('what other downloads learn meanwhile moves the hedge of a running attempt (watchHealth)', async () => {
    let tell: ((health: HealthTable, pooled: HealthTable) => void) | null = null;
    let watching = 0;
    const scene = start({ a: 'hang', b: { answerAfterMs: 300 } }, {}, (listener) => {
      tell = listener;
      watching += 1;
      return () => void (watching -= 1);
    });
    await vi.advanceTimersByTimeAsync(2000);
    expect(scene.posts).toEqual(['a@0']);
    // A batch's other items: instance z answered ten times in 300 ms. For a, never timed, that
    // is what is normal for the service now; 2 s of silence is far past it.
    const others = learned('z', 300, 10);
    const belief = instanceBelief(others, origin('a'), 'youtube');
    const timing = attemptTiming(beliefQuantile(belief, Z_95), {
      ceilingMs: fallback.hedgeMs,
      deadlineMs: fallback.deadlineMs,
    });
    expect(timing.hedgeMs).toBeLessThan(2000);
    tell!(others, others);
    await vi.advanceTimersByTimeAsync(0);
    expect(scene.posts).toEqual(['a@0', 'b@2000']);
    await vi.advanceTimersByTimeAsync(1000);
    expect(await scene.job).toMatchObject({ state: 'downloading', servedBy: origin('b') });
    expect(watching).toBe(0);
  });

  it('a slower loser is not quarantined: left to answer, its late answer is a real sample', async () => {
    const scene = start({ a: { answerAfterMs: 9000 }, b: { answerAfterMs: 300 } });
    await vi.advanceTimersByTimeAsync(20_000);
    expect(await scene.job).toMatchObject({ state: 'downloading', servedBy: origin('b') });
    expect(scene.posts).toEqual(['a@0', `b@${DEFAULT_P95_MS}`]);
    const loser = record(scene, 'a');
    expect(loser).toMatchObject({
      failures: 0,
      quarantinedUntil: null,
      lastOutcome: 'ok',
      latencySamples: [{ ms: 9000 }],
    });
    expect(isQuarantined(scene.health()[healthKey(origin('a'), 'youtube')], Date.now())).toBe(
      false,
    );
  });

  it.each([
    ['a fast instance (answers in 1 s): the hedge comes well before the default', 1000],
    ['a slow but normal instance (answers in 5 s): the hedge waits past the default', 5000],
  ])('%s', async (_name, usual) => {
    const health = learned('a', usual, 16);
    const belief = instanceBelief(health, origin('a'), 'youtube');
    const samples = health[healthKey(origin('a'), 'youtube')]?.latencySamples;
    const expected = attemptTiming(
      beliefQuantile(belief, Z_95),
      { ceilingMs: fallback.hedgeMs, deadlineMs: fallback.deadlineMs },
      beliefQuantile(belief, hedgeZ(samples)),
    ).hedgeMs;
    expect(expected).toBeGreaterThan(usual);
    const scene = start({ a: 'hang', b: { answerAfterMs: 300 } }, health);
    await vi.advanceTimersByTimeAsync(expected - 1);
    expect(scene.posts).toEqual(['a@0']);
    await vi.advanceTimersByTimeAsync(1);
    expect(scene.posts).toEqual(['a@0', `b@${expected}`]);
    if (usual < 2000) expect(expected).toBeLessThan(DEFAULT_P95_MS);
    else expect(expected).toBeGreaterThan(DEFAULT_P95_MS);
    await vi.advanceTimersByTimeAsync(1000);
    expect(await scene.job).toMatchObject({ state: 'downloading', servedBy: origin('b') });
  });

  it('an instance that keeps needing rescue is hedged sooner than one that always answers', async () => {
    // Answers spread as real ones are (0.6–2.2 s); a rescued silence is cut at about its hedge
    // delay plus the rescuer's answer (~3.5 s here).
    const spread = [600, 800, 900, 1000, 1100, 1200, 1400, 1600, 1800, 2200, 700, 1000, 1300];
    const withSamples = (samples: LatencySample[]): HealthTable => {
      const base = learned('a', 1000, samples.length);
      const key = healthKey(origin('a'), 'youtube');
      return { [key]: { ...base[key]!, latencySamples: samples } };
    };
    const answers = spread.map((ms) => ({ ms }));
    const steady = withSamples([...answers, { ms: 950 }, { ms: 1050 }, { ms: 1250 }]);
    const rescue = { ms: 3500, lowerBound: true, silent: true } as const;
    const flaky = withSamples([...answers, rescue, rescue, rescue]);
    const firstHedge = async (health: HealthTable) => {
      const scene = start({ a: 'hang', b: { answerAfterMs: 300 } }, health);
      await vi.advanceTimersByTimeAsync(fallback.deadlineMs);
      await scene.job;
      const [first, second] = scene.posts.map((p) => Number(p.split('@')[1]));
      return second! - first!;
    };
    const steadyAt = await firstHedge(steady);
    const flakyAt = await firstHedge(flaky);
    expect(flakyAt).toBeLessThan(steadyAt);
    // The steady one waits past its own 95th percentile (it has never needed rescue).
    expect(steadyAt).toBeGreaterThan(
      beliefQuantile(instanceBelief(steady, origin('a'), 'youtube'), Z_95),
    );
  });

  it('a loser that never answers is a silence at its hard timeout; the hedge that lost is a lower bound', async () => {
    const rescued = start({ a: 'hang', b: { answerAfterMs: 300 } });
    await vi.advanceTimersByTimeAsync(30_000);
    expect(await rescued.job).toMatchObject({ state: 'downloading', servedBy: origin('b') });
    const hardTimeoutMs = attemptTiming(DEFAULT_P95_MS, {
      ceilingMs: fallback.hedgeMs,
      deadlineMs: fallback.deadlineMs,
    }).hardTimeoutMs;
    expect(record(rescued, 'a')).toMatchObject({
      lastOutcome: 'client.timeout',
      failures: 1,
      // One silence of an instance is not enough to bench it (two in a row are).
      quarantinedUntil: null,
      latencySamples: [{ ms: hardTimeoutMs, lowerBound: true, silent: true }],
    });
    const lost = start({ a: { answerAfterMs: DEFAULT_P95_MS + 200 }, b: 'hang' });
    await vi.advanceTimersByTimeAsync(20_000);
    await lost.job;
    expect(record(lost, 'b')?.latencySamples).toEqual([{ ms: 200, lowerBound: true }]);
  });

  it('a real hang still fails over within the deadline, never more than two asked at a time', async () => {
    const scene = start({ a: 'hang', b: 'hang', c: { answerAfterMs: 1000 } });
    const timing = attemptTiming(DEFAULT_P95_MS, {
      ceilingMs: fallback.hedgeMs,
      deadlineMs: fallback.deadlineMs,
    });
    await vi.advanceTimersByTimeAsync(fallback.deadlineMs);
    const job = await scene.job;
    expect(job).toMatchObject({ state: 'downloading', servedBy: origin('c') });
    // a at 0, b beside it at the hedge, c in a's slot once a is taken for hung.
    expect(scene.posts).toEqual(['a@0', `b@${timing.hedgeMs}`, `c@${timing.hardTimeoutMs}`]);
    expect(timing.hardTimeoutMs + 1000).toBeLessThan(fallback.deadlineMs);
    expect(record(scene, 'a')).toMatchObject({ lastOutcome: 'client.timeout', failures: 1 });
    // b, outrun past its hedge delay, was left to answer and stayed silent to its own hard
    // timeout: one silence, recorded, not yet benched.
    expect(record(scene, 'b')).toMatchObject({ failures: 1, quarantinedUntil: null });
  });

  it('an instance silent twice in a row is benched', async () => {
    const first = start({ a: 'hang', b: 'hang', c: { answerAfterMs: 1000 } });
    await vi.advanceTimersByTimeAsync(fallback.deadlineMs);
    await first.job;
    expect(isQuarantined(first.health()[healthKey(origin('a'), 'youtube')], Date.now())).toBe(
      false,
    );
    const second = start({ a: 'hang', b: 'hang', c: { answerAfterMs: 1000 } }, first.health());
    await vi.advanceTimersByTimeAsync(fallback.deadlineMs);
    await second.job;
    expect(isQuarantined(second.health()[healthKey(origin('a'), 'youtube')], Date.now())).toBe(
      true,
    );
  });
});
