import type { JobView } from '../../lib/model/job-view';
import type { PopupSnapshot } from '../../lib/model/snapshots';
import type { UserError } from '../../lib/model/user-error';
import { formatRelative } from '../../lib/ui/format';
import { t, tData, uiLocale } from '../../platform/i18n';
import { formatIsoDay } from '../../lib/ui/format-iso-day';
import { DownloadControls } from './download-controls';
import { PageHeader } from './page-header';
import { lazyPanel } from './lazy-panel';
import type { PopupActions, PopupLocal } from './popup-actions';

// Below the Download button, or shown later or rarely: each loads on first use (lazy-panel.tsx),
// so the header and the button are in the first frame.
const InstanceList = lazyPanel(() => import('./instance-list').then((m) => m.InstanceList));
const UnsupportedPanel = lazyPanel(() =>
  import('./unsupported-panel').then((m) => m.UnsupportedPanel),
);
const RecentList = lazyPanel(() => import('./recent-list').then((m) => m.RecentList));
const PickerGrid = lazyPanel(() => import('./picker-grid').then((m) => m.PickerGrid));
const ErrorPanel = lazyPanel(() => import('./error-panel').then((m) => m.ErrorPanel));
const JobProgress = lazyPanel(() => import('./job-progress').then((m) => m.JobProgress));
const BatchPanel = lazyPanel(() => import('./batch-panel').then((m) => m.BatchPanel));
const BatchAsk = lazyPanel(() => import('./batch-ask').then((m) => m.BatchAsk));

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

/** What the error panel needs to offer the web apps, when there is a link to hand over. */
function handoffFor(
  snapshot: PopupSnapshot,
  link: string | null | undefined,
  actions: PopupActions,
) {
  if (!link || snapshot.handoff.length === 0) return undefined;
  return { targets: snapshot.handoff, link, onOpen: actions.openWebApp };
}

function pageLink(snapshot: PopupSnapshot): string | null {
  return snapshot.page.kind === 'supported' ? snapshot.page.url : null;
}

function Job({
  job,
  snapshot,
  actions,
}: {
  job: JobView;
  snapshot: PopupSnapshot;
  actions: PopupActions;
}) {
  if (job.state === 'picker' && job.picker) {
    return (
      <PickerGrid
        items={job.picker.items}
        hasAudio={job.picker.hasAudio}
        onPick={actions.pick}
        onPickAll={actions.pickAll}
      />
    );
  }
  if (job.state === 'failed') {
    return (
      <ErrorPanel
        error={job.error ?? JOB_FAILED}
        trail={job.trail}
        onRetry={actions.retry}
        onOpenOptions={actions.openOptions}
        handoff={handoffFor(snapshot, job.url ?? pageLink(snapshot), actions)}
      />
    );
  }
  return <JobProgress job={job} onCancel={actions.cancel} />;
}

/** "Instance list from <date> (bundled)" while the bundled snapshot is what the ranking uses. */
function bundledNotice(date: string | null): { key: string; params?: string[] } {
  return date
    ? { key: 'noticeBundledFrom', params: [formatIsoDay(date, uiLocale())] }
    : { key: 'noticeBundled' };
}

function Notices({ snapshot }: { snapshot: PopupSnapshot }) {
  const notices = [
    ...(snapshot.usingBundled ? [bundledNotice(snapshot.bundledDate)] : []),
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
        {job ? (
          <Job job={job} snapshot={snapshot} actions={actions} />
        ) : (
          <p class="muted">{t('jobGone')}</p>
        )}
        {snapshot.batch && (
          <BatchPanel
            batch={snapshot.batch}
            onRetry={actions.batchRetry}
            onCancel={actions.batchCancel}
          />
        )}
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
          handoff={handoffFor(snapshot, pageLink(snapshot), actions)}
        />
      )}
      {local.actionError && !local.startError && (
        <ErrorPanel
          error={local.actionError}
          onOpenOptions={actions.openOptions}
          onDismiss={actions.dismissError}
        />
      )}
      {local.ask && (
        <BatchAsk
          asked={local.ask.asked}
          onAnswer={(again) => {
            const { ask } = local;
            if (ask) void actions.startBatch(ask.mode, ask.text, again);
          }}
          onDismiss={actions.dismissAsk}
        />
      )}
      {snapshot.downloadedBefore && !job && (
        <p class="notice" role="note">
          {t('downloadedBeforeNote', [
            formatRelative(snapshot.downloadedBefore.at, local.now, uiLocale()),
          ])}
        </p>
      )}
      {job && <Job job={job} snapshot={snapshot} actions={actions} />}
      {job?.state === 'picker' ? null : page.kind === 'supported' ? (
        <DownloadControls
          defaultMode={snapshot.defaultMode}
          pasteLink={false}
          askAgain={snapshot.downloadedBefore?.askFirst ?? false}
          busy={busy}
          onStart={actions.start}
          onStartBatch={(mode, text) => actions.startBatch(mode, text, null)}
        />
      ) : (
        <>
          <UnsupportedPanel page={page} supportedServices={snapshot.supportedServices} />
          <DownloadControls
            defaultMode={snapshot.defaultMode}
            pasteLink
            preview={actions.previewLinks}
            busy={busy}
            onStart={actions.start}
            onStartBatch={(mode, text) => actions.startBatch(mode, text, null)}
          />
        </>
      )}
      {service && snapshot.instances.length > 0 && (
        <InstanceList
          service={service}
          link={pageLink(snapshot)}
          instances={snapshot.instances}
          tests={local.tests}
          accessRefused={local.accessRefused}
          actions={actions}
        />
      )}
      {snapshot.batch && (
        <BatchPanel
          batch={snapshot.batch}
          onRetry={actions.batchRetry}
          onCancel={actions.batchCancel}
        />
      )}
      <RecentList recent={snapshot.recent} now={local.now} />
    </main>
  );
}
