import type { HandoffTarget } from '../model/handoff-target';
import type { RankedEntry } from './ranked-entry';
import { REASON } from './reason-keys';
import type { ServiceKey } from '../services/service-key';

export type { HandoffTarget };

/**
 * Exclusions that stop the extension from using an API but not a person from using the web app:
 * a Turnstile check (solved by the user in the web app, never by us), an official API that
 * wants a key, and a quarantine earned through the API. Every other rule (blocked, not safe,
 * offline, trust policy, the service off or failing there) still rules the instance out.
 */
const WEB_APP_OK = new Set<string>([REASON.turnstile, REASON.officialNeedsKey, REASON.quarantined]);

/** How many web apps the popup offers at most. */
const MAX_HANDOFF_TARGETS = 3;

/**
 * The web apps to offer for a service when no automatic instance can serve the link: trusted
 * instances with a frontend, Turnstile-gated included, best first: the tracker's test for this
 * service passed, then the rank score (the tracker's score for excluded ones). One per web app
 * (the official APIs share cobalt.tools).
 */
export function handoffTargets(
  ranked: readonly RankedEntry[],
  service: ServiceKey,
  limit = MAX_HANDOFF_TARGETS,
): HandoffTarget[] {
  const candidates = ranked.filter(
    (entry) =>
      entry.instance.frontend !== null &&
      entry.reasons.every((reason) => reason.effect !== '!' || WEB_APP_OK.has(reason.key)),
  );
  const testPassed = (entry: RankedEntry) => entry.instance.services[service]?.ok === true;
  const score = (entry: RankedEntry) => entry.score ?? entry.instance.score ?? 0;
  candidates.sort(
    (a, b) =>
      Number(testPassed(b)) - Number(testPassed(a)) ||
      score(b) - score(a) ||
      a.origin.localeCompare(b.origin),
  );
  const seen = new Set<string>();
  const targets: HandoffTarget[] = [];
  for (const entry of candidates) {
    const frontend = entry.instance.frontend!;
    if (seen.has(frontend)) continue;
    seen.add(frontend);
    targets.push({ origin: entry.origin, frontend, name: new URL(frontend).host });
    if (targets.length >= limit) break;
  }
  return targets;
}
