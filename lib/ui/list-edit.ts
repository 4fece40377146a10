/** Small immutable list edits used by the options form (pins order, blocked list, sources). */

/** Move the item at `index` by `delta` places; out-of-range moves return the list unchanged. */
export function moveItem<T>(list: readonly T[], index: number, delta: number): T[] {
  const target = index + delta;
  if (index < 0 || index >= list.length || target < 0 || target >= list.length) return [...list];
  const next = [...list];
  const [item] = next.splice(index, 1);
  next.splice(target, 0, item as T);
  return next;
}

export function removeAt<T>(list: readonly T[], index: number): T[] {
  return list.filter((_, i) => i !== index);
}

/** Append unless an equal item (by `key`) is already there. */
export function addUnique<T>(list: readonly T[], item: T, key: (t: T) => string = String): T[] {
  const k = key(item);
  return list.some((existing) => key(existing) === k) ? [...list] : [...list, item];
}

/**
 * What a user typed as an instance address → `https://host[:port]` (the form settings store),
 * or null when it is not an http(s) address. The background validates again on save.
 */
export function normaliseOrigin(input: string): string | null {
  const value = input.trim();
  if (!value) return null;
  try {
    const url = new URL(value.includes('://') ? value : `https://${value}`);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
    if (!url.hostname) return null;
    return url.origin;
  } catch {
    return null;
  }
}
