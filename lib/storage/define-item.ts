import type { z } from 'zod';
import type { Migrations } from './run-migrations';
import type { StorageKey } from './storage-area';

/**
 * One persisted item (style anchors §8.6, WXT `defineItem`): its key with the area in it, the
 * format version of what is stored, the schema that validates a read, the fallback used when
 * nothing usable is stored, and the numbered migrations from every earlier version.
 */
export interface StorageItem<T> {
  key: StorageKey;
  /** Bump when the stored shape changes incompatibly, and add `migrations[version]`. */
  version: number;
  schema: z.ZodType<T>;
  fallback: T;
  /** Keyed by the version each step produces; empty for an item still at version 1. */
  migrations: Migrations;
}

/** Declares an item. Frozen: items are shared constants, never edited at run time. */
export function defineItem<T>(item: StorageItem<T>): StorageItem<T> {
  return Object.freeze({ ...item, migrations: Object.freeze({ ...item.migrations }) });
}
