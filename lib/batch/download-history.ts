import type { HistoryEntry } from '../model/history-entry';
import type { ServiceKey } from '../services/service-key';

/** How many downloads the history keeps (oldest dropped first). */
export const HISTORY_LIMIT = 500;

export type { HistoryEntry };

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
