import { t } from '../../platform/i18n';
import type { Settings } from '../../lib/settings/schema';
import { CheckboxField, NumberField, Section, SelectField } from './fields';
import type { SectionProps } from './settings-edit';

/** Save-as prompt, notifications, and the fallback chain's limits. */
export function BehaviourSection({ settings, edit }: SectionProps) {
  const { notifications, fallback } = settings;
  return (
    <Section id="behaviour" title={t('secBehaviour')}>
      <CheckboxField
        label={t('saveAs')}
        hint={t('saveAsHint')}
        path="saveAs"
        checked={settings.saveAs}
        onChange={(on) => edit('saveAs', on)}
      />
      <SelectField
        label={t('redownloadLabel')}
        path="redownload"
        value={settings.redownload}
        choices={[
          { value: 'ask', label: t('redownloadAsk') },
          { value: 'always', label: t('redownloadAlways') },
          { value: 'never', label: t('redownloadNever') },
        ]}
        onChange={(v) => edit('redownload', v as Settings['redownload'])}
      />
      <fieldset>
        <legend>{t('notificationsTitle')}</legend>
        <CheckboxField
          label={t('notifySuccess')}
          checked={notifications.onSuccess}
          onChange={(on) => edit('notifications', { ...notifications, onSuccess: on })}
        />
        <CheckboxField
          label={t('notifyFailure')}
          checked={notifications.onFailure}
          onChange={(on) => edit('notifications', { ...notifications, onFailure: on })}
        />
      </fieldset>
      <fieldset class="grid-fields">
        <legend>{t('fallbackTitle')}</legend>
        <NumberField
          label={t('fallbackMaxAttempts')}
          path="fallback.maxAttempts"
          min={1}
          max={10}
          value={fallback.maxAttempts}
          onChange={(v) => edit('fallback', { ...fallback, maxAttempts: v })}
        />
        <NumberField
          label={t('fallbackDeadlineSeconds')}
          path="fallback.deadlineMs"
          min={5}
          max={120}
          value={fallback.deadlineMs / 1000}
          onChange={(v) => edit('fallback', { ...fallback, deadlineMs: Math.round(v * 1000) })}
        />
        <NumberField
          label={t('fallbackHedgeMs')}
          hint={t('fallbackHedgeHint')}
          path="fallback.hedgeMs"
          min={250}
          max={10000}
          step={50}
          value={fallback.hedgeMs}
          onChange={(v) => edit('fallback', { ...fallback, hedgeMs: v })}
        />
      </fieldset>
    </Section>
  );
}
