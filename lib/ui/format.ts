/**
 * Pure formatting helpers for the UI pages (no browser APIs; locale passed in).
 */

/** "240 ms" under a second, "1.4 s" above; null/negative → "–". */
export function formatMs(ms: number | null | undefined, locale = 'en'): string {
  if (ms == null || !Number.isFinite(ms) || ms < 0) return '–';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const seconds = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(ms / 1000);
  return `${seconds} s`;
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
  ['second', 1000],
];

/** "3 minutes ago" / "in 2 hours", in the given locale; null → "–". */
export function formatRelative(at: number | null | undefined, now: number, locale = 'en'): string {
  if (at == null || !Number.isFinite(at)) return '–';
  const diff = at - now;
  const abs = Math.abs(diff);
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  for (const [unit, size] of UNITS) {
    if (abs >= size || unit === 'second') return format.format(Math.round(diff / size), unit);
  }
  return format.format(0, 'second');
}

/** `https://host:port` → `host:port`; anything unparsable is returned as is. */
export function hostOf(origin: string): string {
  try {
    return new URL(origin).host || origin;
  } catch {
    return origin;
  }
}

/** Only http(s) URLs may become links or image sources in our pages. */
export function safeHttpUrl(value: string | null | undefined): string | null {
  if (!value) return null;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null;
  }
}

/**
 * A link the user pasted → an http(s) URL, or null. A bare `vimeo.com/123` gets `https://`;
 * anything whose host has no dot (plain words, `localhost`) is not taken for a link.
 */
export function pastedLink(text: string): string | null {
  const value = text.trim();
  if (!value || /\s/.test(value)) return null;
  const url = safeHttpUrl(value.includes('://') ? value : `https://${value}`);
  if (!url) return null;
  return new URL(url).hostname.includes('.') ? url : null;
}

/** "812 B", "1.4 MB", "2.1 GB" (decimal units, as the browser's downloads page shows them). */
export function formatBytes(bytes: number, locale = 'en'): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '–';
  const units = ['B', 'kB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  const digits = unit === 0 ? 0 : 1;
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(value)} ${units[unit]}`;
}
