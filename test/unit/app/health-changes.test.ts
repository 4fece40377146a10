import { changeHealth, notePending, watchHealth } from '../../../lib/app/health-changes';
import { healthItem } from '../../../lib/app/stored-items';
import { healthKey, type HealthTable } from '../../../lib/health/health-state';
import { serviceBelief, beliefMedian } from '../../../lib/health/latency-belief';
import { recordOutcome } from '../../../lib/health/record-outcome';
import { MINUTE, START, testContext } from './engine-context';

const A = 'https://a.example';
const B = 'https://b.example';

const answered = (origin: string, ms: number, now: number) => (table: HealthTable) =>
  recordOutcome(table, { origin, service: 'youtube', outcome: 'ok', latencyMs: ms, now });

describe('changeHealth / watchHealth', () => {
  it('applies the change, stores it and tells every watcher the new table', async () => {
    const ctx = testContext();
    const seen: HealthTable[] = [];
    const stop = watchHealth(ctx, (health) => void seen.push(health));
    await changeHealth(ctx, answered(A, 800, START));
    expect(ctx.state.health[healthKey(A, 'youtube')]?.latencyMs).toBe(800);
    expect((await ctx.store.read(healthItem)).value).toEqual(ctx.state.health);
    expect(seen).toEqual([ctx.state.health]);
    stop();
    await changeHealth(ctx, answered(A, 900, START + 1));
    expect(seen).toHaveLength(1);
  });

  it('keeps each engine’s watchers to itself', async () => {
    const one = testContext();
    const other = testContext();
    const seen: string[] = [];
    watchHealth(one, () => void seen.push('one'));
    watchHealth(other, () => void seen.push('other'));
    await changeHealth(one, answered(A, 800, START));
    expect(seen).toEqual(['one']);
  });

  it('the pooled table counts each request still out as a lower bound, until it is answered', async () => {
    const ctx = testContext();
    const pooled: HealthTable[] = [];
    watchHealth(ctx, (_health, withPending) => void pooled.push(withPending));
    const outB = notePending(ctx, B, 'youtube');
    ctx.clock.now = START + 4000;
    // A answered in 300 ms while B has been silent for 4 s: what is normal for the service is
    // not just the fast answer that came first.
    await changeHealth(ctx, answered(A, 300, ctx.clock.now));
    const [first] = pooled;
    expect(first![healthKey(B, 'youtube')]?.latencySamples).toEqual([
      { ms: 4000, lowerBound: true },
    ]);
    expect(ctx.state.health[healthKey(B, 'youtube')]).toBeUndefined();
    expect(beliefMedian(serviceBelief(first!, 'youtube'))).toBeGreaterThan(
      beliefMedian(serviceBelief(ctx.state.health, 'youtube')),
    );
    outB();
    ctx.clock.now = START + MINUTE;
    await changeHealth(ctx, answered(A, 300, ctx.clock.now));
    expect(pooled[1]).toEqual(ctx.state.health);
  });
});
