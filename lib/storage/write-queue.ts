/**
 * One promise chain through which every storage write runs (style anchors §8.8, uBOL
 * `config.js`): each task starts only after the previous one settled, so two
 * read-modify-write steps never interleave and none loses the other's change.
 */
export interface WriteQueue {
  /** Runs `task` after every task queued before it; resolves or rejects with its result. */
  run<R>(task: () => Promise<R>): Promise<R>;
  /** Settles once every task queued so far has settled (never rejects). */
  settled(): Promise<void>;
}

export function createWriteQueue(): WriteQueue {
  let tail: Promise<unknown> = Promise.resolve();
  return {
    run<R>(task: () => Promise<R>): Promise<R> {
      const result = tail.then(task);
      // A failed task must not stall the queue: the next one runs regardless.
      tail = result.catch(() => undefined);
      return result;
    },
    settled: () => tail.then(() => undefined),
  };
}
