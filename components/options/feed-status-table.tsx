import type { FeedStatusView } from '../../lib/model/feed-status-view';
import { formatRelative } from '../../lib/ui/format';
import { sourceLabel } from '../../lib/ui/source-label';
import { t, uiLocale } from '../../platform/i18n';
import { feedFailureText } from './feed-failure-text';

export function feedName(source: string): string {
  return sourceLabel(source) ?? (source === 'bundled' ? t('sourceBundled') : t('sourceUser'));
}

/** Per-source status: last success, last error, entries kept and dropped, next attempt. */
export function FeedStatusTable({ feeds, now }: { feeds: FeedStatusView[]; now: number }) {
  if (feeds.length === 0) return <p class="muted">{t('feedsNone')}</p>;
  const locale = uiLocale();
  // Scrolls sideways when narrow: focusable, so the keyboard can scroll it too.
  return (
    <div class="table-wrap" tabIndex={0} role="region" aria-label={t('feedsCaption')}>
      <table class="table">
        <caption class="sr-only">{t('feedsCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('colSource')}</th>
            <th scope="col">{t('colLastSuccess')}</th>
            <th scope="col">{t('colLastError')}</th>
            <th scope="col">{t('colEntries')}</th>
            <th scope="col">{t('colDropped')}</th>
            <th scope="col">{t('colNextAttempt')}</th>
          </tr>
        </thead>
        <tbody>
          {feeds.map((f) => (
            <tr key={f.source} class={f.enabled ? undefined : 'row-off'}>
              <th scope="row">
                {feedName(f.source)}
                {!f.enabled && <span class="muted small"> ({t('feedDisabled')})</span>}
              </th>
              <td>{f.lastSuccess ? formatRelative(f.lastSuccess, now, locale) : t('never')}</td>
              <FailureCell feed={f} locale={locale} />
              <td>{f.entries}</td>
              <td>{f.dropped}</td>
              <td>
                {f.enabled && f.nextAttempt ? formatRelative(f.nextAttempt, now, locale) : '–'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The failure by kind in the user's language; the stored English words when a kind is unknown. */
function FailureCell({ feed, locale }: { feed: FeedStatusView; locale: string }) {
  const words = feedFailureText(feed, feedName(feed.source), locale) ?? feed.lastError;
  if (!words) return <td>–</td>;
  return (
    <td class="bad-text">
      {words}
      {feed.daily && <span class="muted small feed-daily"> {t('feedDaily')}</span>}
    </td>
  );
}
