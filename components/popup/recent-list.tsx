import type { RecentDownload } from '../../lib/model/recent-download';
import { formatRelative, hostOf } from '../../lib/ui/format';
import { serviceLabel } from '../../lib/ui/service-label';
import { t, tOr, uiLocale } from '../../platform/i18n';

/** The last downloads: what, through which instance, and how it ended. */
export function RecentList({ recent, now }: { recent: RecentDownload[]; now: number }) {
  if (recent.length === 0) return null;
  const locale = uiLocale();
  return (
    <section class="recent" aria-labelledby="recent-title">
      <h2 id="recent-title">{t('recentTitle')}</h2>
      <ul>
        {recent.map((r, i) => (
          <li key={`${r.at}-${i}`} class={r.ok ? 'recent-ok' : 'recent-bad'}>
            <span class="recent-what">
              <span aria-hidden="true">{r.ok ? '✓ ' : '✗ '}</span>
              <span class="sr-only">{r.ok ? t('outcomeOk') : t('outcomeFailed')}: </span>
              {r.filename ?? serviceLabel(r.service)}
            </span>
            <span class="muted small">
              {r.servedBy ? t('recentVia', [hostOf(r.servedBy)]) : serviceLabel(r.service)}
              {' · '}
              {formatRelative(r.at, now, locale)}
              {!r.ok && ` · ${tOr(r.errorKey, 'error_generic_title')}`}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
