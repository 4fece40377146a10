import { SERVICE_KEYS, type ServiceKey } from '../services/service-key';
import { isSecondaryName, serviceFromName } from '../services/service-names';
import { coerceFlag } from './coerce-flag';

/**
 * A tracker's per-service map → internal keys (names differ in every layer, docs/cobalt-api.md §5.4;
 * the mapping lives in lib/services). Rules:
 * - names that are not services (`Frontend`, removed `vine`, unknown) are skipped;
 * - values that say nothing (null, unknown words) are skipped, not read as failures;
 * - the trackers' "YouTube Music"/"Shorts" tests use plain youtube.com links (§5.4): they only
 *   speak for `youtube` when the main test is missing, and then any failure among them wins;
 * - two spellings of one service in one map (e.g. `ok.ru` and `odnoklassniki`): failure wins.
 *
 * Hot path (feed parsing: every key of every entry): a feed spells the same few names over and
 * over, so each name's mapping is memoised, and the result is built without intermediate maps.
 */
export function mapServices(
  raw: Record<string, unknown> | undefined,
): Partial<Record<ServiceKey, boolean>> {
  if (raw === undefined) return {};
  const primary: Partial<Record<ServiceKey, boolean>> = {};
  const secondary: Partial<Record<ServiceKey, boolean>> = {};
  let any = false;
  for (const name in raw) {
    if (!Object.hasOwn(raw, name)) continue;
    const mapped = nameInfo(name);
    if (mapped === null) continue;
    const ok = coerceFlag(raw[name]);
    if (ok === null) continue;
    const target = mapped.secondary ? secondary : primary;
    target[mapped.key] = (target[mapped.key] ?? true) && ok;
    any = true;
  }
  return any ? ordered(primary, secondary) : {};
}

/** A name's mapping, resolved once: its key, and whether it is a secondary YouTube test. */
export interface ServiceName {
  key: ServiceKey;
  secondary: boolean;
}

/**
 * The same rules for many maps over one known list of names (cobalt.directory `/api/working`:
 * every origin is judged on every slug): `names` are resolved once, then `flag(i)` gives the
 * verdict for `names[i]`.
 */
export function mapServiceFlags(
  names: readonly (ServiceName | null)[],
  flag: (index: number) => boolean | null,
): Partial<Record<ServiceKey, boolean>> {
  const primary: Partial<Record<ServiceKey, boolean>> = {};
  const secondary: Partial<Record<ServiceKey, boolean>> = {};
  let any = false;
  for (let i = 0; i < names.length; i++) {
    const mapped = names[i];
    if (!mapped) continue;
    const ok = flag(i);
    if (ok === null) continue;
    const target = mapped.secondary ? secondary : primary;
    target[mapped.key] = (target[mapped.key] ?? true) && ok;
    any = true;
  }
  return any ? ordered(primary, secondary) : {};
}

/** Sorted keys: the same feed always yields the same object (stable snapshots and diffs). */
const SORTED_KEYS: readonly ServiceKey[] = [...SERVICE_KEYS].sort();

/** The main test wins; the secondary ones speak only where it is missing. */
function ordered(
  primary: Partial<Record<ServiceKey, boolean>>,
  secondary: Partial<Record<ServiceKey, boolean>>,
): Partial<Record<ServiceKey, boolean>> {
  const result: Partial<Record<ServiceKey, boolean>> = {};
  for (const key of SORTED_KEYS) {
    const value = primary[key] ?? secondary[key];
    if (value !== undefined) result[key] = value;
  }
  return result;
}

/**
 * Memoised name → mapping. Bounded, so a hostile feed with endless distinct keys cannot grow
 * it without limit: past the bound, names are resolved without being remembered.
 */
const MAX_REMEMBERED_NAMES = 2048;
const remembered = new Map<string, ServiceName | null>();

export function nameInfo(name: string): ServiceName | null {
  const known = remembered.get(name);
  if (known !== undefined) return known;
  const key = serviceFromName(name);
  const mapped = key === null ? null : { key, secondary: isSecondaryName(name) };
  if (remembered.size < MAX_REMEMBERED_NAMES) remembered.set(name, mapped);
  return mapped;
}
