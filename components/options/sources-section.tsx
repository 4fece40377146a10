import { formatIsoDay } from '../../lib/ui/format-iso-day';
import { requestHostAccess } from '../host-access';
import type { FeedStatusView } from '../../lib/model/feed-status-view';
import { addUnique, removeAt } from '../../lib/ui/list-edit';
import { safeHttpUrl } from '../../lib/ui/format';
import { t, uiLocale } from '../../platform/i18n';
import { AddItemForm } from './add-item-form';
import { FeedStatusTable } from './feed-status-table';
import { CheckboxField, NumberField, Section } from './fields';
import type { SectionProps } from './settings-edit';

export interface SourcesSectionProps extends SectionProps {
  feeds: FeedStatusView[];
  /** The bundled snapshot's date while the ranking uses it; null otherwise. */
  bundledFrom: string | null;
  refreshing: boolean;
  onRefresh(): void;
  now: number;
}

const BUILT_IN = [
  ['hyper', 'instances.hyper.lol'],
  ['directory', 'cobalt.directory'],
  ['cobaltBest', 'instances.cobalt.best'],
] as const;

/** Trackers on/off, custom list URLs, refresh interval, "refresh now" and per-source status. */
export function SourcesSection({
  settings,
  edit,
  feeds,
  bundledFrom,
  refreshing,
  onRefresh,
  now,
}: SourcesSectionProps) {
  const sources = settings.sources;
  return (
    <Section id="sources" title={t('secSources')} intro={t('secSourcesIntro')}>
      <fieldset>
        <legend>{t('builtInTrackers')}</legend>
        {BUILT_IN.map(([key, label]) => (
          <CheckboxField
            key={key}
            label={label}
            checked={sources[key]}
            onChange={(on) => edit('sources', { ...sources, [key]: on })}
          />
        ))}
      </fieldset>
      <fieldset>
        <legend>{t('customLists')}</legend>
        {sources.custom.length === 0 && <p class="muted">{t('customListsNone')}</p>}
        <ul class="plain">
          {sources.custom.map((source, i) => (
            <li key={source.url} class="row">
              <CheckboxField
                label={source.url}
                checked={source.enabled}
                path={`sources.custom.${i}`}
                onChange={(on) =>
                  edit('sources', {
                    ...sources,
                    custom: sources.custom.map((c, j) => (j === i ? { ...c, enabled: on } : c)),
                  })
                }
              />
              <button
                type="button"
                aria-label={t('removeNamed', [source.url])}
                onClick={() => edit('sources', { ...sources, custom: removeAt(sources.custom, i) })}
              >
                {t('actRemove')}
              </button>
            </li>
          ))}
        </ul>
        <AddItemForm
          label={t('customListAdd')}
          placeholder="https://example.com/instances.json"
          parse={safeHttpUrl}
          invalidMessage={t('invalidUrl')}
          onAdd={(url) => {
            requestHostAccess(url);
            edit('sources', {
              ...sources,
              custom: addUnique(sources.custom, { url, enabled: true }, (c) => c.url),
            });
          }}
        />
      </fieldset>
      <NumberField
        label={t('refreshMinutes')}
        hint={t('refreshMinutesHint')}
        path="sources.refreshMinutes"
        min={15}
        max={1440}
        value={sources.refreshMinutes}
        onChange={(value) => edit('sources', { ...sources, refreshMinutes: value })}
      />
      <div class="row">
        <button type="button" onClick={onRefresh} disabled={refreshing} aria-busy={refreshing}>
          {refreshing ? t('refreshing') : t('refreshNow')}
        </button>
      </div>
      {bundledFrom && (
        <p class="notice" role="status">
          {t('noticeBundledFrom', [formatIsoDay(bundledFrom, uiLocale())])}
        </p>
      )}
      <FeedStatusTable feeds={feeds} now={now} />
    </Section>
  );
}
