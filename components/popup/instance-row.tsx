import type { InstanceView } from '../../lib/model/instance-view';
import type { RankReason } from '../../lib/model/rank-reason';
import { formatMs, hostOf, safeHttpUrl } from '../../lib/ui/format';
import { needsKey } from '../../lib/ui/needs-key';
import { serviceLabel } from '../../lib/ui/service-label';
import { trailMessageKey } from '../../lib/ui/trail-message';
import { t, tData, uiLocale } from '../../platform/i18n';
import { EFFECT_KEYS, TRUST_KEYS } from '../i18n-keys';
import type { InstanceTestState, PopupActions } from './popup-actions';

const EFFECT: Record<RankReason['effect'], { icon: string; cls: string }> = {
  '+': { icon: '+', cls: 'plus' },
  '-': { icon: '−', cls: 'minus' },
  '!': { icon: '!', cls: 'excl' },
  '=': { icon: '·', cls: 'info' },
};

export interface InstanceRowProps {
  instance: InstanceView;
  rank: number | null;
  test: InstanceTestState | undefined;
  /** The user was asked for host access to it and did not grant it. */
  refused?: boolean;
  /** The page's link, for "Open in web app"; null when there is none. */
  link?: string | null;
  actions: Pick<PopupActions, 'pin' | 'block' | 'test' | 'openWebApp' | 'addKey' | 'allowAccess'>;
}

function TestResult({ test }: { test: InstanceTestState | undefined }) {
  if (test === undefined) return null;
  if (test === 'running') return <p class="muted">{t('testRunning')}</p>;
  if (test === 'failed' || test.length === 0) return <p class="bad-text">{t('testUnavailable')}</p>;
  const locale = uiLocale();
  return (
    <ul class="tests">
      {test.map((r) => (
        <li key={r.service} class={r.ok ? 'ok-text' : 'bad-text'}>
          {r.ok
            ? t('testOk', [serviceLabel(r.service), formatMs(r.ms, locale)])
            : t('testFailed', [
                serviceLabel(r.service),
                tData(trailMessageKey({ outcome: 'failed', code: r.code ?? '' })),
              ])}
        </li>
      ))}
    </ul>
  );
}

/** One instance: where it ranks and why, and what the user can do with it. */
export function InstanceRow({
  instance,
  rank,
  test,
  link = null,
  refused = false,
  actions,
}: InstanceRowProps) {
  const host = hostOf(instance.origin);
  const web = safeHttpUrl(instance.frontend) ?? safeHttpUrl(instance.origin);
  const locale = uiLocale();
  return (
    <li class={`inst${instance.excluded ? ' inst-excluded' : ''}`}>
      <div class="inst-head">
        {rank !== null && <span class="rank">{rank}</span>}
        <strong class="inst-host">{host}</strong>
        {instance.pinned && <span class="tag tag-pin">{t('tagPinned')}</span>}
        {instance.blocked && <span class="tag tag-block">{t('tagBlocked')}</span>}
        <span class={`tag trust-${instance.trust}`}>{tData(TRUST_KEYS[instance.trust])}</span>
        {instance.needsPermission && (
          <span class="tag tag-permission">{t('tagNeedsPermission')}</span>
        )}
        <span class="muted small">
          {instance.version ?? t('versionUnknown')}
          {instance.latencyMs !== null && ` · ${formatMs(instance.latencyMs, locale)}`}
        </span>
        {instance.codebase !== null && (
          <span class="muted small inst-codebase">{t('codebaseOf', [instance.codebase])}</span>
        )}
      </div>
      {instance.reasons.length > 0 && (
        <ul class="reasons" aria-label={t('reasonsLabel', [host])}>
          {instance.reasons.map((reason, i) => {
            const effect = EFFECT[reason.effect];
            return (
              <li key={`${reason.key}-${i}`} class={`reason reason-${effect.cls}`}>
                <span aria-hidden="true">{effect.icon}</span>
                <span class="sr-only">{tData(EFFECT_KEYS[reason.effect])}:</span>{' '}
                {tData(reason.key, reason.params)}
              </li>
            );
          })}
        </ul>
      )}
      <div class="inst-actions" role="group" aria-label={t('actionsFor', [host])}>
        {instance.needsPermission && (
          <button
            type="button"
            class="primary"
            onClick={() => actions.allowAccess(instance.origin)}
          >
            {t('actAllowAccess')}
          </button>
        )}
        <button
          type="button"
          aria-pressed={instance.pinned}
          onClick={() => actions.pin(instance.origin, !instance.pinned)}
        >
          {instance.pinned ? t('actUnpin') : t('actPin')}
        </button>
        <button type="button" onClick={() => actions.block(instance.origin, !instance.blocked)}>
          {instance.blocked ? t('actUnblock') : t('actBlock')}
        </button>
        {!instance.excluded && (
          <button
            type="button"
            disabled={test === 'running'}
            onClick={() => actions.test(instance.origin)}
          >
            {t('actTest')}
          </button>
        )}
        {needsKey(instance) && (
          <button type="button" class="primary" onClick={() => actions.addKey(instance.origin)}>
            {t('actAddKey')}
          </button>
        )}
        {link && instance.frontend && !instance.blocked && (
          <button type="button" onClick={() => actions.openWebApp(instance.frontend!, link)}>
            {t('actOpenWebApp')}
          </button>
        )}
        {web && (
          <a href={web} target="_blank" rel="noopener noreferrer">
            {t('actOpenSite')}
          </a>
        )}
      </div>
      <div aria-live="polite">
        {refused && instance.needsPermission && (
          <p class="bad-text">{t('allowAccessRefused', [host])}</p>
        )}
        <TestResult test={test} />
      </div>
    </li>
  );
}
