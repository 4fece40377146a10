import type { BATCH_REASON_KEYS } from '../../lib/batch/batch-queue';
import type { BatchItem } from '../../lib/model/batch-item';
import type { BatchView } from '../../lib/model/batch-view';
import { hostOf } from '../../lib/ui/format';
import { serviceLabel } from '../../lib/ui/service-label';
import { t, tOr } from '../../platform/i18n';
import { BATCH_STATE_KEYS } from '../i18n-keys';

/** Type-checked against lib/batch/batch-queue.ts: a skip the user may undo ("download again"). */
const SKIPPED_BEFORE: (typeof BATCH_REASON_KEYS)['skippedBefore'] = 'batchSkippedBefore';

export interface BatchPanelProps {
  batch: BatchView;
  onRetry(id: string): void;
  /** One item, or every waiting and running one (null). */
  onCancel(id: string | null): void;
}

/** The queue of a batch: counts, each link with its state, retry and cancel. */
export function BatchPanel({ batch, onRetry, onCancel }: BatchPanelProps) {
  const { counts } = batch;
  const active = counts.waiting + counts.running > 0;
  return (
    <section class="batch" aria-labelledby="batch-title">
      <div class="batch-head">
        <h2 id="batch-title">{t('batchTitle')}</h2>
        {active && (
          <button type="button" class="link" onClick={() => onCancel(null)}>
            {t('batchCancelAll')}
          </button>
        )}
      </div>
      <p class="batch-counts" role="status" aria-live="polite">
        {t('batchCounts', [
          String(counts.done),
          String(counts.failed),
          String(counts.waiting + counts.running),
          String(counts.skipped),
        ])}
      </p>
      <ol class="batch-items">
        {batch.items.map((item) => (
          <BatchRow key={item.id} item={item} onRetry={onRetry} onCancel={onCancel} />
        ))}
      </ol>
    </section>
  );
}

function BatchRow({
  item,
  onRetry,
  onCancel,
}: {
  item: BatchItem;
  onRetry(id: string): void;
  onCancel(id: string | null): void;
}) {
  const what = item.filename ?? item.url;
  return (
    <li class={`batch-item batch-${item.state}`} data-state={item.state}>
      <span class="batch-what" title={item.url}>
        {what}
      </span>
      <span class="muted small">
        {serviceLabel(item.service)}
        {' · '}
        <span class="batch-state">{t(BATCH_STATE_KEYS[item.state])}</span>
        {item.servedBy && item.state === 'done' && ` · ${t('recentVia', [hostOf(item.servedBy)])}`}
        {item.reason && ` · ${tOr(item.reason, 'error_generic_title')}`}
      </span>
      {(item.state === 'failed' || item.state === 'skipped') && (
        <button
          type="button"
          class="link"
          aria-label={t('batchRetryLabel', [item.url])}
          onClick={() => onRetry(item.id)}
        >
          {item.reason === SKIPPED_BEFORE ? t('batchDownloadAgain') : t('batchRetry')}
        </button>
      )}
      {(item.state === 'waiting' || item.state === 'running') && (
        <button
          type="button"
          class="link"
          aria-label={t('batchCancelLabel', [item.url])}
          onClick={() => onCancel(item.id)}
        >
          {t('batchCancel')}
        </button>
      )}
    </li>
  );
}
