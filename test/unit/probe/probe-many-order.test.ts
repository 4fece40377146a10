import type { FetchLike } from '../../../lib/net/http';
import { longestExpectedFirst, probeMany } from '../../../lib/probe/probe-many';
import type { ProbeResult, ProbeTable } from '../../../lib/probe/probe-result';

/**
 * The sweep's order: longest expected probe first, from the cache (stale entries included), so
 * a hang is not started last where it holds one slot while the others idle.
 */
const T0 = 1_000_000_000;
const TIMEOUT = 1000;

function cached(origin: string, ok: boolean, latencyMs: number | null): ProbeResult {
  return {
    origin,
    at: T0 - 60 * 60_000, // an hour old: stale, so it is probed again
    ok,
    latencyMs,
    generation: ok ? 'v10+' : 'unknown',
    version: ok ? '11.7.1' : null,
    services: ok ? [] : null,
    turnstile: false,
    ...(ok ? {} : { error: 'timed out' }),
  } as ProbeResult;
}

const o = (name: string) => `https://${name}.example`;

describe('longestExpectedFirst', () => {
  it('keeps the list order when nothing is known (a first sweep)', () => {
    const origins = ['a', 'b', 'c', 'd'].map(o);
    expect(longestExpectedFirst(origins, undefined, TIMEOUT)).toEqual(origins);
    expect(longestExpectedFirst(origins, {}, TIMEOUT)).toEqual(origins);
  });

  it('puts cached failures first, then known latencies slowest first, unknown in between', () => {
    const cache: ProbeTable = {
      [o('fast')]: cached(o('fast'), true, 20),
      [o('slow')]: cached(o('slow'), true, 400),
      [o('failed')]: cached(o('failed'), false, null),
      [o('mid')]: cached(o('mid'), true, 200),
    };
    // Mean known cost: (20 + 400 + 1000 + 200) / 4 = 405: after `failed`, before `slow`.
    const origins = [o('fast'), o('new'), o('slow'), o('failed'), o('mid')];
    expect(longestExpectedFirst(origins, cache, TIMEOUT)).toEqual([
      o('failed'),
      o('new'),
      o('slow'),
      o('mid'),
      o('fast'),
    ]);
  });

  it('places unknown instances between slow and fast known ones (at the mean known cost)', () => {
    const cache: ProbeTable = {
      [o('s1')]: cached(o('s1'), true, 300),
      [o('s2')]: cached(o('s2'), true, 250),
      [o('f1')]: cached(o('f1'), true, 10),
      [o('f2')]: cached(o('f2'), true, 20),
    };
    // mean = 145
    const origins = [o('f1'), o('u1'), o('s2'), o('f2'), o('u2'), o('s1')];
    expect(longestExpectedFirst(origins, cache, TIMEOUT)).toEqual([
      o('s1'),
      o('s2'),
      o('u1'),
      o('u2'),
      o('f2'),
      o('f1'),
    ]);
  });

  it('breaks ties by list order, so the same input always gives the same order', () => {
    const cache: ProbeTable = {
      [o('x')]: cached(o('x'), false, null),
      [o('y')]: cached(o('y'), true, 100),
      [o('z')]: cached(o('z'), false, null),
      [o('w')]: cached(o('w'), true, 100),
    };
    const origins = [o('y'), o('z'), o('w'), o('x')];
    const first = longestExpectedFirst(origins, cache, TIMEOUT);
    expect(first).toEqual([o('z'), o('x'), o('y'), o('w')]);
    expect(longestExpectedFirst(origins, cache, TIMEOUT)).toEqual(first);
  });

  it('treats a known latency above the timeout as the timeout, and an odd timeout safely', () => {
    const cache: ProbeTable = {
      [o('over')]: cached(o('over'), true, 5000),
      [o('failed')]: cached(o('failed'), false, null),
    };
    const origins = [o('over'), o('failed')];
    expect(longestExpectedFirst(origins, cache, TIMEOUT)).toEqual([o('over'), o('failed')]);
    expect(longestExpectedFirst(origins, cache, Number.NaN)).toEqual([o('failed'), o('over')]);
  });
});

describe('probeMany: order of the sweep', () => {
  function recordingFetch() {
    const started: string[] = [];
    const fetch: FetchLike = async (url) => {
      started.push(new URL(url).origin);
      return new Response(JSON.stringify({ cobalt: { version: '11.7.1', services: [] } }));
    };
    return { fetch, started };
  }

  it('starts the stale failure first and the fastest known last; results stay keyed in request order', async () => {
    const { fetch, started } = recordingFetch();
    const cache: ProbeTable = {
      [o('fast')]: cached(o('fast'), true, 20),
      [o('slow')]: cached(o('slow'), true, 400),
      [o('hung')]: cached(o('hung'), false, null),
    };
    const origins = [o('fast'), o('slow'), o('new'), o('hung')];
    const table = await probeMany({
      fetch,
      origins,
      concurrency: 1,
      timeoutMs: TIMEOUT,
      cache,
      now: () => T0,
    });
    expect(started).toEqual([o('hung'), o('new'), o('slow'), o('fast')]);
    expect(Object.keys(table)).toEqual(origins);
    expect(Object.values(table).every((r) => r.ok && r.at === T0)).toBe(true);
  });

  it('does not probe fresh cached entries, and they do not disturb the order of the rest', async () => {
    const { fetch, started } = recordingFetch();
    const fresh = { ...cached(o('fresh'), false, null), at: T0 - 1000 };
    const cache: ProbeTable = {
      [o('fresh')]: fresh,
      [o('slow')]: cached(o('slow'), true, 400),
      [o('fast')]: cached(o('fast'), true, 20),
    };
    const origins = [o('fast'), o('fresh'), o('slow')];
    const table = await probeMany({
      fetch,
      origins,
      concurrency: 1,
      timeoutMs: TIMEOUT,
      cache,
      now: () => T0,
    });
    expect(started).toEqual([o('slow'), o('fast')]);
    expect(Object.keys(table)).toEqual(origins);
    expect(table[o('fresh')]).toBe(fresh);
  });

  it('with no cache, probes in list order', async () => {
    const { fetch, started } = recordingFetch();
    const origins = ['c', 'a', 'b'].map(o);
    await probeMany({ fetch, origins, concurrency: 1, timeoutMs: TIMEOUT });
    expect(started).toEqual(origins);
  });
});
