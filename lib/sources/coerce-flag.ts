/**
 * A yes/no value from a feed → boolean, or null when it says nothing. hyper.lol writes bools,
 * cobalt.directory writes `{status: bool, message}` per test, and instances.cobalt.best's
 * consumers type service values as `dynamic` (docs/cobalt-api.md §6.3): so anything is read defensively.
 */

const TRUE_WORDS = new Set(['true', 'yes', 'ok', 'up', 'online', 'working', 'pass', 'passed']);
const FALSE_WORDS = new Set([
  'false',
  'no',
  'down',
  'offline',
  'failed',
  'fail',
  'error',
  'broken',
]);
/** Object keys that carry the verdict in the shapes seen (directory test objects first). */
const VERDICT_KEYS = ['status', 'ok', 'working', 'online', 'api'] as const;

export function coerceFlag(value: unknown): boolean | null {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value > 0 : null;
  if (typeof value === 'string') {
    const word = value.trim().toLowerCase();
    if (TRUE_WORDS.has(word)) return true;
    if (FALSE_WORDS.has(word)) return false;
    return null;
  }
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const record = value as Record<string, unknown>;
    for (const key of VERDICT_KEYS) {
      const verdict = record[key];
      if (typeof verdict === 'boolean') return verdict;
    }
  }
  return null;
}
