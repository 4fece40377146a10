import type { StorageArea, StorageKey } from '../../../lib/storage/storage-area';

/** An in-memory StorageArea that, like browser storage, hands out copies and answers later. */
export interface MemoryArea extends StorageArea {
  data: Map<StorageKey, unknown>;
  log: string[];
}

export function createMemoryArea(
  initial: Partial<Record<StorageKey, unknown>> = {},
  options: { delayMs?: (op: string, key: StorageKey) => number } = {},
): MemoryArea {
  const data = new Map<StorageKey, unknown>(
    Object.entries(initial).map(([key, value]) => [key as StorageKey, structuredClone(value)]),
  );
  const log: string[] = [];
  const later = (op: string, key: StorageKey) =>
    new Promise<void>((resolve) => setTimeout(resolve, options.delayMs?.(op, key) ?? 0));
  return {
    data,
    log,
    async get(key) {
      await later('get', key);
      log.push(`get ${key}`);
      return structuredClone(data.get(key));
    },
    async set(key, value) {
      await later('set', key);
      log.push(`set ${key}`);
      data.set(key, structuredClone(value));
    },
    async remove(key) {
      await later('remove', key);
      log.push(`remove ${key}`);
      data.delete(key);
    },
  };
}
