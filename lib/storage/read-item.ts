import type { StorageItem } from './define-item';
import { toReplacement, type Replacement } from './issue-messages';
import { repairValue } from './repair-value';
import { runMigrations } from './run-migrations';
import { showValue } from './show-value';
import type { StorageArea, StorageKey } from './storage-area';

interface ReadReport {
  key: StorageKey;
  /** Format version found in storage; null when nothing readable was stored. */
  storedVersion: number | null;
  /** Migrations run, by the version each produced. */
  applied: number[];
  /** What was replaced by fallbacks: per field, or the whole value (path ''). */
  replaced: Replacement[];
  /**
   * Storing `value` back would persist the migration or repair. False when there is nothing
   * to fix, and when rewriting would destroy data: a value from a newer release (kept for
   * when the user updates again) or a storage read that failed.
   */
  rewrite: boolean;
}

export interface ReadResult<T> {
  value: T;
  report: ReadReport;
}

/**
 * Reads one item: unwraps the `{version, value}` envelope, runs the migrations from the
 * stored version, then validates with per-field fallback. Always yields a usable value;
 * every fallback is in the report. Pure apart from `area.get`; it never writes.
 */
export async function readItem<T>(area: StorageArea, item: StorageItem<T>): Promise<ReadResult<T>> {
  let stored: unknown;
  try {
    stored = await area.get(item.key);
  } catch (error) {
    return useFallback(item, null, `could not be read (${String(error)})`, false);
  }
  if (stored === undefined || stored === null) {
    const report = {
      key: item.key,
      storedVersion: null,
      applied: [],
      replaced: [],
      rewrite: false,
    };
    return { value: structuredClone(item.fallback), report };
  }
  if (!isEnvelope(stored)) {
    return useFallback(
      item,
      null,
      `is not in the stored format (found ${showValue(stored)})`,
      true,
    );
  }
  const storedVersion = typeof stored.version === 'number' ? stored.version : null;
  const migrated = runMigrations(stored.version, stored.value, item.version, item.migrations);
  if (!migrated.ok) {
    const fromNewerRelease = storedVersion !== null && storedVersion > item.version;
    return useFallback(item, storedVersion, migrated.reason, !fromNewerRelease);
  }
  const repaired = repairValue(item.schema, migrated.value, item.fallback);
  const replaced = repaired.issues.map((issue) => toReplacement(issue, item.key));
  return {
    value: repaired.value,
    report: {
      key: item.key,
      storedVersion,
      applied: migrated.applied,
      replaced,
      rewrite: migrated.applied.length > 0 || replaced.length > 0,
    },
  };
}

function useFallback<T>(
  item: StorageItem<T>,
  storedVersion: number | null,
  reason: string,
  rewrite: boolean,
): ReadResult<T> {
  const replaced = [toReplacement({ path: '', reason, action: 'using the defaults' }, item.key)];
  return {
    value: structuredClone(item.fallback),
    report: { key: item.key, storedVersion, applied: [], replaced, rewrite },
  };
}

function isEnvelope(value: unknown): value is { version: unknown; value: unknown } {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.hasOwn(value, 'version') &&
    Object.hasOwn(value, 'value')
  );
}
