import { useMemo, useState } from 'preact/hooks';
import type { HistoryEntry } from '../../lib/model/history-entry';
import { searchHistory } from '../../lib/ui/search-history';
import { hostOf } from '../../lib/ui/format';
import { t, tOr, uiLocale } from '../../platform/i18n';
import { Section } from './fields';

/** The last 500 downloads: link, file, instance, outcome, date; search and clear. */
export function HistorySection({ history, onClear }: { history: HistoryEntry[]; onClear(): void }) {
  const [query, setQuery] = useState('');
  const shown = useMemo(() => searchHistory(history, query), [history, query]);
  const date = new Intl.DateTimeFormat(uiLocale(), { dateStyle: 'short', timeStyle: 'short' });
  return (
    <Section id="history" title={t('historyTitle')} intro={t('historyIntro')}>
      <div class="history-tools">
        <div class="field">
          <label for="history-search">{t('historySearchLabel')}</label>
          <input
            id="history-search"
            type="search"
            value={query}
            autoComplete="off"
            onInput={(e) => setQuery(e.currentTarget.value)}
          />
        </div>
        <button type="button" disabled={history.length === 0} onClick={onClear}>
          {t('historyClear')}
        </button>
      </div>
      {history.length === 0 ? (
        <p class="muted">{t('historyEmpty')}</p>
      ) : (
        <>
          <p class="muted small" role="status" aria-live="polite">
            {t('historyCount', [String(shown.length), String(history.length)])}
          </p>
          <div class="table-wrap">
            <table class="history">
              <thead>
                <tr>
                  <th scope="col">{t('historyColLink')}</th>
                  <th scope="col">{t('historyColFile')}</th>
                  <th scope="col">{t('historyColInstance')}</th>
                  <th scope="col">{t('historyColOutcome')}</th>
                  <th scope="col">{t('historyColDate')}</th>
                </tr>
              </thead>
              <tbody>
                {shown.map((e, i) => (
                  <tr key={`${e.at}-${i}`}>
                    <td class="code">
                      <code>{e.url}</code>
                    </td>
                    <td>{e.filename ?? '—'}</td>
                    <td>{e.servedBy ? hostOf(e.servedBy) : '—'}</td>
                    <td class={e.ok ? 'ok' : 'bad'}>
                      {e.ok
                        ? t('outcomeOk')
                        : `${t('outcomeFailed')}: ${tOr(e.reason ?? undefined, 'error_generic_title')}`}
                    </td>
                    <td>{date.format(e.at)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </Section>
  );
}
