import type { InstanceView } from '../model/instance-view';
import { REASON } from '../rank/reason-keys';

/**
 * The instance answered that a key is missing and the user has given it none
 * (lib/rank/check-filters.ts): the popup offers "Add a key" and keeps it in sight.
 */
export function needsKey(instance: InstanceView): boolean {
  return instance.reasons.some((reason) => reason.key === REASON.needsKey);
}
