import type { HealthTable } from '../health/health-state';
import { pruneHealth } from '../health/prune-health';
import { addBound } from '../health/record-outcome';
import type { ServiceKey } from '../services/service-key';
import type { EngineContext } from './engine-state';
import { healthItem } from './stored-items';

/**
 * The one way the engine changes its health table while it runs: the change is applied to the
 * latest table, pruned (lib/health/prune-health.ts), stored, and told to every download still
 * running (`watchHealth`), so a chain's hedge and hard timeout follow what the others learn
 * meanwhile (lib/app/run-job.ts). A batch's first wave needs this: every item starts before any
 * instance was timed, on the conservative default, and the items answered first show within a
 * second what is normal for the service (docs/performance.md "Batch queue").
 */

/**
 * `health` is the table as stored; `pooled` the same with every request still out counted as a
 * lower bound on its instance's time, for what is normal across a service (`notePending`).
 */
type Listener = (health: HealthTable, pooled: HealthTable) => void;

/** Per engine, the running downloads' listeners (the context is the engine's identity). */
const listeners = new WeakMap<EngineContext, Set<Listener>>();

interface Pending {
  origin: string;
  service: ServiceKey;
  startedAt: number;
}
/** Per engine, the `POST /` requests sent and not yet answered. */
const pendingByCtx = new WeakMap<EngineContext, Set<Pending>>();

/**
 * Notes a request sent to an instance; call the returned function when it is answered or given
 * up. Until then, what listeners are told counts it as a lower bound on that instance's time
 * (`withPending`): the answers that came first are the fast ones, and a belief built from them
 * alone would call every request still out a hang.
 */
export function notePending(ctx: EngineContext, origin: string, service: ServiceKey): () => void {
  const mine = setOf(pendingByCtx, ctx);
  const entry: Pending = { origin, service, startedAt: ctx.deps.now() };
  mine.add(entry);
  return () => void mine.delete(entry);
}

function setOf<T>(sets: WeakMap<EngineContext, Set<T>>, ctx: EngineContext): Set<T> {
  let set = sets.get(ctx);
  if (!set) {
    set = new Set();
    sets.set(ctx, set);
  }
  return set;
}

function withPending(ctx: EngineContext, table: HealthTable): HealthTable {
  const pending = pendingByCtx.get(ctx);
  if (!pending || pending.size === 0) return table;
  const now = ctx.deps.now();
  let view = table;
  for (const p of pending) {
    const ms = now - p.startedAt;
    if (ms > 0) view = addBound(view, p.origin, p.service, ms, now);
  }
  return view;
}

/** Applies `change`; the promise settles when the table is stored. */
export function changeHealth(
  ctx: EngineContext,
  change: (table: HealthTable) => HealthTable,
): Promise<unknown> {
  ctx.state.health = pruneHealth(change(ctx.state.health), ctx.deps.now());
  const stored = ctx.store.write(healthItem, ctx.state.health);
  const set = listeners.get(ctx);
  if (set && set.size > 0) {
    const health = ctx.state.health;
    const pooled = withPending(ctx, health);
    for (const listener of [...set]) listener(health, pooled);
  }
  return stored;
}

/** Calls `listener` with the table after every change; returns the unsubscribe. */
export function watchHealth(ctx: EngineContext, listener: Listener): () => void {
  const mine = setOf(listeners, ctx);
  // Wrapped, so the same function subscribed twice is two subscriptions.
  const entry: Listener = (health, pooled) => listener(health, pooled);
  mine.add(entry);
  return () => void mine.delete(entry);
}
