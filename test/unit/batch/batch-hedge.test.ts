import { createBatchDriver, type ItemHedge } from '../../../lib/batch/batch-driver';
import { addItems, cancelAll, EMPTY_QUEUE, type BatchItem } from '../../../lib/batch/batch-queue';
import { freshBudget, type InstanceBudget } from '../../../lib/batch/instance-budget';
import { hasRoomNow, mayHedgeTo } from '../../../lib/batch/plan-batch';

const A = 'https://a.example';
const B = 'https://b.example';
const C = 'https://c.example';

/** A driver with one item running on A (the best-ranked); its hedge handle is kept. */
function running(budgets: Record<string, InstanceBudget> = {}, proven = (o: string) => o !== C) {
  const runs: { item: BatchItem; origin: string; hedge: ItemHedge }[] = [];
  const saved: Record<string, InstanceBudget>[] = [];
  const driver = createBatchDriver(
    {
      now: () => 0,
      ranked: () => [A, B, C],
      proven: (origin) => proven(origin),
      run: (item, origin, hedge) => {
        runs.push({ item, origin, hedge });
        return new Promise(() => undefined);
      },
      wakeAt: () => undefined,
      save: (_queue, b) => saved.push(b),
      noInstanceReason: 'error.no_instances',
    },
    { queue: EMPTY_QUEUE, budgets },
  );
  driver.change((q) =>
    addItems(q, [{ url: 'https://x.com/u/status/1', service: 'twitter' }], 0, () => 'i1'),
  );
  const run = runs[0]!;
  const tried = () => driver.queue().items[0]!.tried;
  return { driver, run, runs, tried };
}

const full: InstanceBudget = { ...freshBudget(), remaining: 0, resetAt: 60_000 };
const trialBusy: InstanceBudget = { ...freshBudget(), remaining: 19, inFlight: 1 };

const none: Record<string, InstanceBudget> = {};

describe('batch hedge (driver)', () => {
  it.each<{
    case: string;
    origin: string;
    budgets: Record<string, InstanceBudget>;
    claimed: boolean;
  }>([
    { case: 'an untried instance with room', origin: B, budgets: none, claimed: true },
    { case: "the item's own instance", origin: A, budgets: none, claimed: false },
    {
      case: 'an instance whose window is spent',
      origin: B,
      budgets: { [B]: full },
      claimed: false,
    },
    {
      // A rescue is staked on an instance that has delivered the service, never on a trial.
      case: 'an instance on trial, even with nothing in flight',
      origin: C,
      budgets: none,
      claimed: false,
    },
  ])('claims $case: $claimed', ({ origin, budgets, claimed }) => {
    const h = running(budgets);
    const before = h.driver.budgets()[origin] ?? freshBudget();
    expect(h.run.origin).toBe(A);
    expect(h.run.hedge.claim(origin)).toBe(claimed);
    const after = h.driver.budgets()[origin] ?? freshBudget();
    if (claimed) {
      // The unit is spent as a planned start spends it, and the instance counts as tried.
      expect(after.remaining).toBe(before.remaining - 1);
      expect(after.inFlight).toBe(before.inFlight + 1);
      expect(h.tried()).toEqual([A, origin]);
    } else {
      expect(after).toEqual(before);
      expect(h.tried()).toEqual([A]);
    }
  });

  it('a hedge is claimed once per instance, and never for an item no longer running', () => {
    const h = running();
    expect(h.run.hedge.claim(B)).toBe(true);
    expect(h.run.hedge.claim(B)).toBe(false);
    h.driver.change((q) => cancelAll(q, 0));
    expect(h.run.hedge.claim(C)).toBe(false);
    expect(h.driver.budgets()[C]).toBeUndefined();
  });

  it.each([
    {
      case: 'an answer folds its headers in',
      answer: {
        status: 200,
        rateLimit: { limit: 20, remaining: 5, resetSeconds: 60, retryAfterSeconds: null },
      },
      remaining: 5,
    },
    { case: 'no answer leaves the unit spent', answer: null, remaining: 19 },
  ])('the hedge ended: $case, its slot frees', ({ answer, remaining }) => {
    const h = running();
    h.run.hedge.claim(B);
    h.run.hedge.ended(B, answer);
    expect(h.driver.budgets()[B]).toMatchObject({ inFlight: 0, remaining });
  });
});

describe('hasRoomNow (the one rule for a planned start and a hedge)', () => {
  it.each([
    { case: 'fresh, proven', budget: freshBudget(), proven: true, room: true },
    { case: 'fresh, on trial', budget: freshBudget(), proven: false, room: true },
    { case: 'on trial, one in flight', budget: trialBusy, proven: false, room: false },
    { case: 'proven, one in flight', budget: trialBusy, proven: true, room: true },
    { case: 'window spent', budget: full, proven: true, room: false },
    {
      case: 'blocked by a 429',
      budget: { ...freshBudget(), blockedUntil: 1 },
      proven: true,
      room: false,
    },
  ])('$case → $room', ({ budget, proven, room }) => {
    expect(hasRoomNow(budget, 0, proven)).toBe(room);
  });
});

describe('mayHedgeTo (a hedge goes to proven instances with room)', () => {
  it.each([
    { case: 'fresh, proven', budget: freshBudget(), proven: true, may: true },
    { case: 'fresh, on trial', budget: freshBudget(), proven: false, may: false },
    { case: 'proven, one in flight', budget: trialBusy, proven: true, may: true },
    { case: 'proven, window spent', budget: full, proven: true, may: false },
    {
      case: 'proven, blocked by a 429',
      budget: { ...freshBudget(), blockedUntil: 1 },
      proven: true,
      may: false,
    },
  ])('$case → $may', ({ budget, proven, may }) => {
    expect(mayHedgeTo(budget, 0, proven)).toBe(may);
  });
});
