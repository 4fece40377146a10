import type { OptionsSnapshot } from '../../lib/model/snapshots';
import type { Settings } from '../../lib/settings/schema';
import { userErrorText } from '../user-error-text';
import { t, tData } from '../../platform/i18n';
import { BehaviourSection } from './behaviour-section';
import { BlockedSection } from './blocked-section';
import { DiagnosticsTable } from './diagnostics-table';
import { DownloadSection } from './download-section';
import { ImportExport, ProblemList } from './import-export';
import { HistorySection } from './history-section';
import { MyInstancesSection } from './my-instances-section';
import type { OptionsActions, OptionsLocal } from './options-actions';
import { ProbeSection } from './probe-section';
import { ProblemsContext } from './problems-context';
import type { EditSettings } from './settings-edit';
import { SourcesSection } from './sources-section';
import { TrustSection } from './trust-section';

export interface OptionsAppProps {
  snapshot: OptionsSnapshot | null;
  /** The settings being edited (starts as snapshot.settings). */
  draft: Settings | null;
  local: OptionsLocal;
  actions: OptionsActions;
}

function SaveBar({ local, actions }: Pick<OptionsAppProps, 'local' | 'actions'>) {
  const { save } = local;
  const dirty = save.kind === 'dirty' || save.kind === 'problems' || save.kind === 'failed';
  return (
    <div class="save-bar">
      <div class="save-status" role="status" aria-live="polite">
        {save.kind === 'dirty' && t('unsavedChanges')}
        {save.kind === 'saving' && t('saving')}
        {save.kind === 'saved' && <span class="ok-text">{t('saved')}</span>}
        {save.kind === 'failed' && (
          <span class="bad-text">{save.error ? userErrorText(save.error) : t('saveFailed')}</span>
        )}
      </div>
      {save.kind === 'problems' && (
        <div role="alert" class="save-problems">
          <strong>{t('saveProblems')}</strong>
          <ProblemList problems={save.problems} />
        </div>
      )}
      <div class="row">
        <button type="button" disabled={!dirty} onClick={actions.discard}>
          {t('discardChanges')}
        </button>
        <button type="button" class="primary" disabled={!dirty} onClick={actions.save}>
          {t('saveButton')}
        </button>
      </div>
    </div>
  );
}

/** The options page: every setting, grouped, plus import/export/reset and diagnostics. */
export function OptionsApp({ snapshot, draft, local, actions }: OptionsAppProps) {
  if (!snapshot || !draft) {
    return (
      <main class="options">
        <h1>{t('optionsTitle')}</h1>
        {local.loadFailed ? (
          <div class="error" role="alert">
            <h2>{t('error_no_answer_title')}</h2>
            <p>{t('error_no_answer_detail')}</p>
            <button type="button" onClick={actions.reload}>
              {t('actRetry')}
            </button>
          </div>
        ) : (
          <p class="loading" role="status">
            {t('loading')}
          </p>
        )}
      </main>
    );
  }

  const edit: EditSettings = (key, value) => actions.change({ ...draft, [key]: value });
  const problems = local.save.kind === 'problems' ? local.save.problems : [];
  const origins = [
    ...new Set([
      ...draft.myInstances.map((m) => m.origin),
      ...snapshot.diagnostics.map((d) => d.origin),
    ]),
  ];

  return (
    <ProblemsContext.Provider value={problems}>
      <main class="options">
        <h1>{t('optionsTitle')}</h1>
        <nav aria-label={t('optionsNav')}>
          <ul class="toc">
            <li>
              <a href="#sources">{t('secSources')}</a>
            </li>
            <li>
              <a href="#probe">{t('secProbe')}</a>
            </li>
            <li>
              <a href="#trust">{t('secTrust')}</a>
            </li>
            <li>
              <a href="#mine">{t('secMine')}</a>
            </li>
            <li>
              <a href="#blocked">{t('secBlocked')}</a>
            </li>
            <li>
              <a href="#download">{t('secDownload')}</a>
            </li>
            <li>
              <a href="#behaviour">{t('secBehaviour')}</a>
            </li>
            <li>
              <a href="#transfer">{t('secTransfer')}</a>
            </li>
            <li>
              <a href="#history">{t('historyTitle')}</a>
            </li>
            <li>
              <a href="#diagnostics">{t('secDiagnostics')}</a>
            </li>
          </ul>
        </nav>
        {snapshot.notices.length > 0 && (
          <ul class="notices" role="status">
            {snapshot.notices.map((n, i) => (
              <li key={`${n.key}-${i}`} class="notice">
                {tData(n.key, n.params)}
              </li>
            ))}
          </ul>
        )}
        <SourcesSection
          settings={draft}
          edit={edit}
          feeds={snapshot.feeds}
          bundledFrom={snapshot.usingBundled ? snapshot.bundledDate : null}
          refreshing={local.refreshing}
          onRefresh={actions.refreshSources}
          now={local.now}
        />
        <ProbeSection
          settings={draft}
          edit={edit}
          origins={origins}
          deepTest={local.deepTest}
          onDeepTest={actions.deepTest}
        />
        <TrustSection settings={draft} edit={edit} />
        <MyInstancesSection
          settings={draft}
          edit={edit}
          addKey={local.addKey ?? null}
          saved={local.save.kind === 'clean' || local.save.kind === 'saved'}
          deepTest={local.deepTest}
          onTest={actions.deepTest}
        />
        <BlockedSection settings={draft} edit={edit} />
        <DownloadSection settings={draft} edit={edit} />
        <BehaviourSection settings={draft} edit={edit} />
        <ImportExport
          status={local.transfer}
          onExport={actions.exportSettings}
          onImport={actions.importSettings}
          onReset={actions.resetSettings}
        />
        <HistorySection history={snapshot.history} onClear={actions.clearHistory} />
        <DiagnosticsTable rows={snapshot.diagnostics} />
        <SaveBar local={local} actions={actions} />
      </main>
    </ProblemsContext.Provider>
  );
}
