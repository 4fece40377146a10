import type { RecentDownload } from '../model/recent-download';
import { RECENT_LIMIT } from './recent-downloads-schema';

/** Puts `entry` first and keeps the list within `RECENT_LIMIT` (the oldest fall off). */
export function addRecentDownload(
  list: readonly RecentDownload[],
  entry: RecentDownload,
): RecentDownload[] {
  return [entry, ...list].slice(0, RECENT_LIMIT);
}
