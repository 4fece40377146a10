/**
 * A simulated clock for running the engine's real code over hours of world time in seconds:
 * `setTimeout` / `clearTimeout` (what lib/net/http.ts and lib/submit/run-fallback.ts use by
 * default) are replaced while the clock is installed, and time moves only from one due timer to
 * the next. After every timer, every promise callback it set off runs (a real `setImmediate`
 * turn drains the microtask queue) before the next timer fires, so an answer at t = 1,500 ms is
 * seen by the chain at exactly 1,500 ms, as on a real event loop with no CPU cost.
 *
 * Nothing else in the bench runs while a simulation is in progress: the clock is global.
 */
export interface SimClock {
  now(): number;
  /** Runs timers in order until `done` settles; throws if nothing is left to run before it. */
  runUntil<T>(done: Promise<T>): Promise<T>;
  /** Moves time forward to `at`, running on the way every timer due before it. */
  jumpTo(at: number): Promise<void>;
  pending(): number;
  uninstall(): void;
}

interface Timer {
  id: number;
  at: number;
  callback: () => void;
}

export function installSimClock(start = 0): SimClock {
  const realSetTimeout = globalThis.setTimeout;
  const realClearTimeout = globalThis.clearTimeout;
  const realSetImmediate = globalThis.setImmediate;
  let time = start;
  let nextId = 1;
  const timers = new Map<number, Timer>();

  const drain = async () => {
    // Two turns: a promise chain that crosses a stream read can take one more.
    await new Promise<void>((resolve) => realSetImmediate(resolve));
    await new Promise<void>((resolve) => realSetImmediate(resolve));
  };

  const fake = {
    setTimeout(callback: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) {
      const id = nextId++;
      timers.set(id, {
        id,
        at: time + Math.max(0, Number(ms) || 0),
        callback: () => callback(...args),
      });
      return { id, unref() {}, ref() {}, hasRef: () => true, [Symbol.toPrimitive]: () => id };
    },
    clearTimeout(handle: unknown) {
      const id =
        typeof handle === 'object' && handle !== null
          ? (handle as { id: number }).id
          : Number(handle);
      timers.delete(id);
    },
  };
  globalThis.setTimeout = fake.setTimeout as unknown as typeof setTimeout;
  globalThis.clearTimeout = fake.clearTimeout as unknown as typeof clearTimeout;

  const next = (): Timer | undefined => {
    let best: Timer | undefined;
    for (const timer of timers.values()) {
      if (!best || timer.at < best.at || (timer.at === best.at && timer.id < best.id)) best = timer;
    }
    return best;
  };

  return {
    now: () => time,
    async runUntil(done) {
      let settled = false;
      let value: unknown;
      let failure: unknown;
      let failed = false;
      done.then(
        (v) => {
          settled = true;
          value = v;
        },
        (e: unknown) => {
          settled = true;
          failed = true;
          failure = e;
        },
      );
      await drain();
      while (!settled) {
        const timer = next();
        if (!timer) throw new Error(`simulation stuck at ${time} ms: nothing left to run`);
        timers.delete(timer.id);
        time = Math.max(time, timer.at);
        timer.callback();
        await drain();
      }
      if (failed) throw failure;
      return value as Awaited<typeof done>;
    },
    async jumpTo(at) {
      await drain();
      // Work the engine left running after a download ended (a loser left to answer until its
      // hard timeout, run-fallback.ts) happens on the way, in order.
      for (let due = next(); due && due.at < at; due = next()) {
        timers.delete(due.id);
        time = Math.max(time, due.at);
        due.callback();
        await drain();
      }
      time = Math.max(time, at);
    },
    pending: () => timers.size,
    uninstall() {
      globalThis.setTimeout = realSetTimeout;
      globalThis.clearTimeout = realClearTimeout;
    },
  };
}
