import { freshBudget, onAnswer, type InstanceBudget } from '../../../lib/batch/instance-budget';
import { planBatch, type PlanItem } from '../../../lib/batch/plan-batch';

/** Instances that delivered this service before: no trial (the trial has its own tests). */
const ALL_PROVEN = () => true;
const A = 'https://a.example';
const B = 'https://b.example';
const C = 'https://c.example';

const items = (n: number, tried: string[] = []): PlanItem[] =>
  Array.from({ length: n }, (_, i) => ({ id: `i${i}`, service: 'youtube', tried }));

function spent(origin: string, remaining: number, resetSeconds: number): [string, InstanceBudget] {
  const info = { limit: 20, remaining, resetSeconds, retryAfterSeconds: null };
  return [origin, onAnswer({ ...freshBudget(), inFlight: 1 }, info, 200, 0)];
}

describe('planBatch', () => {
  it('fills the best-ranked instance up to its window, then spills to the next', () => {
    const plan = planBatch({
      items: items(25),
      ranked: { youtube: [A, B] },
      budgets: new Map(),
      now: 0,
      proven: ALL_PROVEN,
    });
    const by = (o: string) => plan.starts.filter((s) => s.origin === o).length;
    expect([by(A), by(B)]).toEqual([20, 5]);
  });

  it('never starts more than every window allows, and wakes at the earliest reset', () => {
    const budgets = new Map([spent(A, 2, 30), spent(B, 1, 10)]);
    const plan = planBatch({
      items: items(10),
      ranked: { youtube: [A, B] },
      budgets,
      now: 0,
      proven: ALL_PROVEN,
    });
    expect(plan.starts).toHaveLength(3);
    expect(plan.wakeAt).toBe(10_000);
    // Planning again with the budgets it returned starts nothing more before the reset.
    const again = planBatch({
      items: items(7),
      ranked: { youtube: [A, B] },
      budgets: plan.budgets,
      now: 9_999,
      proven: ALL_PROVEN,
    });
    expect(again.starts).toEqual([]);
    const after = planBatch({
      items: items(7),
      ranked: { youtube: [A, B] },
      budgets: plan.budgets,
      now: 10_000,
      proven: ALL_PROVEN,
    });
    expect(after.starts.length).toBeGreaterThan(0);
    expect(after.starts.every((s) => s.origin === B)).toBe(true);
  });

  it('sends a retry to an instance it has not failed on first', () => {
    const plan = planBatch({
      items: items(1, [A]),
      ranked: { youtube: [A, B, C] },
      budgets: new Map(),
      now: 0,
      proven: ALL_PROVEN,
    });
    expect(plan.starts).toEqual([{ id: 'i0', origin: B }]);
  });

  it('falls back to an instance already tried when it is the only one with room', () => {
    const budgets = new Map([spent(B, 0, 60)]);
    const plan = planBatch({
      items: items(1, [A]),
      ranked: { youtube: [A, B] },
      budgets,
      now: 0,
      proven: ALL_PROVEN,
    });
    expect(plan.starts).toEqual([{ id: 'i0', origin: A }]);
  });

  // An instance that never delivered the service is on trial: one item at a time there.
  it.each<[string, string[], number, Record<string, number>]>([
    ['nothing proven: one item on each instance, the rest wait', [], 0, { [A]: 1, [B]: 1, [C]: 1 }],
    [
      'the proven one takes its window, each unproven one item',
      [B],
      0,
      { [A]: 1, [B]: 20, [C]: 1 },
    ],
    ['a trial already running: nothing more there', [B], 1, { [A]: 0, [B]: 20, [C]: 0 }],
    ['every instance proven: the best fills first', [A, B, C], 0, { [A]: 20, [B]: 5, [C]: 0 }],
  ])('%s', (_name, provenOrigins, running, expected) => {
    const budgets = new Map(
      [A, C].map((o) => [o, { ...freshBudget(), remaining: 20 - running, inFlight: running }]),
    );
    const plan = planBatch({
      items: items(25),
      ranked: { youtube: [A, B, C] },
      budgets,
      now: 0,
      proven: (origin, service) => service === 'youtube' && provenOrigins.includes(origin),
    });
    const by = (o: string) => plan.starts.filter((s) => s.origin === o).length;
    expect({ [A]: by(A), [B]: by(B), [C]: by(C) }).toEqual(expected);
    // Waiting on a trial's answer is not a time: only an answer frees its slot.
    if (provenOrigins.length === 0) expect(plan.wakeAt).toBeNull();
  });

  it('reports items whose service has no usable instance', () => {
    const plan = planBatch({
      items: [{ id: 'x', service: 'tiktok', tried: [] }],
      ranked: { youtube: [A] },
      budgets: new Map(),
      now: 0,
      proven: ALL_PROVEN,
    });
    expect(plan).toMatchObject({ starts: [], unservable: ['x'] });
  });
});
