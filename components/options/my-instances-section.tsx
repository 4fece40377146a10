import { requestHostAccess } from '../host-access';
import { useId, useState } from 'preact/hooks';
import { addUnique, moveItem, normaliseOrigin, removeAt } from '../../lib/ui/list-edit';
import { AddItemForm } from './add-item-form';
import { t } from '../../platform/i18n';
import { Section } from './fields';
import type { SectionProps } from './settings-edit';

/** cobalt API keys are lowercase UUIDs (docs/cobalt-api.md §3.6); the background checks again on save. */
const API_KEY = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function AddInstanceForm({
  onAdd,
}: {
  onAdd(origin: string, apiKey: string, label: string): void;
}) {
  const id = useId();
  const [origin, setOrigin] = useState('');
  const [apiKey, setApiKey] = useState('');
  const [label, setLabel] = useState('');
  const [errors, setErrors] = useState<{ origin?: boolean; key?: boolean }>({});

  const submit = (event: Event) => {
    event.preventDefault();
    const normalised = normaliseOrigin(origin);
    const key = apiKey.trim();
    const next = { origin: normalised === null, key: key !== '' && !API_KEY.test(key) };
    setErrors(next);
    if (next.origin || next.key || normalised === null) return;
    onAdd(normalised, key, label.trim());
    setOrigin('');
    setApiKey('');
    setLabel('');
  };

  return (
    <form class="subcard" onSubmit={submit} aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('myInstanceAddTitle')}</h3>
      <div class="field">
        <label for={`${id}-origin`}>{t('myInstanceOrigin')}</label>
        <input
          id={`${id}-origin`}
          type="text"
          value={origin}
          placeholder="https://cobalt.example.com"
          autoComplete="off"
          spellcheck={false}
          aria-invalid={!!errors.origin}
          aria-describedby={errors.origin ? `${id}-origin-err` : undefined}
          onInput={(e) => setOrigin(e.currentTarget.value)}
        />
        {errors.origin && (
          <span id={`${id}-origin-err`} class="field-error" role="alert">
            {t('invalidOrigin')}
          </span>
        )}
      </div>
      <div class="field">
        <label for={`${id}-key`}>{t('myInstanceKey')}</label>
        <input
          id={`${id}-key`}
          type="password"
          value={apiKey}
          autoComplete="off"
          spellcheck={false}
          aria-invalid={!!errors.key}
          aria-describedby={`${id}-key-hint${errors.key ? ` ${id}-key-err` : ''}`}
          onInput={(e) => setApiKey(e.currentTarget.value)}
        />
        <span id={`${id}-key-hint`} class="hint-text">
          {t('myInstanceKeyHint')}
        </span>
        {errors.key && (
          <span id={`${id}-key-err`} class="field-error" role="alert">
            {t('invalidApiKey')}
          </span>
        )}
      </div>
      <div class="field">
        <label for={`${id}-label`}>{t('myInstanceLabel')}</label>
        <input
          id={`${id}-label`}
          type="text"
          value={label}
          maxLength={80}
          onInput={(e) => setLabel(e.currentTarget.value)}
        />
      </div>
      <div class="row">
        <button type="submit">{t('myInstanceAdd')}</button>
      </div>
    </form>
  );
}

/** Self-hosted instances (with API keys) and the pinned order. */
export function MyInstancesSection({ settings, edit }: SectionProps) {
  const mine = settings.myInstances;
  const pinned = settings.pinned;
  return (
    <Section id="mine" title={t('secMine')} intro={t('secMineIntro')}>
      {mine.length === 0 ? (
        <p class="muted">{t('myInstancesNone')}</p>
      ) : (
        <ul class="plain">
          {mine.map((inst, i) => (
            <li key={inst.origin} class="row item">
              <span class="item-main">
                <strong>{inst.label || inst.origin}</strong>
                {inst.label && <span class="muted"> {inst.origin}</span>}
                <span class="muted small">
                  {' · '}
                  {inst.apiKey ? t('apiKeySet') : t('apiKeyNone')}
                </span>
              </span>
              <button
                type="button"
                aria-label={t('removeNamed', [inst.origin])}
                onClick={() => edit('myInstances', removeAt(mine, i))}
              >
                {t('actRemove')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <AddInstanceForm
        onAdd={(origin, apiKey, label) => {
          requestHostAccess(origin);
          edit(
            'myInstances',
            addUnique(
              mine,
              { origin, ...(apiKey ? { apiKey } : {}), ...(label ? { label } : {}) },
              (m) => m.origin,
            ),
          );
        }}
      />
      <h3 id="pins-title">{t('pinsTitle')}</h3>
      <p class="muted">{t('pinsIntro')}</p>
      {pinned.length === 0 ? (
        <p class="muted">{t('pinsNone')}</p>
      ) : (
        <ol class="plain pins" aria-labelledby="pins-title">
          {pinned.map((origin, i) => (
            // The group (its buttons named by the pin) sits inside the <li>: a role on the
            // <li> itself would take it out of the list (axe: aria-allowed-role, list).
            <li key={origin}>
              <div class="row item" role="group" aria-label={origin}>
                <span class="item-main">
                  {i + 1}. {origin}
                </span>
                <button
                  type="button"
                  disabled={i === 0}
                  onClick={() => edit('pinned', moveItem(pinned, i, -1))}
                >
                  {t('actMoveUp')}
                </button>
                <button
                  type="button"
                  disabled={i === pinned.length - 1}
                  onClick={() => edit('pinned', moveItem(pinned, i, 1))}
                >
                  {t('actMoveDown')}
                </button>
                <button type="button" onClick={() => edit('pinned', removeAt(pinned, i))}>
                  {t('actUnpin')}
                </button>
              </div>
            </li>
          ))}
        </ol>
      )}
      <AddItemForm
        label={t('pinAdd')}
        placeholder="https://cobalt.example.com"
        parse={normaliseOrigin}
        invalidMessage={t('invalidOrigin')}
        onAdd={(origin) => edit('pinned', addUnique(pinned, origin))}
      />
    </Section>
  );
}
