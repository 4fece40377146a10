import type { CobaltResult } from '../cobalt/cobalt-result';
import type { TargetContext } from '../safety/download-target';
import { confineResult } from './confine-result';
import type { AcceptVerdict } from './run-fallback';
import { SUBMIT_CODES, submitError } from './submit-codes';

/**
 * runFallback's `acceptResult` for downloads (docs/rules.md "Results"): a result is usable only if the
 * extension can save it as-is. Anything else fails over, so another instance gets the chance to
 * serve a ready file:
 * - local-processing other than `proxy` needs muxing (merge, mute, audio, gif, remux), which
 *   the extension cannot do (docs/cobalt-api.md §3.4: tunnel[0] of a merge is video without sound);
 * - a download URL the instance may not name is refused (confine-result.ts and
 *   lib/safety/download-target.ts: not http(s), the user's network, another site's tunnel, a
 *   host the service does not serve media from);
 * - a picker with no item that passes has nothing to offer.
 */
export function acceptDeliverable(result: CobaltResult, target: TargetContext): AcceptVerdict {
  if (result.status === 'local-processing' && result.type !== 'proxy') {
    return { reject: submitError(SUBMIT_CODES.needsLocalProcessing, 'instance') };
  }
  const confined = confineResult(result, target);
  return confined.ok ? 'accept' : { reject: confined.error };
}
