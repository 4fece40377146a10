import type { InstanceView } from '../../lib/messages/protocol';
import type { ServiceKey } from '../../lib/services/service-key';
import { serviceLabel } from '../../lib/ui/service-label';
import { t } from '../i18n';
import { InstanceRow } from './instance-row';
import type { InstanceTestState, PopupActions } from './popup-actions';

export interface InstanceListProps {
  service: ServiceKey;
  instances: InstanceView[];
  tests: Record<string, InstanceTestState>;
  actions: Pick<PopupActions, 'pin' | 'block' | 'test'>;
}

/** The ranked instances for this service; excluded ones folded away with their reasons. */
export function InstanceList({ service, instances, tests, actions }: InstanceListProps) {
  const usable = instances.filter((i) => !i.excluded);
  const excluded = instances.filter((i) => i.excluded);
  return (
    <section class="instances" aria-labelledby="instances-title">
      <h2 id="instances-title">{t('instancesTitle', [serviceLabel(service), usable.length])}</h2>
      {usable.length === 0 ? (
        <p class="muted">{t('instancesNone')}</p>
      ) : (
        <ol class="inst-list">
          {usable.map((instance, i) => (
            <InstanceRow
              key={instance.origin}
              instance={instance}
              rank={i + 1}
              test={tests[instance.origin]}
              actions={actions}
            />
          ))}
        </ol>
      )}
      {excluded.length > 0 && (
        <details class="excluded">
          <summary>{t('instancesExcluded', [excluded.length])}</summary>
          <ul class="inst-list">
            {excluded.map((instance) => (
              <InstanceRow
                key={instance.origin}
                instance={instance}
                rank={null}
                test={tests[instance.origin]}
                actions={actions}
              />
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
