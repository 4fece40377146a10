import type { UserError } from '../model/user-error';
import { handoffTargets } from '../rank/handoff-targets';
import type { RankedEntry } from '../rank/ranked-entry';
import { matchService } from '../services';
import type { ServiceKey } from '../services/service-key';
import { webAppUrl } from '../ui/web-app-url';
import type { Job } from './job';

/** Where one click hands a link to: the best web app for its service (rank/handoff-targets.ts). */
export interface WebAppHandoff {
  /** `<frontend>/#<encoded link>` (lib/ui/web-app-url.ts). */
  url: string;
  /** The web app's name, for "Open in <name>'s web app". */
  name: string;
}

/** The errors after which no automatic instance can serve the link (as the popup's ErrorPanel). */
export function offersHandoff(error: UserError | null): boolean {
  return error?.kind === 'instances' || error?.kind === 'setup';
}

/** The best web app for a link of `service`; null when none is known or the link is not http(s). */
export function handoffFor(
  ranked: readonly RankedEntry[],
  service: ServiceKey,
  link: string,
): WebAppHandoff | null {
  const [target] = handoffTargets(ranked, service, 1);
  if (!target) return null;
  const url = webAppUrl(target.frontend, link);
  return url === null ? null : { url, name: target.name };
}

/** A failed job's hand-off (the failure notification): only when no instance could serve it. */
export function handoffForJob(
  job: Job | undefined,
  rankFor: (service: ServiceKey) => RankedEntry[],
): WebAppHandoff | null {
  if (!job || job.state !== 'failed' || !offersHandoff(job.error)) return null;
  return handoffFor(rankFor(job.service), job.service, job.url);
}

/** A link from the context menu: its service's best web app, for the normalised link. */
export function handoffForLink(
  link: string,
  rankFor: (service: ServiceKey) => RankedEntry[],
): WebAppHandoff | null {
  const match = matchService(link);
  return match ? handoffFor(rankFor(match.service), match.service, match.url) : null;
}
