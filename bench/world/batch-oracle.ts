import type { Download, World } from './world-model';

/**
 * The best batch schedule within every instance's limit, with the world bench's oracle
 * knowledge (bench/world/world-model.ts `oracle`): every pair's class and median, and what each
 * instance will do on each link (error, a 429 of other users, hang, broken tunnel), but not the
 * random draw of an answer time before it happens. Each link goes to ONE instance that will
 * deliver it (for a content error: one that will say so), the one with the earliest expected
 * end, start + median, where the start is 0 while the instance's first window has room and the
 * next window's start after that (a fixed window per client from its first request, `limit`
 * requests each). Links with the fewest such instances are placed first. The schedule is then
 * timed with the draws the world gives those (link, instance) pairs, attempt 0.
 */
export interface OracleBatch {
  /** Batch start → the last link answered (ms); 0 when no link can be served. */
  makespanMs: number;
  /** Links it delivers a file for. */
  delivered: number;
  /** Links no instance will deliver (nor answer with a content error): left out. */
  unservable: number;
}

/** The instances that end this link on their first attempt, with the time each would take. */
function enders(world: World, link: Download): { origin: string; median: number; ms: number }[] {
  const out: { origin: string; median: number; ms: number }[] = [];
  for (const { origin } of world.instances) {
    const drawn = world.draw(link, origin, 0);
    const ends = link.contentError
      ? drawn.kind === 'error' && drawn.code.includes('content')
      : drawn.kind === 'tunnel' && !drawn.breaks;
    if (ends && drawn.kind !== 'hang' && drawn.kind !== 'rate-limited') {
      out.push({ origin, median: world.pair(origin, link.service).medianMs, ms: drawn.ms });
    }
  }
  return out;
}

export function oracleBatch(
  world: World,
  links: readonly Download[],
  limit: number,
  windowMs: number,
): OracleBatch {
  const options = links.map((link) => ({ link, enders: enders(world, link) }));
  const windows = new Map<string, { start: number; count: number }>();
  let makespanMs = 0;
  let delivered = 0;
  const placeable = options
    .filter((o) => o.enders.length > 0)
    .sort((a, b) => a.enders.length - b.enders.length || a.link.index - b.link.index);
  const unservable = options.length - placeable.length;
  for (const { link, enders: choices } of placeable) {
    let best: { origin: string; start: number; expected: number; ms: number } | null = null;
    for (const choice of choices) {
      const window = windows.get(choice.origin);
      const start = !window ? 0 : window.count < limit ? window.start : window.start + windowMs;
      const expected = start + choice.median;
      if (!best || expected < best.expected) best = { ...choice, start, expected };
    }
    const chosen = best!;
    const window = windows.get(chosen.origin);
    if (!window || chosen.start !== window.start) {
      windows.set(chosen.origin, { start: chosen.start, count: 1 });
    } else {
      window.count += 1;
    }
    makespanMs = Math.max(makespanMs, chosen.start + chosen.ms);
    if (!link.contentError) delivered += 1;
  }
  return { makespanMs, delivered, unservable };
}

/**
 * The old, clairvoyant oracle, for the record: it also knows every draw, so each link goes to
 * the instance where that link happens to be fast (a bottleneck assignment: the smallest T such
 * that every link has a delivering instance answering within T, no instance over its limit).
 * Only for batches that fit in the instances' first windows; null otherwise.
 */
export function clairvoyantBatch(
  world: World,
  links: readonly Download[],
  limit: number,
): number | null {
  const choices = links.map((link) => enders(world, link)).filter((c) => c.length > 0);
  const fits = (bound: number): boolean => {
    const load = new Map<string, number[]>();
    const assign = (item: number, seen: Set<string>): boolean => {
      for (const { origin, ms } of choices[item]!) {
        if (ms > bound || seen.has(origin)) continue;
        seen.add(origin);
        const taken = load.get(origin) ?? [];
        load.set(origin, taken);
        if (taken.length < limit) {
          taken.push(item);
          return true;
        }
        for (let k = 0; k < taken.length; k += 1) {
          if (assign(taken[k]!, seen)) {
            taken[k] = item;
            return true;
          }
        }
      }
      return false;
    };
    for (let item = 0; item < choices.length; item += 1) if (!assign(item, new Set())) return false;
    return true;
  };
  const candidates = [...new Set(choices.flat().map((c) => c.ms))].sort((a, b) => a - b);
  if (candidates.length === 0 || !fits(candidates[candidates.length - 1]!)) return null;
  let lo = 0;
  let hi = candidates.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (fits(candidates[mid]!)) hi = mid;
    else lo = mid + 1;
  }
  return candidates[lo]!;
}
