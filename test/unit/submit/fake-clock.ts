import type { TimerHandle } from '../../../lib/submit/run-fallback';

/**
 * A manual clock for runFallback: injected `now`, `setTimer`, `clearTimer`. Time moves only
 * when a test calls advance(), and promise callbacks are flushed after every timer, so each
 * test sees one exact interleaving.
 */
export interface FakeClock {
  now: () => number;
  setTimer: (callback: () => void, ms: number) => TimerHandle;
  clearTimer: (handle: TimerHandle) => void;
  /** Moves time forward by `ms`, firing due timers in order. */
  advance: (ms: number) => Promise<void>;
  pendingTimers: () => number;
}

interface Timer {
  id: number;
  at: number;
  callback: () => void;
}

/** Lets every queued promise callback (and the ones they queue) run. */
export async function flush(): Promise<void> {
  for (let i = 0; i < 20; i += 1) await Promise.resolve();
}

export function fakeClock(start = 1_000_000): FakeClock {
  let time = start;
  let nextId = 1;
  let timers: Timer[] = [];
  return {
    now: () => time,
    setTimer(callback, ms) {
      const timer = { id: nextId, at: time + Math.max(0, ms), callback };
      nextId += 1;
      timers.push(timer);
      return timer.id;
    },
    clearTimer(handle) {
      timers = timers.filter((timer) => timer.id !== handle);
    },
    async advance(ms) {
      const target = time + ms;
      await flush();
      for (;;) {
        const due = timers
          .filter((timer) => timer.at <= target)
          .sort((a, b) => a.at - b.at || a.id - b.id)[0];
        if (!due) break;
        timers = timers.filter((timer) => timer !== due);
        time = due.at;
        due.callback();
        await flush();
      }
      time = target;
      await flush();
    },
    pendingTimers: () => timers.length,
  };
}
