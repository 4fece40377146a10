import { useState } from 'preact/hooks';
import type { InstanceView } from '../../lib/model/instance-view';
import type { ServiceKey } from '../../lib/services/service-key';
import { serviceLabel } from '../../lib/ui/service-label';
import { t } from '../../platform/i18n';
import { needsKey } from '../../lib/ui/needs-key';
import { InstanceRow } from './instance-row';
import type { InstanceTestState, PopupActions } from './popup-actions';

export interface InstanceListProps {
  service: ServiceKey;
  instances: InstanceView[];
  /** The page's link, for "Open in web app"; null when the page is not a media link. */
  link: string | null;
  tests: Record<string, InstanceTestState>;
  accessRefused: readonly string[];
  actions: Pick<PopupActions, 'pin' | 'block' | 'test' | 'openWebApp' | 'addKey' | 'allowAccess'>;
}

/**
 * How many usable instances show at once. The chain rarely goes past the first few (at most
 * settings.fallback.maxAttempts, default 5); the rest stay one click away.
 */
const SHOWN_INSTANCES = 5;

/**
 * The ranked instances for this service; the tail and excluded ones folded away with their reasons.
 * A fold's rows are rendered only once it has been opened: the excluded list alone can hold
 * ~150 rows (~2,500 elements) that the first frame never shows (docs/performance.md).
 */
export function InstanceList({
  service,
  instances,
  link,
  tests,
  accessRefused,
  actions,
}: InstanceListProps) {
  const [moreOpen, setMoreOpen] = useState(false);
  const [excludedOpen, setExcludedOpen] = useState(false);
  const usable = instances.filter((i) => !i.excluded);
  // Those waiting for a key stay in sight: the user can make them usable with one click.
  // (A blocked one stays folded away: the user said no to it.)
  const waitsForKey = (i: InstanceView) => needsKey(i) && !i.blocked;
  const keyless = instances.filter((i) => i.excluded && waitsForKey(i));
  // Excluded only for want of host access: one click makes them usable, so they are not folded away.
  const waiting = instances.filter((i) => i.excluded && !waitsForKey(i) && i.needsPermission);
  const excluded = instances.filter((i) => i.excluded && !waitsForKey(i) && !i.needsPermission);
  const row = (instance: InstanceView, rank: number | null) => (
    <InstanceRow
      key={instance.origin}
      instance={instance}
      rank={rank}
      test={tests[instance.origin]}
      link={link}
      refused={accessRefused.includes(instance.origin)}
      actions={actions}
    />
  );
  return (
    <section class="instances" aria-labelledby="instances-title">
      <h2 id="instances-title">{t('instancesTitle', [serviceLabel(service), usable.length])}</h2>
      {usable.length === 0 ? (
        <p class="muted">{t('instancesNone')}</p>
      ) : (
        <ol class="inst-list">
          {usable.slice(0, SHOWN_INSTANCES).map((instance, i) => row(instance, i + 1))}
        </ol>
      )}
      {usable.length > SHOWN_INSTANCES && (
        <details class="more" open={moreOpen} onToggle={(e) => setMoreOpen(e.currentTarget.open)}>
          <summary>{t('instancesMore', [usable.length - SHOWN_INSTANCES])}</summary>
          {moreOpen && (
            <ol class="inst-list" start={SHOWN_INSTANCES + 1}>
              {usable
                .slice(SHOWN_INSTANCES)
                .map((instance, i) => row(instance, i + SHOWN_INSTANCES + 1))}
            </ol>
          )}
        </details>
      )}
      {keyless.length > 0 && (
        <>
          <h3 id="needs-key-title">{t('instancesNeedKey', [keyless.length])}</h3>
          <ul class="inst-list" aria-labelledby="needs-key-title">
            {keyless.map((instance) => row(instance, null))}
          </ul>
        </>
      )}
      {waiting.length > 0 && (
        <>
          <h3 id="instances-waiting">{t('instancesNeedPermission', [waiting.length])}</h3>
          <ul class="inst-list" aria-labelledby="instances-waiting">
            {waiting.map((instance) => row(instance, null))}
          </ul>
        </>
      )}
      {excluded.length > 0 && (
        <details
          class="excluded"
          open={excludedOpen}
          onToggle={(e) => setExcludedOpen(e.currentTarget.open)}
        >
          <summary>{t('instancesExcluded', [excluded.length])}</summary>
          {excludedOpen && (
            <ul class="inst-list">{excluded.map((instance) => row(instance, null))}</ul>
          )}
        </details>
      )}
    </section>
  );
}
