/**
 * The list of entries inside a feed, whatever wraps it:
 * - a bare array: instances.hyper.lol `instances.json` (docs/cobalt-api.md §6.1), the input lists;
 * - `{ lastUpdatedUTC, data: [...] }`: cobalt.directory `/api/tests` (§6.2);
 * - `{ data | instances: [...] }`: defensive, for instances.cobalt.best whose envelope is only
 *   known from its consumers (§6.3);
 * - an object keyed by API host whose values are entries: cobalt.directory's 2025
 *   `results.json` (§6.2 schema history); the key fills in a missing `api`.
 * Returns null when none of these fit.
 */
const LIST_KEYS = ['data', 'instances'] as const;

export function feedItems(json: unknown): unknown[] | null {
  if (Array.isArray(json)) return json;
  if (!isPlainObject(json)) return null;
  for (const key of LIST_KEYS) {
    const list = json[key];
    if (Array.isArray(list)) return list;
  }
  if (LIST_KEYS.some((key) => key in json)) return null;
  const values = Object.entries(json);
  if (values.length === 0 || !values.every(([, value]) => isPlainObject(value))) return null;
  return values.map(([host, value]) => ({ api: host, ...(value as Record<string, unknown>) }));
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
