import type { JobView } from '../../lib/model/job-view';
import type { LocalProgress } from '../../lib/model/local-progress';
import { formatBytes, hostOf } from '../../lib/ui/format';
import { serviceLabel } from '../../lib/ui/service-label';
import { t, tData } from '../../platform/i18n';
import { MODE_KEYS } from '../mode-keys';
import { Trail } from './trail';

function percent(bytes: JobView['bytes']): number | null {
  if (!bytes || !bytes.total || bytes.total <= 0) return null;
  return Math.min(100, Math.round((bytes.received / bytes.total) * 100));
}

/**
 * The instance a broken download is being retried on: the job runs again after a step whose
 * download was not the file (lib/app/job-manager.ts), and this is the instance asked now.
 */
function retryingInstance(job: JobView): string | null {
  const broke = job.trail.some((s) => s.code?.startsWith('client.download.'));
  const asking = job.trail.findLast((s) => s.outcome === 'running');
  return broke && asking ? asking.origin : null;
}

/** One line per tunnel: "video: 1.2 MB of 3.4 MB". */
function TunnelBytes({ local }: { local: LocalProgress | undefined }) {
  if (local?.phase !== 'fetching') return null;
  const names =
    local.tunnels.length === 2 ? [t('localPartVideo'), t('localPartAudio')] : [t('localPartFile')];
  return (
    <ul class="files" aria-label={t('localParts')}>
      {local.tunnels.map((tunnel, index) => (
        <li key={index}>
          {tunnel.total === null
            ? t('localBytes', [names[index] ?? t('localPartFile'), formatBytes(tunnel.received)])
            : t('localBytesOf', [
                names[index] ?? t('localPartFile'),
                formatBytes(tunnel.received),
                formatBytes(tunnel.total),
              ])}
        </li>
      ))}
    </ul>
  );
}

/** Live state of a running / processing / downloading / finished job, with its fallback trail. */
export function JobProgress({ job, onCancel }: { job: JobView; onCancel: () => void }) {
  const attempts = job.trail.filter((s) => s.outcome !== 'skipped').length;
  // while fetching, the bytes per part are the progress; the bar counts the muxing
  const pct =
    job.state === 'downloading'
      ? percent(job.bytes)
      : job.local?.phase === 'muxing'
        ? job.local.percent
        : null;
  let text: string;
  switch (job.state) {
    case 'running': {
      const retryingOn = retryingInstance(job);
      text = retryingOn
        ? t('jobRetryingOn', [hostOf(retryingOn)])
        : t('jobRunning', [Math.max(1, attempts)]);
      break;
    }
    case 'processing':
      text =
        job.local?.phase === 'muxing'
          ? t('jobMuxing', [job.local.percent])
          : t('jobFetchingParts', [hostOf(job.servedBy ?? '')]);
      break;
    case 'downloading':
      text = job.servedBy ? t('jobDownloadingVia', [hostOf(job.servedBy)]) : t('jobDownloading');
      break;
    case 'done':
      text = job.servedBy ? t('jobDoneVia', [hostOf(job.servedBy)]) : t('jobDone');
      break;
    default:
      text = t('jobRunning', [Math.max(1, attempts)]);
  }
  const finished = job.state === 'done';
  return (
    <section class="job" aria-labelledby="job-title">
      <h2 id="job-title">
        {serviceLabel(job.service)} · {tData(MODE_KEYS[job.mode])}
      </h2>
      <p role="status" class={finished ? 'ok-text' : undefined}>
        {text}
      </p>
      {!finished && (
        <progress
          aria-label={t('progressLabel')}
          max={100}
          {...(pct === null ? {} : { value: pct })}
        />
      )}
      {job.state === 'processing' && <TunnelBytes local={job.local} />}
      {job.state === 'processing' && (
        <button type="button" onClick={onCancel}>
          {t('cancelButton')}
        </button>
      )}
      {finished && job.filenames.length > 0 && (
        <ul class="files" aria-label={t('savedFiles')}>
          {job.filenames.map((name) => (
            <li key={name}>{name}</li>
          ))}
        </ul>
      )}
      <Trail trail={job.trail} />
    </section>
  );
}
