import type { PageInfo } from '../../lib/services/page-info';
import { serviceLabel } from '../../lib/ui/service-label';
import { t } from '../../platform/i18n';

export interface PageHeaderProps {
  page: PageInfo;
  onOpenOptions(): void;
}

function status(page: PageInfo): { title: string; line: string } {
  switch (page.kind) {
    case 'supported':
      return { title: serviceLabel(page.service), line: t('pageSupported') };
    case 'service-page':
      return { title: serviceLabel(page.service), line: t('pageServiceNotMedia') };
    case 'unsupported':
      return { title: t('pageUnsupportedTitle'), line: t('pageUnsupported') };
    case 'none':
      return { title: t('pageNoneTitle'), line: t('pageNone') };
  }
}

/** The page's service (or why there is none) and the way to the settings. */
export function PageHeader({ page, onOpenOptions }: PageHeaderProps) {
  const { title, line } = status(page);
  return (
    <header class="head">
      <div class="head-text">
        <h1>{title}</h1>
        <p class="muted">{line}</p>
        {page.kind === 'supported' && (
          <p class="page-url" title={page.url}>
            {page.url}
          </p>
        )}
      </div>
      <button type="button" class="icon-btn" onClick={onOpenOptions} aria-label={t('openSettings')}>
        <span aria-hidden="true">⚙</span>
      </button>
    </header>
  );
}
