import type { CobaltResult } from '../cobalt/cobalt-result';
import { isSafeDownloadUrl } from '../safety/safe-download-url';
import type { AcceptVerdict } from './run-fallback';
import { SUBMIT_CODES, submitError } from './submit-codes';

/**
 * runFallback's `acceptResult` for downloads (docs/rules.md "Results"): a result is usable only if the
 * extension can save it as-is. Anything else fails over, so another instance gets the chance to
 * serve a ready file:
 * - local-processing other than `proxy` needs muxing (merge, mute, audio, gif, remux), which
 *   the extension cannot do (docs/cobalt-api.md §3.4: tunnel[0] of a merge is video without sound);
 * - a download URL that is not http(s) is refused (a broken or hostile instance);
 * - a picker with no safe item has nothing to offer.
 */
export function acceptDeliverable(result: CobaltResult): AcceptVerdict {
  switch (result.status) {
    case 'tunnel':
    case 'redirect':
      return isSafeDownloadUrl(result.url) ? 'accept' : unsafe();
    case 'local-processing': {
      if (result.type !== 'proxy') {
        return { reject: submitError(SUBMIT_CODES.needsLocalProcessing, 'instance') };
      }
      const file = result.tunnel[0];
      return file !== undefined && isSafeDownloadUrl(file) ? 'accept' : unsafe();
    }
    case 'picker':
      return result.items.some((item) => isSafeDownloadUrl(item.url)) ? 'accept' : unsafe();
  }
}

function unsafe(): AcceptVerdict {
  return { reject: submitError(SUBMIT_CODES.unsafeUrl, 'instance') };
}
