import type { PageInfo } from '../../lib/services/page-info';
import type { ServiceKey } from '../../lib/services/service-key';
import { serviceLabel } from '../../lib/ui/service-label';
import { t } from '../../platform/i18n';

export interface UnsupportedPanelProps {
  page: Exclude<PageInfo, { kind: 'supported' }>;
  supportedServices: ServiceKey[];
}

/** Why this page can't be downloaded, and which services can (the link field follows it). */
export function UnsupportedPanel({ page, supportedServices }: UnsupportedPanelProps) {
  const names = supportedServices.map(serviceLabel).sort((a, b) => a.localeCompare(b));
  return (
    <section class="unsupported" aria-labelledby="unsupported-title">
      <h2 id="unsupported-title">
        {page.kind === 'service-page'
          ? t('servicePageExplain', [serviceLabel(page.service)])
          : t('unsupportedExplain')}
      </h2>
      <p class="muted">{t('pasteLinkHint')}</p>
      {names.length > 0 && (
        <>
          <h3 id="services-title">{t('supportedServicesTitle', [names.length])}</h3>
          <ul class="services" aria-labelledby="services-title">
            {names.map((name) => (
              <li key={name}>{name}</li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
