import type { HandoffTarget } from '../../lib/rank/handoff-targets';
import type { TrailEntry } from '../../lib/model/trail';
import type { UserError } from '../../lib/model/user-error';
import { t, tData, tOr } from '../../platform/i18n';
import { ERROR_KIND_HINT_KEYS } from '../i18n-keys';
import { Trail } from './trail';

export interface ErrorPanelProps {
  error: UserError;
  /** The attempts behind an 'instances' error: shown as "what was tried". */
  trail?: TrailEntry[];
  onRetry?: () => void;
  onOpenOptions?: () => void;
  onDismiss?: () => void;
  /**
   * Web apps that can take the link instead: offered when no automatic instance could serve it
   * (an 'instances' or 'setup' error). Nothing opens until the user clicks one.
   */
  handoff?: {
    targets: HandoffTarget[];
    link: string;
    onOpen(frontend: string, link: string): void;
  };
}

/**
 * An error in plain words with what to do. Per class: content → nothing to retry; instances →
 * what was tried, and try again; setup → open the settings; input → check or paste the link.
 */
export function ErrorPanel({
  error,
  trail = [],
  onRetry,
  onOpenOptions,
  onDismiss,
  handoff,
}: ErrorPanelProps) {
  const { kind } = error;
  const offerWebApps =
    (kind === 'instances' || kind === 'setup') && handoff && handoff.targets.length > 0;
  const canRetry = (kind === 'instances' || kind === 'internal') && onRetry;
  return (
    <section class={`error error-${kind}`} role="alert" aria-labelledby="error-title">
      <h2 id="error-title">{tOr(error.titleKey, 'error_generic_title', error.params)}</h2>
      <p>{tOr(error.detailKey, 'error_generic_detail', error.params)}</p>
      <p class="hint">{tData(ERROR_KIND_HINT_KEYS[kind])}</p>
      {kind === 'instances' && trail.length > 0 && <Trail trail={trail} label={t('triedLabel')} />}
      {error.code && (
        <p class="muted code">
          {t('errorCode')} <code>{error.code}</code>
        </p>
      )}
      {offerWebApps && (
        <div class="handoff" role="group" aria-label={t('handoffLabel')}>
          <p class="hint">{t('handoffHint')}</p>
          {handoff.targets.map((target, i) => (
            <button
              key={target.frontend}
              type="button"
              class={i === 0 ? 'primary handoff-open' : 'handoff-open'}
              onClick={() => handoff.onOpen(target.frontend, handoff.link)}
            >
              {t('handoffOpen', [target.name])}
            </button>
          ))}
        </div>
      )}
      <div class="row">
        {canRetry && (
          <button type="button" class="primary" onClick={onRetry}>
            {t('actRetry')}
          </button>
        )}
        {kind === 'setup' && onOpenOptions && (
          <button type="button" class="primary" onClick={onOpenOptions}>
            {t('openSettings')}
          </button>
        )}
        {onDismiss && (
          <button type="button" onClick={onDismiss}>
            {t('actDismiss')}
          </button>
        )}
      </div>
    </section>
  );
}
