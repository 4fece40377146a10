import type { JobView } from '../../lib/model/job-view';
import type { PopupSnapshot } from '../../lib/model/snapshots';
import type { UserError } from '../../lib/model/user-error';
import { t, tData } from '../../platform/i18n';
import { DownloadControls } from './download-controls';
import { ErrorPanel } from './error-panel';
import { InstanceList } from './instance-list';
import { JobProgress } from './job-progress';
import { PageHeader } from './page-header';
import { PickerGrid } from './picker-grid';
import type { PopupActions, PopupLocal } from './popup-actions';
import { RecentList } from './recent-list';
import { UnsupportedPanel } from './unsupported-panel';

export interface AppProps {
  /** null until the first snapshot arrives. */
  snapshot: PopupSnapshot | null;
  local: PopupLocal;
  actions: PopupActions;
}

const LOAD_FAILED: UserError = {
  kind: 'internal',
  titleKey: 'error_no_answer_title',
  detailKey: 'error_no_answer_detail',
};

const JOB_FAILED: UserError = {
  kind: 'internal',
  titleKey: 'error_generic_title',
  detailKey: 'error_generic_detail',
};

function isActive(job: JobView | null): boolean {
  return (
    job !== null &&
    (job.state === 'running' ||
      job.state === 'processing' ||
      job.state === 'downloading' ||
      job.state === 'picker')
  );
}

function Job({ job, actions }: { job: JobView; actions: PopupActions }) {
  if (job.state === 'picker' && job.picker) {
    return (
      <PickerGrid items={job.picker.items} hasAudio={job.picker.hasAudio} onPick={actions.pick} />
    );
  }
  if (job.state === 'failed') {
    return (
      <ErrorPanel
        error={job.error ?? JOB_FAILED}
        trail={job.trail}
        onRetry={actions.retry}
        onOpenOptions={actions.openOptions}
      />
    );
  }
  return <JobProgress job={job} onCancel={actions.cancel} />;
}

function Notices({ snapshot }: { snapshot: PopupSnapshot }) {
  const notices = [
    ...(snapshot.usingBundled ? [{ key: 'noticeBundled' }] : []),
    ...snapshot.notices,
  ] as { key: string; params?: string[] }[];
  if (notices.length === 0) return null;
  return (
    <ul class="notices" role="status">
      {notices.map((n, i) => (
        <li key={`${n.key}-${i}`} class="notice">
          {tData(n.key, n.params)}
        </li>
      ))}
    </ul>
  );
}

/**
 * The popup: a pure view of one background snapshot plus local UI state. The first frame is
 * drawn from the snapshot (main.tsx waits briefly for it); "loading" shows only if it is late.
 */
export function App({ snapshot, local, actions }: AppProps) {
  if (!snapshot) {
    return (
      <main class="popup">
        {local.loadFailed ? (
          <ErrorPanel error={LOAD_FAILED} onRetry={actions.reload} />
        ) : (
          <p class="loading" role="status" aria-live="polite">
            {t('loading')}
          </p>
        )}
      </main>
    );
  }

  const { page, job } = snapshot;
  const service =
    page.kind === 'supported' || page.kind === 'service-page'
      ? page.service
      : (job?.service ?? null);
  const busy = local.starting || isActive(job);

  if (local.jobPage) {
    return (
      <main class="popup popup-page">
        <h1>{t('extName')}</h1>
        {job ? <Job job={job} actions={actions} /> : <p class="muted">{t('jobGone')}</p>}
        <RecentList recent={snapshot.recent} now={local.now} />
      </main>
    );
  }

  return (
    <main class="popup">
      <PageHeader page={page} onOpenOptions={actions.openOptions} />
      <Notices snapshot={snapshot} />
      {local.startError && (
        <ErrorPanel
          error={local.startError}
          onRetry={actions.retry}
          onOpenOptions={actions.openOptions}
          onDismiss={actions.dismissError}
        />
      )}
      {local.actionError && !local.startError && (
        <ErrorPanel
          error={local.actionError}
          onOpenOptions={actions.openOptions}
          onDismiss={actions.dismissError}
        />
      )}
      {job && <Job job={job} actions={actions} />}
      {job?.state === 'picker' ? null : page.kind === 'supported' ? (
        <DownloadControls
          defaultMode={snapshot.defaultMode}
          pasteLink={false}
          busy={busy}
          onStart={actions.start}
        />
      ) : (
        <>
          <UnsupportedPanel page={page} supportedServices={snapshot.supportedServices} />
          <DownloadControls
            defaultMode={snapshot.defaultMode}
            pasteLink
            busy={busy}
            onStart={actions.start}
          />
        </>
      )}
      {service && snapshot.instances.length > 0 && (
        <InstanceList
          service={service}
          instances={snapshot.instances}
          tests={local.tests}
          accessRefused={local.accessRefused}
          actions={actions}
        />
      )}
      <RecentList recent={snapshot.recent} now={local.now} />
    </main>
  );
}
