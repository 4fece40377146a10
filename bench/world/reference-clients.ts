import type { ServiceKey } from '../../lib/services/service-key';
import type { Download, World } from './world-model';

/**
 * Two reference policies that show what knowing the world's classes would buy, as a yardstick for
 * `world.p50_vs_oracle` (docs/performance.md "What the oracle knows that no client can learn").
 *
 * Both know every (instance, service) pair's class, which no client does: they send each download
 * to one `healthy` pair and so never meet an error, a hang, a 429 or a slow pair. What they do not
 * know is what the oracle also knows: which healthy pair has the lowest median. Healthy medians
 * differ by about ±10 % (`pairLogSd`) under a per-attempt spread of σ(ln) ≈ 0.84, so telling two
 * apart takes hundreds of answers from each.
 *
 * - `informed-sticky` keeps one healthy pair per service (the first in the world's list of
 *   instances, which says nothing about its median): what our chain does once it has found a
 *   healthy instance.
 * - `informed-explorer` tries every healthy pair of the service in turn, `EXPLORER_ROUNDS` times
 *   each, then keeps the one whose answers had the lowest median: it spends page URLs on every
 *   healthy operator to learn the fastest.
 *
 * Each returns, per download the oracle delivers, the time to the download URL (null when its
 * tunnel breaks), as the world draws it for attempt 0 on the pair chosen.
 */
export type ReferencePolicy = 'informed-sticky' | 'informed-explorer';

export const EXPLORER_ROUNDS = 5;

export function referenceTimes(world: World, policy: ReferencePolicy): (number | null)[] {
  const healthy = new Map<ServiceKey, string[]>();
  for (const service of world.params.services) {
    healthy.set(
      service,
      world.instances
        .map((w) => w.origin)
        .filter((origin) => world.pair(origin, service).class === 'healthy'),
    );
  }
  const seen = new Map<ServiceKey, number>();
  const answers = new Map<string, number[]>();
  const times: (number | null)[] = [];
  for (const download of world.downloads) {
    const pool = healthy.get(download.service) ?? [];
    const n = seen.get(download.service) ?? 0;
    seen.set(download.service, n + 1);
    const origin = pool.length === 0 ? null : choose(policy, pool, n, download, answers);
    const drawn = origin === null ? null : world.draw(download, origin, 0);
    if (origin !== null && drawn?.kind === 'tunnel') {
      const key = `${origin}|${download.service}`;
      answers.set(key, [...(answers.get(key) ?? []), drawn.ms]);
    }
    if (!world.oracle(download).ok) continue;
    times.push(drawn?.kind === 'tunnel' && !drawn.breaks ? drawn.ms : null);
  }
  return times;
}

function choose(
  policy: ReferencePolicy,
  pool: readonly string[],
  n: number,
  download: Download,
  answers: ReadonlyMap<string, readonly number[]>,
): string {
  if (policy === 'informed-sticky') return pool[0]!;
  if (n < EXPLORER_ROUNDS * pool.length) return pool[n % pool.length]!;
  const medianOf = (origin: string) => {
    const seen = [...(answers.get(`${origin}|${download.service}`) ?? [])].sort((a, b) => a - b);
    return seen.length === 0 ? Infinity : seen[(seen.length - 1) >> 1]!;
  };
  return pool.reduce((best, origin) => (medianOf(origin) < medianOf(best) ? origin : best));
}
