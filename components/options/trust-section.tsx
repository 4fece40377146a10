import { t } from '../../platform/i18n';
import { CheckboxField, Section } from './fields';
import type { SectionProps } from './settings-edit';

const toggles = () =>
  [
    ['allowListed', t('trustAllowListed'), t('trustAllowListedHint')],
    ['allowUnknown', t('trustAllowUnknown'), t('trustAllowUnknownHint')],
    ['allowHttp', t('trustAllowHttp'), t('trustAllowHttpHint')],
    ['allowIpOnly', t('trustAllowIpOnly'), t('trustAllowIpOnlyHint')],
    ['allowLegacyV7', t('trustAllowLegacyV7'), t('trustAllowLegacyV7Hint')],
    ['onlyUpstream', t('trustOnlyUpstream'), t('trustOnlyUpstreamHint')],
  ] as const;

/** Which kinds of instance may be contacted; the hard rules are stated, not offered. */
export function TrustSection({ settings, edit }: SectionProps) {
  const trust = settings.trust;
  return (
    <Section id="trust" title={t('secTrust')} intro={t('secTrustIntro')}>
      {toggles().map(([key, label, hint]) => (
        <CheckboxField
          key={key}
          label={label}
          hint={hint}
          path={`trust.${key}`}
          checked={trust[key]}
          onChange={(on) => edit('trust', { ...trust, [key]: on })}
        />
      ))}
      <p class="notice">{t('trustNever')}</p>
    </Section>
  );
}
