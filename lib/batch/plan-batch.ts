import type { ServiceKey } from '../services/service-key';
import { available, freshBudget, nextFreeAt, onSend, type InstanceBudget } from './instance-budget';

/** Items at a time on an instance on trial (see planBatch). */
const TRIAL_IN_FLIGHT = 1;

export interface PlanItem {
  id: string;
  service: ServiceKey;
  /** Instances this item already failed on (a retry goes elsewhere first). */
  tried: readonly string[];
}

export interface PlanInput {
  /** Waiting items, oldest first: the order they are started in. */
  items: readonly PlanItem[];
  /** Per service, usable instance origins best first (lib/rank). */
  ranked: Partial<Record<ServiceKey, readonly string[]>>;
  budgets: ReadonlyMap<string, InstanceBudget>;
  now: number;
  /**
   * Whether an instance has delivered this service before (lib/health): one that has not is on
   * trial, with one item at a time, until it does.
   */
  proven: (origin: string, service: ServiceKey) => boolean;
}

export interface Plan {
  starts: { id: string; origin: string }[];
  /** Budgets after the starts were sent. */
  budgets: Map<string, InstanceBudget>;
  /** When to plan again if nothing else happens (ms epoch); null when only an answer can free a slot. */
  wakeAt: number | null;
  /** Items no ranked instance can serve at all (the service has none): they fail with that reason. */
  unservable: string[];
}

/**
 * Whether an instance may take one more request of a service now: a unit left in its window,
 * and (on trial, never delivered this service) nothing else in flight there. The one rule for a
 * planned start and a hedge (batch-driver.ts), so neither sends what a known limit would refuse.
 */
export function hasRoomNow(budget: InstanceBudget, now: number, proven: boolean): boolean {
  return available(budget, now) > 0 && (proven || budget.inFlight < TRIAL_IN_FLIGHT);
}

/**
 * Whether a running item's hedge (batch-driver.ts `claim`) may go to this instance now: only to
 * one that has delivered the service before, with room in its window. A hedge rescues an item
 * whose first instance has gone quiet; sending it to an instance on trial would stake the rescue
 * on a tracker's word (a third to a half of listed pairs fail, docs/performance.md "World
 * model"), and a rescue that lands on a hang holds the item until that hang's hard timeout.
 * Instances on trial get their one item from the planner instead.
 */
export function mayHedgeTo(budget: InstanceBudget, now: number, proven: boolean): boolean {
  return proven && hasRoomNow(budget, now, proven);
}

/**
 * Which waiting items start now, and where. Each item goes to the best-ranked instance of its
 * service that still has room in its rate-limit window (lib/batch/instance-budget.ts), so a
 * batch fills the instances the ranking trusts most, spills over to the next ones as windows
 * fill, and never sends a request a known limit would refuse. An instance the item already
 * failed on is used only when no other has room.
 *
 * An instance that has never delivered this service is on trial: one item at a time there,
 * until one comes back done. A tracker's word is often wrong (docs/performance.md "World
 * model": a third to a half of listed pairs fail), and a whole window of links sent at once to
 * an instance that turns out to hang, be blocked or be three times slower would hold all of
 * them; one link learns the same at the cost of one. Pure: the caller sends the requests.
 */
export function planBatch({ items, ranked, budgets, now, proven }: PlanInput): Plan {
  const next = new Map(budgets);
  const starts: Plan['starts'] = [];
  const unservable: string[] = [];
  let wakeAt: number | null = null;
  const budgetOf = (origin: string) => next.get(origin) ?? freshBudget();
  for (const item of items) {
    const origins = ranked[item.service] ?? [];
    if (origins.length === 0) {
      unservable.push(item.id);
      continue;
    }
    const order = [
      ...origins.filter((o) => !item.tried.includes(o)),
      ...origins.filter((o) => item.tried.includes(o)),
    ];
    const hasRoom = (o: string) => hasRoomNow(budgetOf(o), now, proven(o, item.service));
    const origin = order.find(hasRoom);
    if (origin !== undefined) {
      next.set(origin, onSend(budgetOf(origin), now));
      starts.push({ id: item.id, origin });
      continue;
    }
    for (const o of origins) {
      // A trial's slot frees when its answer comes, which pumps the driver anyway.
      const onTrial = !proven(o, item.service) && budgetOf(o).inFlight >= TRIAL_IN_FLIGHT;
      const at = onTrial ? null : nextFreeAt(budgetOf(o), now);
      if (at !== null && (wakeAt === null || at < wakeAt)) wakeAt = at;
    }
  }
  return { starts, budgets: next, wakeAt, unservable };
}
