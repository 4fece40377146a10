import type { ValidationProblem } from './validation-problem';
import type { StorageItem } from './define-item';
import { toProblem } from './issue-messages';
import { repairValue } from './repair-value';
import type { StorageArea, StoredEnvelope } from './storage-area';

/** A `SaveResult` that also carries what was stored (normalised by the schema). */
export type WriteResult<T> = { ok: true; value: T } | { ok: false; problems: ValidationProblem[] };

/**
 * Validates `value` strictly and stores it in its `{version, value}` envelope. An invalid
 * value is refused with one problem per bad field and nothing is written (a write never
 * repairs: that would store something the caller did not ask for). Unknown keys are dropped.
 * Not serialised on its own: go through `createItemStore` so writes never interleave.
 */
export async function writeItem<T>(
  area: StorageArea,
  item: StorageItem<T>,
  value: unknown,
): Promise<WriteResult<T>> {
  if (value === undefined) {
    return { ok: false, problems: [{ path: '', message: `${item.key}: nothing to save` }] };
  }
  const checked = repairValue(item.schema, value, item.fallback);
  if (checked.issues.length > 0) {
    return { ok: false, problems: checked.issues.map((issue) => toProblem(issue, item.key)) };
  }
  const envelope: StoredEnvelope = { version: item.version, value: checked.value };
  try {
    await area.set(item.key, envelope);
  } catch (error) {
    // Typically the storage quota; the caller shows it instead of losing the change silently.
    return {
      ok: false,
      problems: [{ path: '', message: `${item.key}: could not be saved (${String(error)})` }],
    };
  }
  return { ok: true, value: checked.value };
}
