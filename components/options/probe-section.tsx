import { useId, useState } from 'preact/hooks';
import type { DeepTestResult } from '../../lib/model/deep-test-result';
import type { ServiceKey } from '../../lib/services/service-key';
import { formatMs, hostOf } from '../../lib/ui/format';
import { normaliseOrigin } from '../../lib/ui/list-edit';
import { SERVICE_LABELS, serviceLabel } from '../../lib/ui/service-label';
import { trailMessageKey } from '../../lib/ui/trail-message';
import { t, tData, uiLocale } from '../../platform/i18n';
import { CheckboxField, NumberField, Section, SelectField } from './fields';
import type { SectionProps } from './settings-edit';

export type DeepTestState =
  | { status: 'idle' }
  | { status: 'running'; origin: string }
  | { status: 'done'; origin: string; results: DeepTestResult[] }
  | { status: 'failed'; origin: string };

export interface ProbeSectionProps extends SectionProps {
  /** Known instance origins, offered in the deep-test field. */
  origins: string[];
  deepTest: DeepTestState;
  onDeepTest(origin: string, service: ServiceKey | null): void;
}

const SERVICES = Object.keys(SERVICE_LABELS) as ServiceKey[];

export function DeepTestResults({ state }: { state: DeepTestState }) {
  const locale = uiLocale();
  switch (state.status) {
    case 'idle':
      return null;
    case 'running':
      return <p class="muted">{t('testRunning')}</p>;
    case 'failed':
      return <p class="bad-text">{t('testUnavailable')}</p>;
    case 'done':
      if (state.results.length === 0) return <p class="muted">{t('testUnavailable')}</p>;
      return (
        <ul class="plain" aria-label={t('deepTestResults', [hostOf(state.origin)])}>
          {state.results.map((r) => (
            <li key={r.service} class={r.ok ? 'ok-text' : 'bad-text'}>
              {r.ok
                ? t('testOk', [serviceLabel(r.service), formatMs(r.ms, locale)])
                : t('testFailed', [
                    serviceLabel(r.service),
                    tData(trailMessageKey({ outcome: 'failed', code: r.code ?? '' })),
                  ])}
            </li>
          ))}
        </ul>
      );
  }
}

/** Light probing on/off with its limits, and the deep test the user runs by hand. */
export function ProbeSection({ settings, edit, origins, deepTest, onDeepTest }: ProbeSectionProps) {
  const probe = settings.probe;
  const listId = useId();
  const originId = useId();
  const [origin, setOrigin] = useState('');
  const [service, setService] = useState<ServiceKey | ''>('');
  const [invalid, setInvalid] = useState(false);

  const run = (event: Event) => {
    event.preventDefault();
    const normalised = normaliseOrigin(origin);
    setInvalid(normalised === null);
    if (normalised) onDeepTest(normalised, service || null);
  };

  return (
    <Section id="probe" title={t('secProbe')} intro={t('secProbeIntro')}>
      <CheckboxField
        label={t('probeEnabled')}
        hint={t('probeEnabledHint')}
        checked={probe.enabled}
        onChange={(on) => edit('probe', { ...probe, enabled: on })}
      />
      <div class="grid-fields">
        <NumberField
          label={t('probeConcurrency')}
          path="probe.concurrency"
          min={1}
          max={32}
          value={probe.concurrency}
          onChange={(v) => edit('probe', { ...probe, concurrency: v })}
        />
        <NumberField
          label={t('probeTimeoutMs')}
          path="probe.timeoutMs"
          min={500}
          max={30000}
          step={100}
          value={probe.timeoutMs}
          onChange={(v) => edit('probe', { ...probe, timeoutMs: v })}
        />
        <NumberField
          label={t('probeCacheMinutes')}
          path="probe.cacheMinutes"
          min={1}
          max={240}
          value={probe.cacheMinutes}
          onChange={(v) => edit('probe', { ...probe, cacheMinutes: v })}
        />
      </div>
      <form class="subcard" onSubmit={run} aria-labelledby={`${originId}-title`}>
        <h3 id={`${originId}-title`}>{t('deepTestTitle')}</h3>
        <p class="muted">{t('deepTestIntro')}</p>
        <div class="field">
          <label for={originId}>{t('deepTestOrigin')}</label>
          <input
            id={originId}
            type="text"
            list={listId}
            value={origin}
            autoComplete="off"
            spellcheck={false}
            aria-invalid={invalid}
            onInput={(e) => {
              setOrigin(e.currentTarget.value);
              setInvalid(false);
            }}
          />
          <datalist id={listId}>
            {origins.map((o) => (
              <option key={o} value={o} />
            ))}
          </datalist>
          {invalid && (
            <span class="field-error" role="alert">
              {t('invalidOrigin')}
            </span>
          )}
        </div>
        <SelectField
          label={t('deepTestService')}
          value={service}
          choices={[
            { value: '', label: t('deepTestAllServices') },
            ...SERVICES.map((s) => ({ value: s, label: serviceLabel(s) })),
          ]}
          onChange={(v) => setService(v as ServiceKey | '')}
        />
        <div class="row">
          <button type="submit" disabled={deepTest.status === 'running'}>
            {t('deepTestRun')}
          </button>
        </div>
        <div aria-live="polite">
          <DeepTestResults state={deepTest} />
        </div>
      </form>
    </Section>
  );
}
