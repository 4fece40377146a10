import type { FetchLike } from '../../../lib/net/http';
import { probeMany } from '../../../lib/probe/probe-many';
import type { ProbeResult, ProbeTable } from '../../../lib/probe/probe-result';

/**
 * The pool's scheduling, with a fake fetch that answers after a per-origin delay: an event log
 * shows whether a slot is ever left idle while work waits.
 */
function delayedFetch(delays: Record<string, number>) {
  const log: ('start' | 'end')[] = [];
  let open = 0;
  let maxOpen = 0;
  const fetch: FetchLike = (url) =>
    new Promise((resolve) => {
      open++;
      maxOpen = Math.max(maxOpen, open);
      log.push('start');
      setTimeout(
        () => {
          open--;
          log.push('end');
          resolve(new Response(JSON.stringify({ cobalt: { version: '11.7.1', services: [] } })));
        },
        delays[new URL(url).origin] ?? 1,
      );
    });
  return { fetch, log, maxOpen: () => maxOpen };
}

const origins = Array.from({ length: 30 }, (_, i) => `https://i${i}.example`);
// Distinct, uneven delays so slots free up one at a time and out of order.
const delays = Object.fromEntries(origins.map((o, i) => [o, 2 + ((i * 7) % 13) * 2]));

describe('probeMany: the worker pool', () => {
  it.each([1, 3, 8, 64])('never opens more than %d requests', async (concurrency) => {
    const { fetch, maxOpen } = delayedFetch(delays);
    const table = await probeMany({ fetch, origins, concurrency });
    expect(Object.keys(table)).toHaveLength(origins.length);
    expect(maxOpen()).toBe(Math.min(concurrency, origins.length));
  });

  it('refills a slot as soon as it frees, while work remains', async () => {
    const { fetch, log } = delayedFetch(delays);
    await probeMany({ fetch, origins, concurrency: 4 });
    let started = 0;
    for (let i = 0; i < log.length; i++) {
      if (log[i] === 'start') started++;
      // Every completion while origins are still queued is followed at once by a new start.
      else if (started < origins.length) expect(log[i + 1]).toBe('start');
    }
    expect(started).toBe(origins.length);
  });

  it('returns results keyed by origin, in request order, duplicates probed once', async () => {
    const { fetch, log } = delayedFetch(delays);
    const asked = [origins[2]!, origins[0]!, origins[2]!, origins[1]!];
    const table = await probeMany({ fetch, origins: asked });
    expect(Object.keys(table)).toEqual([origins[2], origins[0], origins[1]]);
    expect(log.filter((e) => e === 'start')).toHaveLength(3);
  });

  it.each<[string, number, boolean]>([
    ['a fresh cached result is reused', 60_000, false],
    ['a stale one is probed again', 16 * 60_000, true],
    ['one from the future is not trusted', -60_000, true],
  ])('%s', async (_name, age, probed) => {
    const now = 1_700_000_000_000;
    const origin = origins[0]!;
    const cached: ProbeResult = {
      origin,
      at: now - age,
      ok: true,
      latencyMs: 42,
      generation: 'v10',
      version: '10.9.4',
      services: ['youtube'],
      turnstile: false,
    };
    const cache: ProbeTable = { [origin]: cached };
    const { fetch, log } = delayedFetch(delays);
    const table = await probeMany({ fetch, origins: [origin], cache, now: () => now });
    expect(log.includes('start')).toBe(probed);
    if (probed) expect(table[origin]?.generation).toBe('v11');
    else expect(table[origin]).toBe(cached);
  });

  it('an aborted sweep stops starting probes and leaves cancelled ones out', async () => {
    const controller = new AbortController();
    const { fetch, log } = delayedFetch(Object.fromEntries(origins.map((o) => [o, 30])));
    const pending = probeMany({ fetch, origins, concurrency: 2, signal: controller.signal });
    setTimeout(() => controller.abort(), 45);
    const table = await pending;
    expect(log.filter((e) => e === 'start').length).toBeLessThan(origins.length);
    expect(Object.keys(table).length).toBeGreaterThanOrEqual(2);
    expect(Object.values(table).every((r) => r.ok)).toBe(true);
  });

  it('an empty list makes no request', async () => {
    const { fetch, log } = delayedFetch({});
    expect(await probeMany({ fetch, origins: [] })).toEqual({});
    expect(log).toEqual([]);
  });
});
