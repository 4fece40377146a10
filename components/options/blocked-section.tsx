import { addUnique, normaliseOrigin, removeAt } from '../../lib/ui/list-edit';
import { t } from '../../platform/i18n';
import { AddItemForm } from './add-item-form';
import { Section } from './fields';
import type { SectionProps } from './settings-edit';

/** Instances the user never wants contacted; unblocking is one click. */
export function BlockedSection({ settings, edit }: SectionProps) {
  const blocked = settings.blocked;
  return (
    <Section id="blocked" title={t('secBlocked')} intro={t('secBlockedIntro')}>
      {blocked.length === 0 ? (
        <p class="muted">{t('blockedNone')}</p>
      ) : (
        <ul class="plain">
          {blocked.map((origin, i) => (
            <li key={origin} class="row item">
              <span class="item-main">{origin}</span>
              <button
                type="button"
                aria-label={t('unblockNamed', [origin])}
                onClick={() => edit('blocked', removeAt(blocked, i))}
              >
                {t('actUnblock')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <AddItemForm
        label={t('blockAdd')}
        placeholder="https://cobalt.example.com"
        parse={normaliseOrigin}
        invalidMessage={t('invalidOrigin')}
        onAdd={(origin) => edit('blocked', addUnique(blocked, origin))}
      />
    </Section>
  );
}
