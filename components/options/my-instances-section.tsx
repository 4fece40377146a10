import { requestHostAccess } from '../host-access';
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { addUnique, moveItem, normaliseOrigin, removeAt } from '../../lib/ui/list-edit';
import { AddItemForm } from './add-item-form';
import { t } from '../../platform/i18n';
import { Section } from './fields';
import type { SectionProps } from './settings-edit';
import { DeepTestResults, type DeepTestState } from './probe-section';
import type { ServiceKey } from '../../lib/services/service-key';
import type { AddKeyRequest } from '../../lib/ui/add-key-link';

/** cobalt API keys are lowercase UUIDs (docs/cobalt-api.md §3.6); the background checks again on save. */
const API_KEY = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function AddInstanceForm({
  onAdd,
  prefill,
}: {
  onAdd(origin: string, apiKey: string, label: string): void;
  /** An origin that asked for a key: filled in, and the key field focused. */
  prefill: string | null;
}) {
  const id = useId();
  const [origin, setOrigin] = useState(prefill ?? '');
  const keyField = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (prefill === null) return;
    keyField.current?.scrollIntoView({ block: 'center' });
    keyField.current?.focus();
  }, [prefill]);
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
          ref={keyField}
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

export interface MyInstancesSectionProps extends SectionProps {
  /** The popup's "Add a key" for an instance that asked for one (lib/ui/add-key-link.ts). */
  addKey: AddKeyRequest | null;
  /** The stored settings are the draft: "Test now" tries what is stored. */
  saved: boolean;
  deepTest: DeepTestState;
  onTest(origin: string, service: ServiceKey | null): void;
}

/**
 * The service "Test now" tries a key with when the popup named none: TikTok works on every
 * cobalt generation and is enabled by default (https://github.com/imputnet/cobalt/blob/main/api/src/processing/service-config.js).
 */
const KEY_TEST_SERVICE: ServiceKey = 'tiktok';

/** Self-hosted instances (with API keys) and the pinned order. */
export function MyInstancesSection({
  settings,
  edit,
  addKey,
  saved,
  deepTest,
  onTest,
}: MyInstancesSectionProps) {
  const mine = settings.myInstances;
  const tested = deepTest.status !== 'idle' && mine.some((m) => m.origin === deepTest.origin);
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
              {inst.apiKey && (
                <button
                  type="button"
                  disabled={!saved || deepTest.status === 'running'}
                  aria-label={t('testKeyNamed', [inst.origin])}
                  onClick={() =>
                    onTest(
                      inst.origin,
                      addKey?.origin === inst.origin && addKey.service
                        ? addKey.service
                        : KEY_TEST_SERVICE,
                    )
                  }
                >
                  {t('actTest')}
                </button>
              )}
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
      {mine.some((m) => m.apiKey) && !saved && <p class="muted">{t('testKeySaveFirst')}</p>}
      {tested && (
        <div aria-live="polite">
          <DeepTestResults state={deepTest} />
        </div>
      )}
      <AddInstanceForm
        prefill={addKey?.origin ?? null}
        onAdd={(origin, apiKey, label) => {
          requestHostAccess(origin);
          const entry = { origin, ...(apiKey ? { apiKey } : {}), ...(label ? { label } : {}) };
          // Adding an origin that is already listed gives it the new key (and label) in place.
          const at = mine.findIndex((m) => m.origin === origin);
          edit(
            'myInstances',
            at === -1 ? addUnique(mine, entry, (m) => m.origin) : mine.with(at, entry),
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
