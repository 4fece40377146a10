import { useId, useState } from 'preact/hooks';
import type { DiagnosticsRow } from '../../lib/model/diagnostics-row';
import type { TrustLevel } from '../../lib/instances/instance';
import type { ServiceKey } from '../../lib/services/service-key';
import {
  EMPTY_FILTER,
  servicesKnown,
  servicesOk,
  viewRows,
  type DiagnosticsFilter,
  type DiagnosticsSort,
  type DiagnosticsSortKey,
} from '../../lib/ui/diagnostics-view';
import { formatMs } from '../../lib/ui/format';
import { SERVICE_LABELS, serviceLabel } from '../../lib/ui/service-label';
import { t, tData, uiLocale } from '../../platform/i18n';
import { TRUST_KEYS } from '../i18n-keys';
import { feedName } from './feed-status-table';
import { Section } from './fields';

const SERVICES = Object.keys(SERVICE_LABELS) as ServiceKey[];
const TRUSTS = Object.keys(TRUST_KEYS) as TrustLevel[];

function yesNo(value: boolean | null): string {
  return value === null ? '–' : value ? t('valueYes') : t('valueNo');
}

function ServicesCell({ row, service }: { row: DiagnosticsRow; service: ServiceKey | '' }) {
  if (service) {
    const ok = row.services[service];
    return (
      <span class={ok ? 'ok-text' : 'bad-text'}>{ok ? t('statusWorks') : t('statusFails')}</span>
    );
  }
  const known = Object.entries(row.services) as [ServiceKey, boolean][];
  if (known.length === 0) return <>–</>;
  return (
    <details>
      <summary>{t('servicesCount', [servicesOk(row), servicesKnown(row)])}</summary>
      <ul class="plain small">
        {known
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([s, ok]) => (
            <li key={s} class={ok ? 'ok-text' : 'bad-text'}>
              {ok ? '✓' : '✗'} {serviceLabel(s)}
            </li>
          ))}
      </ul>
    </details>
  );
}

/** The instance table: origin, version, trust, online, Turnstile, services, latency, health. */
export function DiagnosticsTable({ rows }: { rows: DiagnosticsRow[] }) {
  const id = useId();
  const [filter, setFilter] = useState<DiagnosticsFilter>(EMPTY_FILTER);
  const [sort, setSort] = useState<DiagnosticsSort>({ key: 'origin', dir: 'asc' });
  const shown = viewRows(rows, filter, sort);
  const locale = uiLocale();

  const columns: [DiagnosticsSortKey, string][] = [
    ['origin', t('colOrigin')],
    ['version', t('colVersion')],
    ['trust', t('colTrust')],
    ['online', t('colOnline')],
    ['turnstile', t('colTurnstile')],
    ['services', filter.service ? serviceLabel(filter.service) : t('colServices')],
    ['latency', t('colLatency')],
    ['health', t('colHealth')],
  ];

  const toggleSort = (key: DiagnosticsSortKey) =>
    setSort((prev) => ({
      key,
      dir: prev.key === key && prev.dir === 'asc' ? 'desc' : 'asc',
    }));

  return (
    <Section id="diagnostics" title={t('secDiagnostics')} intro={t('secDiagnosticsIntro')}>
      <div class="row filters" role="search" aria-label={t('diagFilters')}>
        <label for={`${id}-text`}>{t('diagFilterText')}</label>
        <input
          id={`${id}-text`}
          type="search"
          value={filter.text}
          onInput={(e) => setFilter({ ...filter, text: e.currentTarget.value })}
        />
        <label for={`${id}-trust`}>{t('colTrust')}</label>
        <select
          id={`${id}-trust`}
          value={filter.trust}
          onChange={(e) =>
            setFilter({ ...filter, trust: e.currentTarget.value as TrustLevel | '' })
          }
        >
          <option value="">{t('diagAny')}</option>
          {TRUSTS.map((level) => (
            <option key={level} value={level}>
              {tData(TRUST_KEYS[level])}
            </option>
          ))}
        </select>
        <label for={`${id}-service`}>{t('diagFilterService')}</label>
        <select
          id={`${id}-service`}
          value={filter.service}
          onChange={(e) =>
            setFilter({ ...filter, service: e.currentTarget.value as ServiceKey | '' })
          }
        >
          <option value="">{t('diagAny')}</option>
          {SERVICES.map((s) => (
            <option key={s} value={s}>
              {serviceLabel(s)}
            </option>
          ))}
        </select>
        <span class="check">
          <input
            id={`${id}-online`}
            type="checkbox"
            checked={filter.onlineOnly}
            onChange={(e) => setFilter({ ...filter, onlineOnly: e.currentTarget.checked })}
          />
          <label for={`${id}-online`}>{t('diagOnlineOnly')}</label>
        </span>
      </div>
      <p class="muted" role="status">
        {t('diagShown', [shown.length, rows.length])}
      </p>
      {/* Scrolls sideways when narrow: focusable, so the keyboard can scroll it too. */}
      <div class="table-wrap" tabIndex={0} role="region" aria-label={t('diagCaption')}>
        <table class="table diag">
          <caption class="sr-only">{t('diagCaption')}</caption>
          <thead>
            <tr>
              {columns.map(([key, label]) => (
                <th
                  key={key}
                  scope="col"
                  aria-sort={
                    sort.key === key ? (sort.dir === 'asc' ? 'ascending' : 'descending') : undefined
                  }
                >
                  <button type="button" class="sort" onClick={() => toggleSort(key)}>
                    {label}
                    <span aria-hidden="true">
                      {sort.key === key ? (sort.dir === 'asc' ? ' ▲' : ' ▼') : ''}
                    </span>
                  </button>
                </th>
              ))}
              <th scope="col">{t('colSources')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((row) => (
              <tr key={row.origin}>
                <th scope="row" class="origin">
                  {row.origin}
                </th>
                <td>
                  {row.version ?? '–'}
                  {row.codebase !== null && (
                    <div class="muted small">{t('codebaseOf', [row.codebase])}</div>
                  )}
                </td>
                <td class={`trust-${row.trust}`}>{tData(TRUST_KEYS[row.trust])}</td>
                <td>{yesNo(row.online)}</td>
                <td>{yesNo(row.turnstile)}</td>
                <td>
                  <ServicesCell row={row} service={filter.service} />
                </td>
                <td>{formatMs(row.latencyMs, locale)}</td>
                <td>
                  {t('healthCounts', [row.health.ok, row.health.failed])}
                  {row.health.quarantined.length > 0 && (
                    <div class="bad-text small">
                      {t('healthQuarantined', [
                        row.health.quarantined.map(serviceLabel).join(', '),
                      ])}
                    </div>
                  )}
                </td>
                <td class="small">{row.sources.map(feedName).join(', ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Section>
  );
}
