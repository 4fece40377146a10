import type { FeedStatusView } from '../../lib/model/feed-status-view';
import { t, tData } from '../../platform/i18n';
import { FEED_FAILURE_KEYS } from '../i18n-keys';

/**
 * A failing feed in the user's words: what went wrong by kind, and which list is used meanwhile
 * ("cobalt.directory asked for a browser check; using the list from 4 May 2026"); null while
 * the feed works. `name` is the source's display name.
 */
export function feedFailureText(feed: FeedStatusView, name: string, locale: string): string | null {
  if (!feed.failure) return null;
  // The key comes from a lookup table (components/i18n-keys.ts), so it is data to the typed `t`.
  const what = tData(FEED_FAILURE_KEYS[feed.failure.kind], [name, feed.failure.status ?? '?']);
  return feed.listFrom === null
    ? t('feedUsingBundled', [what])
    : t('feedUsingListFrom', [what, formatDay(feed.listFrom, locale)]);
}

/** A calendar day in the page's language ("4 May 2026", "4. Mai 2026"). */
function formatDay(at: number, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(at);
}
