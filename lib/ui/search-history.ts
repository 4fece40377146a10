import type { HistoryEntry } from '../model/history-entry';

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
