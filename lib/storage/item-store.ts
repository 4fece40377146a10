import type { StorageItem } from './define-item';
import { readItem, type ReadResult } from './read-item';
import type { StorageArea } from './storage-area';
import { writeItem, type WriteResult } from './write-item';
import { createWriteQueue, type WriteQueue } from './write-queue';

/** Reads and writes of every item over one area, all through one write queue. */
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
    read: (item) =>
      queue.run(async () => {
        const result = await readItem(area, item);
        if (result.report.rewrite) await writeItem(area, item, result.value);
        return result;
      }),
    write: (item, value) => queue.run(() => writeItem(area, item, value)),
    update: (item, change) =>
      queue.run(async () => {
        const { value } = await readItem(area, item);
        return writeItem(area, item, change(value));
      }),
    remove: (item) => queue.run(() => area.remove(item.key)),
  };
}
