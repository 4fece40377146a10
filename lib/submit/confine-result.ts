import type { CobaltResult } from '../cobalt/cobalt-result';
import type { ClassifiedError } from '../cobalt/error-action';
import {
  checkDownloadTarget,
  checkLocalProcessingTunnel,
  type TargetContext,
  type TargetRefusal,
} from '../safety/download-target';
import { SUBMIT_CODES, submitError } from './submit-codes';

export type ConfinedResult =
  { ok: true; result: CobaltResult } | { ok: false; error: ClassifiedError };

const REFUSAL_CODES = {
  unsafe: SUBMIT_CODES.unsafeUrl,
  'local-network': SUBMIT_CODES.targetLocalNetwork,
  port: SUBMIT_CODES.targetPort,
  'foreign-tunnel': SUBMIT_CODES.targetForeignTunnel,
  'not-media-host': SUBMIT_CODES.targetNotMediaHost,
} as const satisfies Record<TargetRefusal, string>;

/** A refused target is the instance's fault (instance-class): the chain moves on and health records it. */
function refusalError(reason: TargetRefusal): ClassifiedError {
  return submitError(REFUSAL_CODES[reason], 'instance');
}

/**
 * Holds an instance's answer to the target policy (lib/safety/download-target.ts) and keeps
 * only what passes: a tunnel, redirect or any local-processing tunnel that fails refuses the
 * whole answer; a picker keeps the items that pass (none left refuses it), and loses a
 * thumbnail or audio track that fails (the grid shows a placeholder; no audio is offered).
 * The confined result is what the job stores and the popup shows, so nothing refused is ever
 * fetched, shown or handed to the downloads API.
 */
export function confineResult(result: CobaltResult, ctx: TargetContext): ConfinedResult {
  switch (result.status) {
    case 'tunnel':
    case 'redirect': {
      const verdict = checkDownloadTarget(result.url, result.status, ctx);
      return verdict.ok ? { ok: true, result } : { ok: false, error: refusalError(verdict.reason) };
    }
    case 'local-processing': {
      if (result.tunnel.length === 0) return { ok: false, error: refusalError('unsafe') };
      for (const tunnel of result.tunnel) {
        const verdict = checkLocalProcessingTunnel(tunnel, ctx);
        if (!verdict.ok) return { ok: false, error: refusalError(verdict.reason) };
      }
      return { ok: true, result };
    }
    case 'picker': {
      let firstRefusal: TargetRefusal = 'unsafe';
      const items = result.items.flatMap((item) => {
        const verdict = checkDownloadTarget(item.url, 'picker-item', ctx);
        if (!verdict.ok) {
          if (firstRefusal === 'unsafe') firstRefusal = verdict.reason;
          return [];
        }
        const thumb =
          item.thumb !== null && checkDownloadTarget(item.thumb, 'thumbnail', ctx).ok
            ? item.thumb
            : null;
        return [{ ...item, thumb }];
      });
      if (items.length === 0) return { ok: false, error: refusalError(firstRefusal) };
      const audio =
        result.audio !== null && checkDownloadTarget(result.audio, 'picker-audio', ctx).ok
          ? result.audio
          : null;
      return { ok: true, result: { ...result, items, audio } };
    }
  }
}
