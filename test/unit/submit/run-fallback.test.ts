import type { CobaltResult } from '../../../lib/cobalt/cobalt-result';
import { classifyError } from '../../../lib/cobalt/classify-error';
import type { TrailEntry } from '../../../lib/model/trail';
import {
  MAX_IN_FLIGHT,
  exhaustedError,
  runFallback,
  type FallbackResult,
  type RunFallbackOptions,
} from '../../../lib/submit/run-fallback';
import { SUBMIT_CODES } from '../../../lib/submit/submit-codes';
import { fakeClock, flush, type FakeClock } from './fake-clock';
import {
  FETCH_FAIL,
  PRIVATE,
  RATE_LIMITED,
  TUNNEL,
  failed,
  fakeAttempts,
  ok,
  scriptedAttempts,
  type Script,
} from './fake-attempts';

const HEDGE = 600;
/** The same timing for every origin: hedge at 600 ms, taken for hung at 1,200 ms. */
const UNIFORM = () => ({ hedgeMs: HEDGE, hardTimeoutMs: 2 * HEDGE });

/** Ambiguous answers as lib/cobalt classifies them (bounded failovers, docs/cobalt-api.md §4). */
const EMPTY = bounded('error.api.fetch.empty');
const SHORT_LINK = bounded('error.api.fetch.short_link');
function bounded(code: string) {
  const outcome = failed(code, 'failover');
  if (outcome.ok) throw new Error('unreachable');
  return { ...outcome, error: classifyError(code) };
}
const DEADLINE = 45_000;

const MERGE: CobaltResult = {
  status: 'local-processing',
  type: 'merge',
  tunnel: ['https://a.test/tunnel?v', 'https://a.test/tunnel?a'],
  filename: 'x.mp4',
  metadata: null,
  isHLS: false,
};

/** Rejects what the downloads side cannot save, like accept-deliverable.ts does. */
const rejectMerge: RunFallbackOptions['acceptResult'] = (result) =>
  result.status === 'local-processing' && result.type !== 'proxy'
    ? {
        reject: {
          code: SUBMIT_CODES.needsLocalProcessing,
          action: 'failover',
          errorClass: 'instance',
        },
      }
    : 'accept';

function candidates(...origins: string[]) {
  return origins.map((origin) => ({ origin }));
}

/** Starts a chain on the fake clock and keeps its result once it settles. */
function start(
  clock: FakeClock,
  options: Partial<RunFallbackOptions> & Pick<RunFallbackOptions, 'candidates' | 'attempt'>,
) {
  const progress: TrailEntry[][] = [];
  let result: FallbackResult | null = null;
  const promise = runFallback({
    maxAttempts: 5,
    deadlineMs: DEADLINE,
    timing: UNIFORM,
    now: clock.now,
    setTimer: clock.setTimer,
    clearTimer: clock.clearTimer,
    onTrail: (trail) => progress.push(trail),
    ...options,
  }).then((r) => {
    result = r;
    return r;
  });
  return { promise, progress, result: () => result };
}

/** The trail without messageKey, for compact expectations. */
function brief(trail: TrailEntry[]) {
  return trail.map(({ origin, outcome, code, ms }) =>
    code === undefined ? { origin, outcome, ms } : { origin, outcome, code, ms },
  );
}

describe('runFallback: scripted scenarios', () => {
  interface Scenario {
    name: string;
    origins: string[];
    script: Record<string, Script>;
    maxAttempts?: number;
    deadlineMs?: number;
    acceptResult?: RunFallbackOptions['acceptResult'];
    /** `origin@ms` of every attempt started. */
    starts: string[];
    result: { ok: true; origin: string } | { ok: false; reason: string; code: string | null };
    trail: ReturnType<typeof brief>;
    /** Time the chain settled, ms from its start. */
    settledAt: number;
  }

  const scenarios: Scenario[] = [
    {
      name: 'fetch.empty from three instances: the post is empty, the fourth never hears of it',
      origins: ['a', 'b', 'c', 'd'],
      script: {
        a: { after: 50, outcome: EMPTY },
        b: { after: 50, outcome: EMPTY },
        c: { after: 50, outcome: EMPTY },
        d: { after: 50, outcome: ok() },
      },
      starts: ['a@0', 'b@50', 'c@100'],
      result: { ok: false, reason: 'content', code: 'error.api.fetch.empty' },
      trail: [
        { origin: 'a', outcome: 'failed', code: 'error.api.fetch.empty', ms: 50 },
        { origin: 'b', outcome: 'failed', code: 'error.api.fetch.empty', ms: 50 },
        { origin: 'c', outcome: 'failed', code: 'error.api.fetch.empty', ms: 50 },
      ],
      settledAt: 150,
    },
    {
      name: 'fetch.empty from two instances is within the bound: the third serves it',
      origins: ['a', 'b', 'c'],
      script: {
        a: { after: 50, outcome: EMPTY },
        b: { after: 50, outcome: EMPTY },
        c: { after: 50, outcome: ok() },
      },
      starts: ['a@0', 'b@50', 'c@100'],
      result: { ok: true, origin: 'c' },
      trail: [
        { origin: 'a', outcome: 'failed', code: 'error.api.fetch.empty', ms: 50 },
        { origin: 'b', outcome: 'failed', code: 'error.api.fetch.empty', ms: 50 },
        { origin: 'c', outcome: 'ok', ms: 50 },
      ],
      settledAt: 150,
    },
    {
      name: 'a short link no instance can resolve: one failover, then stop',
      origins: ['a', 'b', 'c'],
      script: {
        a: { after: 50, outcome: SHORT_LINK },
        b: { after: 50, outcome: SHORT_LINK },
        c: { after: 50, outcome: ok() },
      },
      starts: ['a@0', 'b@50'],
      result: { ok: false, reason: 'content', code: 'error.api.fetch.short_link' },
      trail: [
        { origin: 'a', outcome: 'failed', code: 'error.api.fetch.short_link', ms: 50 },
        { origin: 'b', outcome: 'failed', code: 'error.api.fetch.short_link', ms: 50 },
      ],
      settledAt: 100,
    },
    {
      name: 'the first instance answers before the hedge: nobody else is asked',
      origins: ['a', 'b'],
      script: { a: { after: 300, outcome: ok() } },
      starts: ['a@0'],
      result: { ok: true, origin: 'a' },
      trail: [{ origin: 'a', outcome: 'ok', ms: 300 }],
      settledAt: 300,
    },
    {
      name: 'a slow first instance is hedged after the delay and the winner cancels it',
      origins: ['a', 'b'],
      script: { a: { after: 900, outcome: ok() }, b: { after: 200, outcome: ok() } },
      starts: ['a@0', 'b@600'],
      result: { ok: true, origin: 'b' },
      trail: [
        { origin: 'a', outcome: 'cancelled', ms: 800 },
        { origin: 'b', outcome: 'ok', ms: 200 },
      ],
      settledAt: 800,
    },
    {
      name: 'three hanging instances ahead: each is abandoned after two hedges, the fourth wins',
      origins: ['a', 'b', 'c', 'd'],
      script: { d: { after: 300, outcome: ok() } },
      starts: ['a@0', 'b@600', 'c@1200', 'd@1800'],
      result: { ok: true, origin: 'd' },
      trail: [
        { origin: 'a', outcome: 'failed', code: 'client.timeout', ms: 1200 },
        { origin: 'b', outcome: 'failed', code: 'client.timeout', ms: 1200 },
        { origin: 'c', outcome: 'cancelled', ms: 900 },
        { origin: 'd', outcome: 'ok', ms: 300 },
      ],
      settledAt: 2100,
    },
    {
      name: 'a fast failure moves on at once, without waiting for the hedge',
      origins: ['a', 'b'],
      script: { a: { after: 20, outcome: RATE_LIMITED }, b: { after: 100, outcome: ok() } },
      starts: ['a@0', 'b@20'],
      result: { ok: true, origin: 'b' },
      trail: [
        { origin: 'a', outcome: 'failed', code: 'error.api.rate_exceeded', ms: 20 },
        { origin: 'b', outcome: 'ok', ms: 100 },
      ],
      settledAt: 120,
    },
    {
      name: 'the hedge fails fast while the first is still overdue: the third starts at once',
      origins: ['a', 'b', 'c'],
      script: { b: { after: 10, outcome: FETCH_FAIL }, c: { after: 100, outcome: ok() } },
      starts: ['a@0', 'b@600', 'c@610'],
      result: { ok: true, origin: 'c' },
      trail: [
        { origin: 'a', outcome: 'cancelled', ms: 710 },
        { origin: 'b', outcome: 'failed', code: 'error.api.fetch.fail', ms: 10 },
        { origin: 'c', outcome: 'ok', ms: 100 },
      ],
      settledAt: 710,
    },
    {
      name: 'the first fails after the hedge started: the next waits for the hedge’s own delay',
      origins: ['a', 'b', 'c'],
      script: {
        a: { after: 700, outcome: FETCH_FAIL },
        c: { after: 100, outcome: ok() },
      },
      starts: ['a@0', 'b@600', 'c@1200'],
      result: { ok: true, origin: 'c' },
      trail: [
        { origin: 'a', outcome: 'failed', code: 'error.api.fetch.fail', ms: 700 },
        { origin: 'b', outcome: 'cancelled', ms: 700 },
        { origin: 'c', outcome: 'ok', ms: 100 },
      ],
      settledAt: 1300,
    },
    {
      name: 'a content error stops everything at once',
      origins: ['a', 'b', 'c'],
      script: { b: { after: 50, outcome: PRIVATE } },
      starts: ['a@0', 'b@600'],
      result: { ok: false, reason: 'content', code: 'error.api.content.post.private' },
      trail: [
        { origin: 'a', outcome: 'cancelled', ms: 650 },
        { origin: 'b', outcome: 'failed', code: 'error.api.content.post.private', ms: 50 },
      ],
      settledAt: 650,
    },
    {
      name: 'a leftover fix and retry-later both move on',
      origins: ['a', 'b', 'c'],
      script: {
        a: { after: 10, outcome: failed('error.api.invalid_body', 'fix', 'client') },
        b: { after: 10, outcome: RATE_LIMITED },
        c: { after: 10, outcome: ok() },
      },
      starts: ['a@0', 'b@10', 'c@20'],
      result: { ok: true, origin: 'c' },
      trail: [
        { origin: 'a', outcome: 'failed', code: 'error.api.invalid_body', ms: 10 },
        { origin: 'b', outcome: 'failed', code: 'error.api.rate_exceeded', ms: 10 },
        { origin: 'c', outcome: 'ok', ms: 10 },
      ],
      settledAt: 30,
    },
    {
      name: 'max attempts bounds the chain; the last failure is reported',
      origins: ['a', 'b', 'c', 'd', 'e'],
      maxAttempts: 3,
      script: {
        a: { after: 10, outcome: FETCH_FAIL },
        b: { after: 10, outcome: FETCH_FAIL },
        c: { after: 10, outcome: RATE_LIMITED },
        d: { after: 10, outcome: ok() },
      },
      starts: ['a@0', 'b@10', 'c@20'],
      result: { ok: false, reason: 'exhausted', code: 'error.api.rate_exceeded' },
      trail: [
        { origin: 'a', outcome: 'failed', code: 'error.api.fetch.fail', ms: 10 },
        { origin: 'b', outcome: 'failed', code: 'error.api.fetch.fail', ms: 10 },
        { origin: 'c', outcome: 'failed', code: 'error.api.rate_exceeded', ms: 10 },
      ],
      settledAt: 30,
    },
    {
      name: 'the deadline aborts everything in flight',
      origins: ['a', 'b', 'c'],
      deadlineMs: 1000,
      script: {},
      starts: ['a@0', 'b@600'],
      result: { ok: false, reason: 'deadline', code: 'client.deadline' },
      trail: [
        { origin: 'a', outcome: 'cancelled', code: 'client.deadline', ms: 1000 },
        { origin: 'b', outcome: 'cancelled', code: 'client.deadline', ms: 400 },
      ],
      settledAt: 1000,
    },
    {
      name: 'the last hope is not abandoned: it runs on until it answers',
      origins: ['a', 'b'],
      script: { a: { after: 5000, outcome: ok() }, b: { after: 10, outcome: FETCH_FAIL } },
      starts: ['a@0', 'b@600'],
      result: { ok: true, origin: 'a' },
      trail: [
        { origin: 'a', outcome: 'ok', ms: 5000 },
        { origin: 'b', outcome: 'failed', code: 'error.api.fetch.fail', ms: 10 },
      ],
      settledAt: 5000,
    },
    {
      name: 'a rejected result fails over with the reason in the trail',
      origins: ['a', 'b'],
      acceptResult: rejectMerge,
      script: { a: { after: 100, outcome: ok(MERGE) }, b: { after: 100, outcome: ok() } },
      starts: ['a@0', 'b@100'],
      result: { ok: true, origin: 'b' },
      trail: [
        { origin: 'a', outcome: 'failed', code: 'client.needs_local_processing', ms: 100 },
        { origin: 'b', outcome: 'ok', ms: 100 },
      ],
      settledAt: 200,
    },
    {
      name: 'when instances only offer files that need muxing, the final error says so',
      origins: ['a', 'b', 'c'],
      acceptResult: rejectMerge,
      script: {
        a: { after: 100, outcome: ok(MERGE) },
        b: { after: 100, outcome: ok(MERGE) },
        c: { after: 100, outcome: RATE_LIMITED },
      },
      starts: ['a@0', 'b@100', 'c@200'],
      result: { ok: false, reason: 'exhausted', code: 'client.needs_local_processing' },
      trail: [
        { origin: 'a', outcome: 'failed', code: 'client.needs_local_processing', ms: 100 },
        { origin: 'b', outcome: 'failed', code: 'client.needs_local_processing', ms: 100 },
        { origin: 'c', outcome: 'failed', code: 'error.api.rate_exceeded', ms: 100 },
      ],
      settledAt: 300,
    },
    {
      name: 'duplicate origins in the ranked list are tried once',
      origins: ['a', 'a', 'b'],
      script: { a: { after: 10, outcome: FETCH_FAIL }, b: { after: 10, outcome: ok() } },
      starts: ['a@0', 'b@10'],
      result: { ok: true, origin: 'b' },
      trail: [
        { origin: 'a', outcome: 'failed', code: 'error.api.fetch.fail', ms: 10 },
        { origin: 'b', outcome: 'ok', ms: 10 },
      ],
      settledAt: 20,
    },
  ];

  it.each(scenarios)('$name', async (scenario) => {
    const clock = fakeClock();
    const t0 = clock.now();
    const fakes = scriptedAttempts(clock, scenario.script);
    const run = start(clock, {
      candidates: candidates(...scenario.origins),
      attempt: fakes.attempt,
      maxAttempts: scenario.maxAttempts ?? 5,
      deadlineMs: scenario.deadlineMs ?? DEADLINE,
      acceptResult: scenario.acceptResult,
    });
    let settledAt: number | null = null;
    void run.promise.then(() => (settledAt = clock.now() - t0));
    await clock.advance(60_000);
    const result = run.result();
    expect(result).not.toBeNull();
    if (!result) return;
    expect(settledAt).toBe(scenario.settledAt);
    expect(fakes.starts()).toEqual(scenario.starts);
    expect(fakes.maxInFlight()).toBeLessThanOrEqual(MAX_IN_FLIGHT);
    expect(fakes.inFlight()).toBe(0);
    expect(brief(result.trail)).toEqual(scenario.trail);
    if (scenario.result.ok) {
      expect(result).toMatchObject({ ok: true, origin: scenario.result.origin, result: TUNNEL });
    } else {
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.reason).toBe(scenario.result.reason);
      expect(result.error?.code ?? null).toBe(scenario.result.code);
    }
    // Nothing is left scheduled once the chain has settled.
    expect(clock.pendingTimers()).toBe(0);
  });
});

describe('runFallback: step by step', () => {
  it('starts the hedge exactly at the delay, not before', async () => {
    const clock = fakeClock();
    const fakes = fakeAttempts();
    start(clock, { candidates: candidates('a', 'b'), attempt: fakes.attempt });
    await clock.advance(HEDGE - 1);
    expect(fakes.origins()).toEqual(['a']);
    await clock.advance(1);
    expect(fakes.origins()).toEqual(['a', 'b']);
  });

  it('aborts a hedge that lost before its own hedge delay', async () => {
    const clock = fakeClock();
    const fakes = fakeAttempts();
    const run = start(clock, { candidates: candidates('a', 'b'), attempt: fakes.attempt });
    await clock.advance(HEDGE);
    fakes.call('a').answer(ok());
    await flush();
    expect(fakes.call('b').signal.aborted).toBe(true);
    expect(fakes.call('a').signal.aborted).toBe(false);
    expect(fakes.aborted()).toEqual(['b']);
    expect(run.result()).toMatchObject({ ok: true, origin: 'a' });
  });

  it('leaves a loser already past its hedge delay to answer, and aborts it at its hard timeout', async () => {
    const clock = fakeClock();
    const fakes = fakeAttempts();
    const run = start(clock, { candidates: candidates('a', 'b'), attempt: fakes.attempt });
    await clock.advance(HEDGE);
    fakes.call('b').answer(ok());
    await flush();
    expect(run.result()).toMatchObject({ ok: true, origin: 'b' });
    expect(fakes.call('a').signal.aborted).toBe(false);
    await clock.advance(HEDGE - 1);
    expect(fakes.call('a').signal.aborted).toBe(false);
    await clock.advance(1);
    expect(fakes.aborted()).toEqual(['a']);
  });

  it('abandons an attempt after two hedge delays and aborts its signal', async () => {
    const clock = fakeClock();
    const fakes = fakeAttempts();
    start(clock, { candidates: candidates('a', 'b', 'c'), attempt: fakes.attempt });
    await clock.advance(2 * HEDGE - 1);
    expect(fakes.call('a').signal.aborted).toBe(false);
    expect(fakes.origins()).toEqual(['a', 'b']);
    await clock.advance(1);
    expect(fakes.call('a').signal.aborted).toBe(true);
    expect(fakes.origins()).toEqual(['a', 'b', 'c']);
    expect(fakes.inFlight()).toBe(2);
  });

  it('a content error aborts the other attempt and starts nothing more, ever', async () => {
    const clock = fakeClock();
    const fakes = fakeAttempts();
    const run = start(clock, {
      candidates: candidates('a', 'b', 'c', 'd'),
      attempt: fakes.attempt,
    });
    await clock.advance(HEDGE);
    fakes.call('a').answer(PRIVATE);
    await flush();
    expect(fakes.call('b').signal.aborted).toBe(true);
    await clock.advance(60_000);
    expect(fakes.origins()).toEqual(['a', 'b']);
    expect(run.result()).toMatchObject({
      ok: false,
      reason: 'content',
      error: { code: 'error.api.content.post.private', action: 'stop' },
    });
  });

  it('never has more than two in flight, at any moment, with everything hanging', async () => {
    const clock = fakeClock();
    const fakes = fakeAttempts();
    const origins = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
    start(clock, { candidates: candidates(...origins), attempt: fakes.attempt, maxAttempts: 7 });
    const seen: number[] = [];
    for (let t = 0; t < 10 * HEDGE; t += 50) {
      await clock.advance(50);
      seen.push(fakes.inFlight());
    }
    expect(Math.max(...seen)).toBe(MAX_IN_FLIGHT);
    expect(fakes.maxInFlight()).toBe(MAX_IN_FLIGHT);
    expect(fakes.origins()).toEqual(origins);
  });

  it('ignores an answer that arrives after its attempt was cancelled', async () => {
    const clock = fakeClock();
    const fakes = fakeAttempts();
    const run = start(clock, { candidates: candidates('a', 'b'), attempt: fakes.attempt });
    await clock.advance(HEDGE);
    fakes.call('b').answer(ok());
    await flush();
    const settled = run.result();
    fakes.call('a').answer(PRIVATE);
    await flush();
    expect(run.result()).toBe(settled);
    expect(settled).toMatchObject({ ok: true, origin: 'b' });
  });

  it('contains an attempt function whose promise rejects, and moves on', async () => {
    const clock = fakeClock();
    const fakes = fakeAttempts();
    const run = start(clock, { candidates: candidates('a', 'b'), attempt: fakes.attempt });
    await flush();
    fakes.call('a').explode();
    await flush();
    expect(fakes.origins()).toEqual(['a', 'b']);
    fakes.call('b').answer(ok());
    await flush();
    expect(run.result()).toMatchObject({
      ok: true,
      origin: 'b',
      trail: [{ origin: 'a', outcome: 'failed', code: SUBMIT_CODES.internal }, { origin: 'b' }],
    });
  });

  it('contains an attempt function that throws synchronously', async () => {
    const clock = fakeClock();
    const run = start(clock, {
      candidates: candidates('a'),
      attempt: () => {
        throw new Error('boom');
      },
    });
    await flush();
    expect(run.result()).toMatchObject({
      ok: false,
      reason: 'exhausted',
      error: { code: SUBMIT_CODES.internal },
    });
  });

  it('contains an acceptResult that throws', async () => {
    const clock = fakeClock();
    const fakes = fakeAttempts();
    const run = start(clock, {
      candidates: candidates('a'),
      attempt: fakes.attempt,
      acceptResult: () => {
        throw new Error('boom');
      },
    });
    await flush();
    fakes.call('a').answer(ok());
    await flush();
    expect(run.result()).toMatchObject({ ok: false, reason: 'exhausted' });
  });

  it('reports live progress: a fresh trail after every change', async () => {
    const clock = fakeClock();
    const fakes = fakeAttempts();
    const run = start(clock, { candidates: candidates('a', 'b'), attempt: fakes.attempt });
    await flush();
    fakes.call('a').answer(RATE_LIMITED);
    await clock.advance(250);
    fakes.call('b').answer(ok());
    await flush();
    expect(run.progress.map((trail) => trail.map((e) => `${e.origin}:${e.outcome}`))).toEqual([
      ['a:running'],
      ['a:failed'],
      ['a:failed', 'b:running'],
      ['a:failed', 'b:ok'],
    ]);
    expect(run.progress[1]?.[0]).toMatchObject({ messageKey: 'trail_rate_limited' });
    expect(run.progress[3]?.[1]).toMatchObject({ ms: 250, messageKey: 'trail_ok' });
    // Snapshots are copies: later changes never rewrite what a listener already received.
    expect(run.progress[0]?.[0]?.outcome).toBe('running');
  });

  it('keeps going when the progress listener throws', async () => {
    const clock = fakeClock();
    const fakes = fakeAttempts();
    const run = start(clock, {
      candidates: candidates('a'),
      attempt: fakes.attempt,
      onTrail: () => {
        throw new Error('listener bug');
      },
    });
    await flush();
    fakes.call('a').answer(ok());
    await flush();
    expect(run.result()).toMatchObject({ ok: true, origin: 'a' });
  });

  it('with an empty ranked list, answers no-candidates without trying anything', async () => {
    const fakes = fakeAttempts();
    const result = await runFallback({
      candidates: [],
      attempt: fakes.attempt,
      maxAttempts: 5,
      deadlineMs: DEADLINE,
      timing: UNIFORM,
    });
    expect(result).toEqual({ ok: false, reason: 'no-candidates', error: null, trail: [] });
    expect(fakes.calls).toHaveLength(0);
  });

  it('is deterministic: the same script gives the same trail and timings', async () => {
    const runOnce = async () => {
      const clock = fakeClock();
      const fakes = scriptedAttempts(clock, {
        a: 'hang',
        b: { after: 900, outcome: RATE_LIMITED },
        c: { after: 100, outcome: FETCH_FAIL },
        d: { after: 400, outcome: ok() },
      });
      const run = start(clock, {
        candidates: candidates('a', 'b', 'c', 'd'),
        attempt: fakes.attempt,
      });
      await clock.advance(10_000);
      return { result: run.result(), starts: fakes.starts(), progress: run.progress };
    };
    const first = await runOnce();
    expect(await runOnce()).toEqual(first);
    expect(first.result).toMatchObject({ ok: true, origin: 'd' });
  });

  it('works on the default global timers and clock', async () => {
    vi.useFakeTimers();
    try {
      const fakes = fakeAttempts();
      const promise = runFallback({
        candidates: candidates('a', 'b'),
        attempt: fakes.attempt,
        maxAttempts: 5,
        deadlineMs: DEADLINE,
        timing: UNIFORM,
      });
      await vi.advanceTimersByTimeAsync(HEDGE);
      expect(fakes.origins()).toEqual(['a', 'b']);
      fakes.call('b').answer(ok());
      const result = await promise;
      expect(result).toMatchObject({ ok: true, origin: 'b' });
      expect(result.trail[1]?.ms).toBe(0);
      // a, outrun past its hedge delay, is left to answer until its hard timeout.
      expect(vi.getTimerCount()).toBe(1);
      await vi.advanceTimersByTimeAsync(HEDGE);
      expect(fakes.call('a').signal.aborted).toBe(true);
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('exhaustedError', () => {
  const needsLocal = {
    code: SUBMIT_CODES.needsLocalProcessing,
    action: 'failover',
    errorClass: 'instance',
  } as const;
  const unsafe = {
    code: SUBMIT_CODES.unsafeUrl,
    action: 'failover',
    errorClass: 'instance',
  } as const;
  const badKey = {
    code: 'error.api.auth.key.invalid',
    action: 'failover',
    errorClass: 'instance',
    remedy: 'fix-key',
  } as const;
  const rate = {
    code: 'error.api.rate_exceeded',
    action: 'retry-later',
    errorClass: 'instance',
  } as const;

  it.each([
    { name: 'nothing failed', failures: [], rejections: [], expected: null },
    {
      name: 'plain failures: the last one',
      failures: [needsLocal, rate],
      rejections: [],
      expected: rate,
    },
    {
      name: 'every rejection needs local processing',
      failures: [needsLocal, rate],
      rejections: [needsLocal],
      expected: needsLocal,
    },
    {
      name: 'a key the user gave was refused: that, over a later failure',
      failures: [rate, badKey, rate],
      rejections: [],
      expected: badKey,
    },
    {
      name: 'mixed rejections: the last failure',
      failures: [needsLocal, unsafe, rate],
      rejections: [needsLocal, unsafe],
      expected: rate,
    },
  ])('$name', ({ failures, rejections, expected }) => {
    expect(exhaustedError(failures, rejections)).toEqual(expected);
  });
});

describe('runFallback: cancelled losers and hard timeouts', () => {
  function listeners() {
    const cancelled: string[] = [];
    const hung: string[] = [];
    return {
      cancelled,
      hung,
      onCancelled: (origin: string, ms: number) => void cancelled.push(`${origin}@${ms}`),
      onHardTimeout: (origin: string, ms: number) => void hung.push(`${origin}@${ms}`),
    };
  }

  it('a slower loser past its hedge delay is left to answer: not aborted, not reported', async () => {
    const clock = fakeClock();
    const log = listeners();
    // a would answer at 2,500 ms; b, hedged in at 600 ms, answers 300 ms later.
    const fakes = scriptedAttempts(clock, {
      a: { after: 2500, outcome: ok() },
      b: { after: 300, outcome: ok() },
    });
    const run = start(clock, {
      candidates: candidates('a', 'b'),
      attempt: fakes.attempt,
      timing: () => ({ hedgeMs: HEDGE, hardTimeoutMs: 10_000 }),
      ...log,
    });
    await clock.advance(20_000);
    expect(run.result()).toMatchObject({ ok: true, origin: 'b' });
    // Its late answer (at 2,500 ms) went to the caller's attempt function, like any answer.
    expect(log.cancelled).toEqual([]);
    expect(log.hung).toEqual([]);
    expect(fakes.call('a').signal.aborted).toBe(false);
  });

  it('each origin gets its own hedge delay: the second instance waits for the first one’s', async () => {
    const clock = fakeClock();
    const timings: Record<string, { hedgeMs: number; hardTimeoutMs: number }> = {
      slowButNormal: { hedgeMs: 7000, hardTimeoutMs: 21_000 },
      other: { hedgeMs: 900, hardTimeoutMs: 2700 },
    };
    const fakes = scriptedAttempts(clock, {
      slowButNormal: { after: 6000, outcome: ok() },
      other: { after: 100, outcome: ok() },
    });
    const run = start(clock, {
      candidates: candidates('slowButNormal', 'other'),
      attempt: fakes.attempt,
      timing: (origin) => timings[origin]!,
    });
    await clock.advance(20_000);
    expect(fakes.starts()).toEqual(['slowButNormal@0']);
    expect(run.result()).toMatchObject({ ok: true, origin: 'slowButNormal' });
  });

  it('an attempt silent for its hard timeout is aborted, reported hung, and its slot reused', async () => {
    const clock = fakeClock();
    const log = listeners();
    const fakes = scriptedAttempts(clock, {
      a: 'hang',
      b: 'hang',
      c: { after: 100, outcome: ok() },
    });
    const run = start(clock, {
      candidates: candidates('a', 'b', 'c'),
      attempt: fakes.attempt,
      ...log,
    });
    await clock.advance(2 * HEDGE - 1);
    expect(log.hung).toEqual([]);
    await clock.advance(1);
    expect(log.hung).toEqual([`a@${2 * HEDGE}`]);
    expect(fakes.call('a').signal.aborted).toBe(true);
    await clock.advance(10_000);
    expect(fakes.starts()).toEqual(['a@0', `b@${HEDGE}`, `c@${2 * HEDGE}`]);
    expect(run.result()).toMatchObject({ ok: true, origin: 'c' });
    // b (started at 600) was past its hedge delay, not its hard timeout, when c won at 1,300:
    // left to answer, it stayed silent and was given up at its own hard timeout.
    expect(log.cancelled).toEqual([]);
    expect(log.hung).toEqual([`a@${2 * HEDGE}`, `b@${2 * HEDGE}`]);
    expect(brief(run.result()!.trail)[0]).toMatchObject({
      outcome: 'failed',
      code: 'client.timeout',
    });
  });

  it('the last hope is not cut at its hard timeout, but reported hung when the deadline cuts it', async () => {
    const clock = fakeClock();
    const log = listeners();
    const fakes = scriptedAttempts(clock, { a: 'hang' });
    const run = start(clock, { candidates: candidates('a'), attempt: fakes.attempt, ...log });
    await clock.advance(DEADLINE - 1);
    expect(fakes.call('a').signal.aborted).toBe(false);
    await clock.advance(1);
    expect(run.result()).toMatchObject({ ok: false, reason: 'deadline' });
    expect(log.hung).toEqual([`a@${DEADLINE}`]);
  });

  it('with instances outside the chain (the batch queue), a lone hang is cut at its hard timeout', async () => {
    const clock = fakeClock();
    const log = listeners();
    const fakes = scriptedAttempts(clock, { a: 'hang' });
    const run = start(clock, {
      candidates: candidates('a'),
      attempt: fakes.attempt,
      othersOutside: true,
      ...log,
    });
    await clock.advance(2 * HEDGE - 1);
    expect(run.result()).toBeNull();
    await clock.advance(1);
    expect(fakes.call('a').signal.aborted).toBe(true);
    expect(log.hung).toEqual([`a@${2 * HEDGE}`]);
    expect(run.result()).toMatchObject({ ok: false, reason: 'exhausted' });
    expect(brief(run.result()!.trail)[0]).toMatchObject({
      outcome: 'failed',
      code: 'client.timeout',
    });
  });

  it('claim: the first attempt is never asked; a refused candidate is skipped for the next', async () => {
    const clock = fakeClock();
    const fakes = scriptedAttempts(clock, {
      a: 'hang',
      b: 'hang',
      c: { after: 100, outcome: ok() },
    });
    const asked: string[] = [];
    const run = start(clock, {
      candidates: candidates('a', 'b', 'c'),
      attempt: fakes.attempt,
      maxAttempts: 2,
      claim: (origin) => (asked.push(origin), origin !== 'b'),
    });
    await clock.advance(HEDGE - 1);
    expect(asked).toEqual([]);
    await clock.advance(1);
    expect(asked).toEqual(['b', 'c']);
    await clock.advance(100);
    expect(run.result()).toMatchObject({ ok: true, origin: 'c' });
    expect(brief(run.result()!.trail).map((t) => t.origin)).toEqual(['a', 'c']);
  });

  it('claim: with every candidate refused there is no hedge, and the first runs on', async () => {
    const clock = fakeClock();
    const fakes = scriptedAttempts(clock, { a: { after: HEDGE + 300, outcome: ok() } });
    const run = start(clock, {
      candidates: candidates('a', 'b'),
      attempt: fakes.attempt,
      claim: () => false,
    });
    await clock.advance(HEDGE + 300);
    expect(run.result()).toMatchObject({ ok: true, origin: 'a' });
    expect(brief(run.result()!.trail).map((t) => t.origin)).toEqual(['a']);
  });

  it('a last hope that answers late, after its hard timeout, still wins', async () => {
    const clock = fakeClock();
    const log = listeners();
    const fakes = scriptedAttempts(clock, { a: { after: 5000, outcome: ok() } });
    const run = start(clock, { candidates: candidates('a'), attempt: fakes.attempt, ...log });
    await clock.advance(10_000);
    expect(run.result()).toMatchObject({ ok: true, origin: 'a' });
    expect(log).toMatchObject({ cancelled: [], hung: [] });
  });

  it('reports nothing for attempts that answered, even with a failure', async () => {
    const clock = fakeClock();
    const log = listeners();
    const fakes = scriptedAttempts(clock, {
      a: { after: 100, outcome: FETCH_FAIL },
      b: { after: HEDGE + 100, outcome: RATE_LIMITED },
      c: { after: 100, outcome: ok() },
    });
    const run = start(clock, {
      candidates: candidates('a', 'b', 'c'),
      attempt: fakes.attempt,
      ...log,
    });
    await clock.advance(10_000);
    expect(run.result()).toMatchObject({ ok: true, origin: 'c' });
    expect(log).toMatchObject({ cancelled: [], hung: [] });
  });

  it('reports nothing when a content error ends the chain', async () => {
    const clock = fakeClock();
    const log = listeners();
    const fakes = scriptedAttempts(clock, { a: 'hang', b: { after: 100, outcome: PRIVATE } });
    const run = start(clock, { candidates: candidates('a', 'b'), attempt: fakes.attempt, ...log });
    await clock.advance(10_000);
    expect(run.result()).toMatchObject({ ok: false, reason: 'content' });
    expect(log).toMatchObject({ cancelled: [], hung: [] });
  });

  it('three hanging instances ahead of a healthy one: each hung at its hard timeout', async () => {
    const clock = fakeClock();
    const log = listeners();
    const fakes = scriptedAttempts(clock, {
      h1: 'hang',
      h2: 'hang',
      h3: 'hang',
      good: { after: 300, outcome: ok() },
    });
    const run = start(clock, {
      candidates: candidates('h1', 'h2', 'h3', 'good'),
      attempt: fakes.attempt,
      ...log,
    });
    await clock.advance(10_000);
    expect(run.result()).toMatchObject({ ok: true, origin: 'good' });
    expect(fakes.starts()).toEqual(['h1@0', 'h2@600', 'h3@1200', 'good@1800']);
    // h3, outrun 900 ms in (past its hedge delay), is left to answer and given up at 1,200 ms.
    expect(log.hung).toEqual(['h1@1200', 'h2@1200', 'h3@1200']);
    expect(log.cancelled).toEqual([]);
  });

  it('keeps going when the listeners throw', async () => {
    const clock = fakeClock();
    const fakes = scriptedAttempts(clock, {
      a: 'hang',
      b: 'hang',
      c: { after: 100, outcome: ok() },
    });
    const run = start(clock, {
      candidates: candidates('a', 'b', 'c'),
      attempt: fakes.attempt,
      onCancelled: () => {
        throw new Error('listener broke');
      },
      onHardTimeout: () => {
        throw new Error('listener broke');
      },
    });
    await clock.advance(10_000);
    expect(run.result()).toMatchObject({ ok: true, origin: 'c' });
  });
});

describe('runFallback: retime (timing read again while attempts run)', () => {
  /** A timing table the test changes, and the chain's retime subscription. */
  function retimable(initial: { hedgeMs: number; hardTimeoutMs: number }) {
    let current = initial;
    let listener: (() => void) | null = null;
    let unsubscribed = 0;
    return {
      timing: () => current,
      retime: (l: () => void) => {
        listener = l;
        return () => void (unsubscribed += 1);
      },
      change(next: { hedgeMs: number; hardTimeoutMs: number }) {
        current = next;
        listener?.();
      },
      unsubscribed: () => unsubscribed,
    };
  }

  it.each([
    // Learned meanwhile that answers come in ~1 s: a silence of 2 s is past the new hedge.
    { case: 'already past the new delay: hedged at once', newHedge: 1000, hedgedAt: 2000 },
    { case: 'before the new delay: hedged at it', newHedge: 3000, hedgedAt: 3000 },
    { case: 'a later delay: hedged later', newHedge: 8000, hedgedAt: 8000 },
  ])('the hedge follows the new timing, $case', async ({ newHedge, hedgedAt }) => {
    const clock = fakeClock();
    const t = retimable({ hedgeMs: 6000, hardTimeoutMs: 18_000 });
    const fakes = scriptedAttempts(clock, { a: 'hang', b: { after: 100, outcome: ok() } });
    const run = start(clock, {
      candidates: candidates('a', 'b'),
      attempt: fakes.attempt,
      timing: t.timing,
      retime: t.retime,
    });
    await clock.advance(2000);
    t.change({ hedgeMs: newHedge, hardTimeoutMs: 18_000 });
    await clock.advance(20_000);
    expect(fakes.starts()).toEqual(['a@0', `b@${hedgedAt}`]);
    expect(run.result()).toMatchObject({ ok: true, origin: 'b' });
    expect(t.unsubscribed()).toBe(1);
  });

  it('an attempt already silent past its new hard timeout is taken for hung at once', async () => {
    const clock = fakeClock();
    const hung: string[] = [];
    const t = retimable({ hedgeMs: 6000, hardTimeoutMs: 18_000 });
    const fakes = scriptedAttempts(clock, {
      a: 'hang',
      b: 'hang',
      c: { after: 100, outcome: ok() },
    });
    const run = start(clock, {
      candidates: candidates('a', 'b', 'c'),
      attempt: fakes.attempt,
      timing: t.timing,
      retime: t.retime,
      onHardTimeout: (origin, ms) => void hung.push(`${origin}@${ms}`),
    });
    await clock.advance(7000);
    // a is past its hedge (b runs beside it); the service turns out to answer within 1 s.
    t.change({ hedgeMs: 1000, hardTimeoutMs: 3000 });
    await clock.advance(20_000);
    // a: hung at once (7 s > 3 s), its slot to c. b, started at 6 s, is past its new hedge when
    // c wins: left to answer, and hung at its new hard timeout (9 s, 3 s after its start).
    expect(hung).toEqual(['a@7000', 'b@3000']);
    expect(fakes.starts()).toEqual(['a@0', 'b@6000', 'c@7000']);
    expect(fakes.call('a').signal.aborted).toBe(true);
    expect(run.result()).toMatchObject({ ok: true, origin: 'c' });
  });

  it('without retime, a change of timing is not seen by a running attempt', async () => {
    const clock = fakeClock();
    let hedgeMs = 6000;
    const fakes = scriptedAttempts(clock, { a: 'hang', b: { after: 100, outcome: ok() } });
    start(clock, {
      candidates: candidates('a', 'b'),
      attempt: fakes.attempt,
      timing: () => ({ hedgeMs, hardTimeoutMs: 18_000 }),
    });
    await clock.advance(2000);
    hedgeMs = 1000;
    await clock.advance(20_000);
    expect(fakes.starts()).toEqual(['a@0', 'b@6000']);
  });
});
