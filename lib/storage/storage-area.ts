/** The browser storage areas an item may live in (WXT's key prefixes). */
type StorageAreaName = 'local' | 'session' | 'sync';

/** An area-prefixed key, as WXT's `storage.getItem` takes it: `local:settings`. */
export type StorageKey = `${StorageAreaName}:${string}`;

/**
 * The one door to browser storage, passed into lib (lib never touches browser APIs). The
 * background implements it over WXT's `storage.getItem/setItem/removeItem`, which accept
 * these prefixed keys as they are; tests use an in-memory map.
 */
export interface StorageArea {
  /** The stored value, or undefined/null when nothing is stored. */
  get(key: StorageKey): Promise<unknown>;
  set(key: StorageKey, value: unknown): Promise<void>;
  remove(key: StorageKey): Promise<void>;
}

/** What is actually stored under an item's key: the value tagged with its format version. */
export interface StoredEnvelope {
  version: number;
  value: unknown;
}
