import type { TrailEntry } from '../../lib/model/trail';
import { formatMs, hostOf } from '../../lib/ui/format';
import { trailMessageKey } from '../../lib/ui/trail-message';
import { t, tData, tOr, uiLocale } from '../../platform/i18n';
import { OUTCOME_KEYS } from '../i18n-keys';

const ICON: Record<TrailEntry['outcome'], string> = {
  running: '…',
  ok: '✓',
  failed: '✗',
  skipped: '↷',
  cancelled: '–',
};

/** The fallback trail: each instance tried, in order, with what happened ("A: rate limited → B: ok"). */
export function Trail({ trail, label }: { trail: TrailEntry[]; label?: string }) {
  if (trail.length === 0) return null;
  const locale = uiLocale();
  return (
    <ol class="trail" aria-label={label ?? t('trailLabel')}>
      {trail.map((entry, i) => (
        <li key={`${entry.origin}-${i}`} class={`step step-${entry.outcome}`}>
          <span class="step-icon" aria-hidden="true">
            {ICON[entry.outcome]}
          </span>
          <span class="sr-only">{tData(OUTCOME_KEYS[entry.outcome])}:</span>
          <span class="step-host">{hostOf(entry.origin)}</span>
          <span class="step-msg">
            {tOr(entry.messageKey, trailMessageKey({ ...entry, messageKey: undefined }))}
          </span>
          {entry.outcome !== 'running' && <span class="step-ms">{formatMs(entry.ms, locale)}</span>}
        </li>
      ))}
    </ol>
  );
}
