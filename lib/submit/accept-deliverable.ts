import type { CobaltResult } from '../cobalt/cobalt-result';
import { planForResult } from '../mux/local-plan';
import type { TargetContext } from '../safety/download-target';
import type { LocalProcessing } from '../settings/schema';
import { confineResult } from './confine-result';
import type { AcceptVerdict } from './run-fallback';
import { SUBMIT_CODES, submitError } from './submit-codes';

const UNSUPPORTED_CODES = {
  'needs-encoding': SUBMIT_CODES.localNeedsEncoding,
  hls: SUBMIT_CODES.localHls,
  container: SUBMIT_CODES.localUnsupported,
  'bad-answer': SUBMIT_CODES.localUnsupported,
} as const;

/**
 * runFallback's `acceptResult` for downloads (docs/rules.md "Results"): a result is usable only if
 * the extension can save it, as-is or after muxing it on the device (docs/local-processing.md).
 * Anything else fails over, so another instance gets the chance to serve it:
 * - local-processing other than `proxy` needs muxing: with "Processing on this device" off it
 *   fails over as before; otherwise `merge`, `mute` and `remux` are accepted, while `audio` and
 *   `gif` (they need an encoder), HLS tunnels and containers the muxer does not write fail over
 *   with their own code, which the trail says in plain words (trail-message-key.ts);
 * - a download URL the instance may not name is refused (confine-result.ts and
 *   lib/safety/download-target.ts: not http(s), the user's network, another site's tunnel, a
 *   host the service does not serve media from);
 * - a picker with no item that passes has nothing to offer.
 */
export function acceptDeliverable(
  result: CobaltResult,
  target: TargetContext,
  localProcessing: LocalProcessing,
): AcceptVerdict {
  if (result.status === 'local-processing' && result.type !== 'proxy') {
    if (localProcessing === 'off') {
      return { reject: submitError(SUBMIT_CODES.needsLocalProcessing, 'instance') };
    }
    const plan = planForResult(result);
    if (plan.kind === 'unsupported') {
      return { reject: submitError(UNSUPPORTED_CODES[plan.reason], 'instance') };
    }
  }
  const confined = confineResult(result, target);
  return confined.ok ? 'accept' : { reject: confined.error };
}
