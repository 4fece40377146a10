/**
 * One turn at a time per name: `take(name)` waits until every earlier turn of that name ended,
 * then hands back `end()`, which lets the next one go. Turns of other names never wait.
 * platform/downloads.ts starts same-named downloads this way (see there for why).
 */
export interface TurnsPerName {
  take(name: string): Promise<() => void>;
}

export function createTurnsPerName(): TurnsPerName {
  /** The end of the last turn taken for a name; dropped once it ended and nothing followed. */
  const last = new Map<string, Promise<void>>();
  return {
    async take(name) {
      const before = last.get(name) ?? Promise.resolve();
      let end!: () => void;
      const mine = new Promise<void>((resolve) => {
        end = resolve;
      });
      const tail = before.then(() => mine);
      last.set(name, tail);
      void tail.then(() => {
        if (last.get(name) === tail) last.delete(name);
      });
      await before;
      return end;
    },
  };
}
