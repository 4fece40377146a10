import type { RateLimitInfo } from '../cobalt/cobalt-result';
import type { ServiceKey } from '../services/service-key';
import {
  fileStarted,
  finishItem,
  hedgeItem,
  recoverQueue,
  requeueItem,
  startItem,
  type BatchItem,
  type BatchQueue,
} from './batch-queue';
import {
  afterRestart,
  freshBudget,
  onAnswer,
  onNoAnswer,
  onSend,
  type InstanceBudget,
} from './instance-budget';
import { mayHedgeTo, planBatch } from './plan-batch';

/** One attempt of one item on one instance, as the download path reports it. */
export type ItemAttempt =
  /**
   * Served: its files started (browser ids in `downloads`). The item stays running until the
   * browser reports them saved (lib/batch/batch-queue.ts `fileStarted`, `fileEnded`).
   */
  | {
      kind: 'started';
      status: number;
      rateLimit: RateLimitInfo | null;
      filename: string | null;
      servedBy: string;
      downloads: number[];
    }
  /** A content error or every instance failed: the item stops with this reason (an i18n key). */
  | { kind: 'failed'; status: number; rateLimit: RateLimitInfo | null; reason: string }
  /** The instance answered but could not serve it (an instance-class error): another one tries. */
  | { kind: 'elsewhere'; status: number; rateLimit: RateLimitInfo | null }
  /** 429: the instance rests; the item waits for the next free instance. */
  | { kind: 'rate_limited'; rateLimit: RateLimitInfo | null }
  /** No answer (network, timeout): the unit stays spent; the item waits again. */
  | { kind: 'no_answer' };

/**
 * A running item's way to a second instance (its hedge, lib/submit/run-fallback.ts): the unit is
 * spent in that instance's budget exactly as a planned start's, and given back by its answer.
 */
export interface ItemHedge {
  /**
   * Whether the item's link may go to `origin` now: not tried for it yet, and a proven instance
   * with room in its window (plan-batch.ts `mayHedgeTo`). When it may, the
   * unit is spent and the instance counts as tried for the item before this returns.
   */
  claim(origin: string): boolean;
  /** A claimed request ended: its answer's status and rate-limit headers, or null for none. */
  ended(origin: string, answer: { status: number; rateLimit: RateLimitInfo | null } | null): void;
}

export interface BatchDriverDeps {
  now(): number;
  /** Usable instances for a service, best first (lib/rank). */
  ranked(service: ServiceKey): readonly string[];
  /** The instance has delivered this service before (lib/health); else it is on trial. */
  proven(origin: string, service: ServiceKey): boolean;
  /**
   * Runs one item on one instance (the background's single-download path); `hedge` lets it
   * start the same link on a second instance within the budgets.
   */
  run(item: BatchItem, origin: string, hedge: ItemHedge): Promise<ItemAttempt>;
  /** Asks to be pumped again at this time (an alarm or a timer); null cancels. */
  wakeAt(at: number | null): void;
  /** Persists the state after every change, so a stopped worker loses nothing. */
  save(queue: BatchQueue, budgets: Record<string, InstanceBudget>): void;
  /** Items no instance can serve fail with this reason. */
  noInstanceReason: string;
}

export interface BatchDriver {
  /** Starts what may start now. Call after any change and when the wake time comes. */
  pump(): void;
  queue(): BatchQueue;
  budgets(): Record<string, InstanceBudget>;
  /** Applies a queue change from the user (add, retry, cancel) and pumps. */
  change(update: (queue: BatchQueue) => BatchQueue): void;
}

/**
 * The batch loop: plan (lib/batch/plan-batch.ts), start each planned item on its instance,
 * fold every answer's rate-limit headers into that instance's budget, settle or requeue the
 * item, persist, plan again. State loaded from storage is recovered first: items that were
 * asking an instance when the worker stopped wait again, and their requests still count against
 * the window; items saving files keep waiting for the browser (batch-queue.ts `recoverQueue`).
 */
export function createBatchDriver(
  deps: BatchDriverDeps,
  stored: { queue: BatchQueue; budgets: Record<string, InstanceBudget> },
): BatchDriver {
  let queue = recoverQueue(stored.queue);
  let budgets = new Map(Object.entries(stored.budgets).map(([o, b]) => [o, afterRestart(b)]));
  const save = () => deps.save(queue, Object.fromEntries(budgets));

  const settle = (item: BatchItem, origin: string, attempt: ItemAttempt) => {
    const now = deps.now();
    const budget = budgets.get(origin);
    if (budget) {
      const next =
        attempt.kind === 'no_answer'
          ? onNoAnswer(budget, now)
          : onAnswer(
              budget,
              attempt.rateLimit,
              attempt.kind === 'rate_limited' ? 429 : attempt.status,
              now,
            );
      budgets = new Map(budgets).set(origin, next);
    }
    if (attempt.kind === 'started') {
      queue = fileStarted(queue, item.id, attempt, now);
    } else if (attempt.kind === 'failed') {
      queue = finishItem(queue, item.id, { ok: false, reason: attempt.reason }, now);
    } else {
      queue = requeueItem(queue, item.id);
    }
    save();
    pump();
  };

  const hedgeFor = (item: BatchItem): ItemHedge => ({
    claim(origin) {
      const now = deps.now();
      const current = queue.items.find((i) => i.id === item.id);
      if (current?.state !== 'running' || current.tried.includes(origin)) return false;
      const budget = budgets.get(origin) ?? freshBudget();
      if (!mayHedgeTo(budget, now, deps.proven(origin, item.service))) return false;
      budgets = new Map(budgets).set(origin, onSend(budget, now));
      queue = hedgeItem(queue, item.id, origin);
      save();
      return true;
    },
    ended(origin, answer) {
      const budget = budgets.get(origin);
      if (!budget) return;
      const now = deps.now();
      const next = answer
        ? onAnswer(budget, answer.rateLimit, answer.status, now)
        : onNoAnswer(budget, now);
      budgets = new Map(budgets).set(origin, next);
      save();
      // A trial's slot or a window's unit may have freed for a waiting item.
      pump();
    },
  });

  const pump = () => {
    const now = deps.now();
    const waiting = queue.items.filter((i) => i.state === 'waiting');
    const plan = planBatch({
      items: waiting.map((i) => ({ id: i.id, service: i.service, tried: i.tried })),
      ranked: Object.fromEntries(
        [...new Set(waiting.map((i) => i.service))].map((s) => [s, deps.ranked(s)]),
      ),
      budgets,
      now,
      proven: deps.proven,
    });
    budgets = plan.budgets;
    for (const id of plan.unservable) {
      queue = finishItem(queue, id, { ok: false, reason: deps.noInstanceReason }, now);
    }
    const started: [BatchItem, string][] = [];
    for (const { id, origin } of plan.starts) {
      queue = startItem(queue, id, origin);
      const item = queue.items.find((i) => i.id === id);
      if (item) started.push([item, origin]);
    }
    deps.wakeAt(plan.wakeAt);
    if (plan.starts.length > 0 || plan.unservable.length > 0) save();
    for (const [item, origin] of started) {
      deps.run(item, origin, hedgeFor(item)).then(
        (attempt) => settle(item, origin, attempt),
        () => settle(item, origin, { kind: 'no_answer' }),
      );
    }
  };

  return {
    pump,
    queue: () => queue,
    budgets: () => Object.fromEntries(budgets),
    change(update) {
      queue = update(queue);
      save();
      pump();
    },
  };
}
