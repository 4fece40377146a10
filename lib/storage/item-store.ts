import type { StorageItem } from './define-item';
import { readItem, type ReadResult } from './read-item';
import type { StorageArea } from './storage-area';
import { writeItem, type WriteResult } from './write-item';
import { createWriteQueue, type WriteQueue } from './write-queue';

/**
 * Reads and writes of every item over one area. Writes, read-modify-write updates and removals
 * run one at a time through one write queue; reads wait only for the writes queued before
 * them, not for each other, so a worker starting up reads its items side by side (one by one,
 * each `storage.local.get` waited for the one before: most of a woken worker's time before it
 * could answer the popup, measured in docs/performance.md "Popup first render").
 */
export interface ItemStore {
  /**
   * Reads after every queued write (read-your-writes). A migrated or repaired value is
   * stored back in the same step, so migrations run once and a corrupt field is reported once.
   */
  read<T>(item: StorageItem<T>): Promise<ReadResult<T>>;
  /** Validates strictly (see `writeItem`), then stores. */
  write<T>(item: StorageItem<T>, value: unknown): Promise<WriteResult<T>>;
  /** Read-modify-write as one queued step: concurrent updates never lose each other's change. */
  update<T>(item: StorageItem<T>, change: (current: T) => T): Promise<WriteResult<T>>;
  remove<T>(item: StorageItem<T>): Promise<void>;
}

export function createItemStore(
  area: StorageArea,
  queue: WriteQueue = createWriteQueue(),
): ItemStore {
  return {
    read: async (item) => {
      await queue.settled();
      const result = await readItem(area, item);
      // The write-back is a queued step of its own that reads again: a write queued since this
      // read began is repaired, never overwritten with the older value read here.
      if (result.report.rewrite) {
        await queue.run(async () => {
          const current = await readItem(area, item);
          if (current.report.rewrite) await writeItem(area, item, current.value);
        });
      }
      return result;
    },
    write: (item, value) => queue.run(() => writeItem(area, item, value)),
    update: (item, change) =>
      queue.run(async () => {
        const { value } = await readItem(area, item);
        return writeItem(area, item, change(value));
      }),
    remove: (item) => queue.run(() => area.remove(item.key)),
  };
}
