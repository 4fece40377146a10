import type { Download, World } from './world-model';

/**
 * A reference batch client that knows everything fixed about the world and nothing that is drawn
 * per request: a yardstick for `batch.makespan_vs_oracle` (docs/performance.md "Batch queue",
 * "What no client can know in advance").
 *
 * It knows every pair's class and median, so it never sends a link to a pair that hangs, is
 * blocked or wants a key, and it places each link as the oracle does (bench/world/batch-oracle.ts:
 * the earliest expected end, start + median, within each instance's window of `limit` requests per
 * `windowMs` from its first request). It prefers pairs that never fail (healthy, slow) and uses
 * those that sometimes do (busy: a 429 of other users; flaky: a hang) only when they would end a
 * link sooner. What it does not know, and the oracle does, is which request will fail: a busy
 * pair's 429, a flaky pair's hang (it cuts a silence at that pair's 99th percentile, which it
 * knows), a tunnel that breaks. Each failure sends the link on to the best instance with room,
 * or to the next window.
 *
 * It is a feasible policy, not a bound: a cleverer client that knew as little could do better.
 * It shows how much of the oracle's lead is knowing every request's outcome in advance.
 */
export interface ReferenceBatch {
  makespanMs: number;
  /** Requests that failed (429, hang cut, broken tunnel) and were sent on. */
  failures: number;
}

const RELIABLE = new Set(['healthy', 'slow']);
const RISKY = new Set(['busy', 'flaky']);
/** z of the 99th percentile: where this client gives up on a silence. */
const Z99 = 2.3263;
/** A link is given up after this many requests (never reached in the worlds benched). */
const MAX_REQUESTS_PER_LINK = 40;

interface Window {
  start: number;
  count: number;
}

export function informedBatch(
  world: World,
  links: readonly Download[],
  limit: number,
  windowMs: number,
): ReferenceBatch {
  const service = links[0]?.service;
  if (!service) return { makespanMs: 0, failures: 0 };
  const usable = world.instances
    .map((w) => w.origin)
    .map((origin) => ({ origin, ...world.pair(origin, service) }))
    .filter((p) => RELIABLE.has(p.class) || RISKY.has(p.class));
  const windows = new Map<string, Window>();
  const attempts = new Map<string, number>();
  const sentFor = new Map<number, number>();
  // The earliest time from `at` the instance can take a request: now while its window has room,
  // or when that window ends. A window may already be booked ahead of `at` (a link that found
  // the current one full was given the next), and then nothing goes there before it opens.
  const slotAt = (origin: string, at: number): number => {
    const w = windows.get(origin);
    if (!w || at >= w.start + windowMs) return at;
    return w.count < limit ? Math.max(at, w.start) : w.start + windowMs;
  };
  const take = (origin: string, start: number) => {
    const w = windows.get(origin);
    if (!w || start >= w.start + windowMs) windows.set(origin, { start, count: 1 });
    else w.count += 1;
  };

  let makespanMs = 0;
  let failures = 0;
  // Links ready to be sent, earliest first (all at 0; a failure puts its link back later).
  const ready: { link: Download; at: number }[] = links.map((link) => ({ link, at: 0 }));
  while (ready.length > 0) {
    ready.sort((a, b) => a.at - b.at || a.link.index - b.link.index);
    const { link, at } = ready.shift()!;
    const sentSoFar = sentFor.get(link.index) ?? 0;
    if (usable.length === 0 || sentSoFar >= MAX_REQUESTS_PER_LINK) continue;
    sentFor.set(link.index, sentSoFar + 1);
    const pick = (pool: typeof usable) =>
      pool
        .map((p) => ({ p, start: slotAt(p.origin, at) }))
        .sort((a, b) => a.start + a.p.medianMs - (b.start + b.p.medianMs))[0];
    const reliable = pick(usable.filter((p) => RELIABLE.has(p.class)));
    const risky = pick(usable.filter((p) => RISKY.has(p.class)));
    const chosen =
      !reliable || (risky && risky.start + risky.p.medianMs < reliable.start + reliable.p.medianMs)
        ? risky!
        : reliable;
    const { origin, medianMs } = chosen.p;
    take(origin, chosen.start);
    const key = `${link.index}|${origin}`;
    const attempt = attempts.get(key) ?? 0;
    attempts.set(key, attempt + 1);
    const drawn = world.draw(link, origin, attempt);
    const sent = chosen.start;
    if (drawn.kind === 'hang') {
      failures += 1;
      const cut = medianMs * Math.exp(world.params.attemptLogSd * Z99);
      ready.push({ link, at: sent + cut });
    } else if (drawn.kind === 'rate-limited') {
      failures += 1;
      // Other users spent the window: nothing more goes there until it ends.
      const w = windows.get(origin)!;
      w.count = limit;
      ready.push({ link, at: sent + drawn.ms });
    } else if (drawn.kind === 'tunnel' && drawn.breaks) {
      failures += 1;
      ready.push({ link, at: sent + drawn.ms });
    } else {
      // A download URL, or the content error every instance gives for this page.
      makespanMs = Math.max(makespanMs, sent + drawn.ms);
    }
  }
  return { makespanMs, failures };
}
