import type { TrailEntry } from '../model/trail';
import { trailMessageKey as submitTrailMessageKey } from '../submit/trail-message-key';

export { TRAIL_MESSAGE_KEYS } from '../submit/trail-message-key';

/**
 * Plain-words reason (an i18n key) for one step of the fallback trail, or for a deep-test
 * result that carries only a code. lib/submit sets `messageKey` on every trail entry; the code
 * mapping is its own (lib/submit/trail-message-key.ts), re-used here so there is one table.
 */
export function trailMessageKey(
  entry: Pick<TrailEntry, 'outcome' | 'code' | 'messageKey'>,
): string {
  return entry.messageKey || submitTrailMessageKey(entry.outcome, entry.code || undefined);
}
