/** Longest quoted text shown in a message: enough to recognise the value, short enough to read. */
const MAX_SHOWN_CHARS = 40;

/**
 * A stored or imported value in plain words for a user-facing message: strings quoted and
 * shortened, containers summarised (never dumped: they may be large or hold secrets).
 */
export function showValue(value: unknown): string {
  if (typeof value === 'string') {
    const text = value.length > MAX_SHOWN_CHARS ? `${value.slice(0, MAX_SHOWN_CHARS)}…` : value;
    return JSON.stringify(text);
  }
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
    return String(value);
  }
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return value.length === 0 ? 'an empty list' : 'a list';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}
