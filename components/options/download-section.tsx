import { useId, useState } from 'preact/hooks';
import type { ServiceKey } from '../../lib/services/service-key';
import type { DownloadOptions, DownloadOverrides } from '../../lib/settings/schema';
import { DOWNLOAD_FIELDS } from '../../lib/ui/download-fields';
import { SERVICE_LABELS, serviceLabel } from '../../lib/ui/service-label';
import { t } from '../../platform/i18n';
import { DownloadFieldInput } from './download-field-input';
import { Section } from './fields';
import type { SectionProps } from './settings-edit';

const SERVICES = Object.keys(SERVICE_LABELS) as ServiceKey[];

function withKey(
  overrides: DownloadOverrides,
  key: keyof DownloadOptions,
  value: unknown,
): DownloadOverrides {
  const next: Record<string, unknown> = { ...overrides };
  if (value === undefined) delete next[key];
  else next[key] = value;
  return next as DownloadOverrides;
}

/** Download defaults (every cobalt option) and per-service overrides of any of them. */
export function DownloadSection({ settings, edit }: SectionProps) {
  const defaults = settings.download;
  const overrides = settings.serviceOverrides;
  const addId = useId();
  const withOverrides = SERVICES.filter((s) => overrides[s] !== undefined);
  const free = SERVICES.filter((s) => overrides[s] === undefined);
  const [adding, setAdding] = useState<ServiceKey | ''>('');
  const toAdd = adding && free.includes(adding) ? adding : (free[0] ?? '');

  const setOverride = (service: ServiceKey, value: DownloadOverrides | undefined) => {
    const next = { ...overrides };
    if (value === undefined) delete next[service];
    else next[service] = value;
    edit('serviceOverrides', next);
  };

  return (
    <Section id="download" title={t('secDownload')} intro={t('secDownloadIntro')}>
      <fieldset class="grid-fields">
        <legend>{t('downloadDefaults')}</legend>
        {DOWNLOAD_FIELDS.map((field) => (
          <DownloadFieldInput
            key={field.key}
            field={field}
            path={`download.${field.key}`}
            value={defaults[field.key]}
            onChange={(value) => edit('download', { ...defaults, [field.key]: value })}
          />
        ))}
      </fieldset>
      <h3>{t('overridesTitle')}</h3>
      <p class="muted">{t('overridesIntro')}</p>
      {withOverrides.map((service) => {
        const own = overrides[service] ?? {};
        return (
          <fieldset key={service} class="grid-fields override">
            <legend>{serviceLabel(service)}</legend>
            {DOWNLOAD_FIELDS.map((field) => (
              <DownloadFieldInput
                key={field.key}
                field={field}
                path={`serviceOverrides.${service}.${field.key}`}
                value={own[field.key]}
                inherited={defaults[field.key]}
                onChange={(value) => setOverride(service, withKey(own, field.key, value))}
              />
            ))}
            <div class="row">
              <button
                type="button"
                aria-label={t('overrideRemoveNamed', [serviceLabel(service)])}
                onClick={() => setOverride(service, undefined)}
              >
                {t('overrideRemove')}
              </button>
            </div>
          </fieldset>
        );
      })}
      {free.length > 0 && (
        <div class="row">
          <label for={addId}>{t('overrideService')}</label>
          <select
            id={addId}
            value={toAdd}
            onChange={(e) => setAdding(e.currentTarget.value as ServiceKey)}
          >
            {free.map((s) => (
              <option key={s} value={s}>
                {serviceLabel(s)}
              </option>
            ))}
          </select>
          <button type="button" onClick={() => toAdd && setOverride(toAdd, {})}>
            {t('overrideAdd')}
          </button>
        </div>
      )}
    </Section>
  );
}
