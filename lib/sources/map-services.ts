import type { ServiceKey } from '../services/service-key';
import { isSecondaryName, serviceFromName } from '../services/service-names';
import { coerceFlag } from './coerce-flag';

/**
 * A tracker's per-service map → internal keys (names differ in every layer, reference §5.4;
 * the mapping lives in lib/services). Rules:
 * - names that are not services (`Frontend`, removed `vine`, unknown) are skipped;
 * - values that say nothing (null, unknown words) are skipped, not read as failures;
 * - the trackers' "YouTube Music"/"Shorts" tests use plain youtube.com links (§5.4): they only
 *   speak for `youtube` when the main test is missing, and then any failure among them wins;
 * - two spellings of one service in one map (e.g. `ok.ru` and `odnoklassniki`): failure wins.
 */
export function mapServices(
  raw: Record<string, unknown> | undefined,
): Partial<Record<ServiceKey, boolean>> {
  const primary = new Map<ServiceKey, boolean>();
  const secondary = new Map<ServiceKey, boolean>();
  for (const [name, value] of Object.entries(raw ?? {})) {
    const key = serviceFromName(name);
    if (key === null) continue;
    const ok = coerceFlag(value);
    if (ok === null) continue;
    const target = isSecondaryName(name) ? secondary : primary;
    target.set(key, (target.get(key) ?? true) && ok);
  }
  const merged = new Map([...secondary, ...primary]);
  // Sorted keys: the same feed always yields the same object (stable snapshots and diffs).
  const result: Partial<Record<ServiceKey, boolean>> = {};
  for (const key of [...merged.keys()].sort()) result[key] = merged.get(key);
  return result;
}
