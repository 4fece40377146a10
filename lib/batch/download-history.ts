import type { ServiceKey } from '../services/service-key';

/** How many downloads the history keeps (oldest dropped first). */
export const HISTORY_LIMIT = 500;

export interface HistoryEntry {
  /** The link as sent to cobalt (lib/services matchService), so spellings of one post match. */
  url: string;
  service: ServiceKey;
  filename: string | null;
  servedBy: string | null;
  ok: boolean;
  /** A failure's reason (an i18n key of a user error). */
  reason: string | null;
  at: number;
}

/** Adds an entry, newest first, keeping the last `HISTORY_LIMIT`. */
export function addToHistory(
  history: readonly HistoryEntry[],
  entry: HistoryEntry,
): HistoryEntry[] {
  return [entry, ...history].slice(0, HISTORY_LIMIT);
}

/** The newest successful download of this link, if any: a batch or the popup asks before another. */
export function downloadedBefore(
  history: readonly HistoryEntry[],
  url: string,
): HistoryEntry | null {
  return history.find((e) => e.ok && e.url === url) ?? null;
}

/**
 * Entries whose link, file name or instance contain every word of the query (case-insensitive),
 * newest first; an empty query gives everything.
 */
export function searchHistory(history: readonly HistoryEntry[], query: string): HistoryEntry[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...history];
  return history.filter((e) => {
    const text = `${e.url} ${e.filename ?? ''} ${e.servedBy ?? ''}`.toLowerCase();
    return words.every((w) => text.includes(w));
  });
}

export type RedownloadPolicy = 'ask' | 'always' | 'never';

/**
 * What to do with links already downloaded, per the user's setting: `always` downloads them
 * again, `never` skips them, `ask` names them so the UI asks before the batch starts.
 */
export function sortByHistory(
  links: readonly { url: string; service: ServiceKey }[],
  history: readonly HistoryEntry[],
  policy: RedownloadPolicy,
): { download: { url: string; service: ServiceKey; skip: boolean }[]; ask: string[] } {
  const seen = new Set(history.filter((e) => e.ok).map((e) => e.url));
  const again = links.filter((l) => seen.has(l.url)).map((l) => l.url);
  return {
    download: links.map((l) => ({ ...l, skip: policy === 'never' && seen.has(l.url) })),
    ask: policy === 'ask' ? again : [],
  };
}
