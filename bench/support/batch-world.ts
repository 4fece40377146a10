/**
 * A small seeded world for the batch bench: instances that count requests per client in a fixed
 * window the way cobalt's express-rate-limit does (docs/cobalt-api.md §3.3: the window starts at
 * the first request, `RateLimit-Remaining`/`-Reset` are computed when the request ARRIVES and
 * read by the client when the answer comes back; over the limit → 429 with `Retry-After`), each
 * with its own median answer time and per-request spread, on a simulated clock.
 */

export interface WorldInstance {
  origin: string;
  limit: number;
  windowMs: number;
  medianMs: number;
}

export interface World {
  instances: WorldInstance[];
  links: number;
  /** Answer time of link `item` on instance `origin` (ms); fixed per seed, so the oracle knows it. */
  duration(item: number, origin: string): number;
}

/** mulberry32: small, seedable, good enough for a bench. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function makeWorld(
  seed: number,
  links: number,
  count: number,
  limit: number,
  windowMs: number,
): World {
  const rnd = random(seed);
  const instances = Array.from({ length: count }, (_, i) => ({
    origin: `https://i${i}.test`,
    limit,
    windowMs,
    // Community instances answer a POST in roughly 0.4–3 s.
    medianMs: 400 + rnd() * 2600,
  }));
  // ±20 % per request, drawn once per (link, instance).
  const spread = new Map<string, number>();
  for (let item = 0; item < links; item += 1) {
    for (const inst of instances) spread.set(`${item}|${inst.origin}`, 0.8 + rnd() * 0.4);
  }
  const median = new Map(instances.map((i) => [i.origin, i.medianMs]));
  return {
    instances,
    links,
    duration: (item, origin) => median.get(origin)! * spread.get(`${item}|${origin}`)!,
  };
}

/** Per-instance server state: cobalt's per-client fixed window. */
export class WorldServer {
  private windowStart: number | null = null;
  private count = 0;
  /** Most requests seen in one window beyond the limit. */
  overLimit = 0;
  received = 0;
  refused = 0;

  constructor(readonly spec: WorldInstance) {}

  /** A request arrives at `now`: the status and the headers it will carry. */
  arrive(now: number): { status: number; headers: Record<string, string> } {
    this.received += 1;
    if (this.windowStart === null || now >= this.windowStart + this.spec.windowMs) {
      this.windowStart = now;
      this.count = 0;
    }
    this.count += 1;
    this.overLimit = Math.max(this.overLimit, this.count - this.spec.limit);
    const reset = Math.ceil((this.windowStart + this.spec.windowMs - now) / 1000);
    const headers: Record<string, string> = {
      'ratelimit-limit': String(this.spec.limit),
      'ratelimit-remaining': String(Math.max(0, this.spec.limit - this.count)),
      'ratelimit-reset': String(reset),
      'ratelimit-policy': `${this.spec.limit};w=${this.spec.windowMs / 1000}`,
    };
    if (this.count <= this.spec.limit) return { status: 200, headers };
    this.refused += 1;
    return { status: 429, headers: { ...headers, 'retry-after': String(reset) } };
  }
}

/**
 * The oracle: the shortest makespan any schedule within every limit can reach, knowing every
 * answer time in advance. Starting a request later never helps, and when all links fit in the
 * instances' first windows every link starts at 0, so the best makespan is the smallest T such
 * that each link can go to an instance answering it within T with no instance over its limit:
 * a bottleneck assignment, solved by bisection over the candidate times with a matching.
 */
export function oracleMakespan(world: World): number {
  const capacity = world.instances.reduce((sum, i) => sum + i.limit, 0);
  if (world.links > capacity) throw new Error('the oracle covers batches that fit in one window');
  const candidates = [
    ...new Set(
      Array.from({ length: world.links }, (_, item) =>
        world.instances.map((i) => world.duration(item, i.origin)),
      ).flat(),
    ),
  ].sort((a, b) => a - b);
  let lo = 0;
  let hi = candidates.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (fits(world, candidates[mid]!)) hi = mid;
    else lo = mid + 1;
  }
  return candidates[lo]!;
}

/** Can every link be given an instance answering it within `limitMs`, within capacities? */
function fits(world: World, limitMs: number): boolean {
  const load = new Map<string, number[]>(world.instances.map((i) => [i.origin, []]));
  const cap = new Map(world.instances.map((i) => [i.origin, i.limit]));
  const assign = (item: number, seen: Set<string>): boolean => {
    for (const inst of world.instances) {
      if (world.duration(item, inst.origin) > limitMs || seen.has(inst.origin)) continue;
      seen.add(inst.origin);
      const taken = load.get(inst.origin)!;
      if (taken.length < cap.get(inst.origin)!) {
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
  for (let item = 0; item < world.links; item += 1) if (!assign(item, new Set())) return false;
  return true;
}
