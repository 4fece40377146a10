import type { ErrorClass } from '../cobalt/error-action';
import { recordOutcome } from '../health/record-outcome';
import type { DownloadEnd } from '../model/download-end';
import type { ServiceKey } from '../services/service-key';
import { judgeDownloadEnd, type DownloadVerdict } from '../submit/judge-download-end';
import type { EngineContext } from './engine-state';
import { changeHealth } from './health-changes';

/** Who handed over the file: the instance and the link's service (its health record's key). */
export interface ServedFile {
  origin: string | null;
  service: ServiceKey;
}

/**
 * What a single download (job-manager.ts) and a batch item (batch-manager.ts) both do when the
 * browser reports one of their files stopped (docs/rules.md "Downloads that break"): judge it
 * (lib/submit/judge-download-end.ts), remove whatever is not a saved file of media (a cancelled
 * download's partial file included: nothing half-made or wrong stays on the user's disk), and
 * hold a web page, an empty file or a broken transfer against the instance that served it. What
 * follows (retry elsewhere, fail, done) is the caller's.
 */
export async function judgeEnded(
  ctx: EngineContext,
  end: DownloadEnd,
  served: ServedFile,
): Promise<DownloadVerdict> {
  const verdict = judgeDownloadEnd(end);
  if (verdict.kind !== 'saved') await ctx.deps.discardDownload(end.id);
  if (verdict.kind === 'not-media' || verdict.kind === 'broken') blameServer(ctx, served, verdict);
  return verdict;
}

/**
 * The instance that handed over a web page or a tunnel that broke. A web page is its fault
 * (instance class: the escalating quarantine); a broken transfer may be the user's connection
 * as much as the instance, so it weighs as a transient failure (lib/health/record-outcome.ts).
 */
function blameServer(
  ctx: EngineContext,
  served: ServedFile,
  verdict: Extract<DownloadVerdict, { code: string }>,
): void {
  if (!served.origin) return;
  const errorClass: ErrorClass = verdict.kind === 'not-media' ? 'instance' : 'transient';
  const report = {
    origin: served.origin,
    service: served.service,
    outcome: { code: verdict.code, action: 'failover' as const, errorClass },
    now: ctx.deps.now(),
  };
  void changeHealth(ctx, (table) => recordOutcome(table, report));
}
