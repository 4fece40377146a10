import { findHostRule } from './find-host-rule';
import { parsePageUrl } from './parse-page-url';
import { fillTemplate, matchFirst, matchPattern, type Captures } from './path-pattern';
import type { ServiceKey } from './service-key';
import type { CaptureLimit, HostRule, PathRewrite } from './service-spec';
import { SERVICE_TABLE } from './service-table';

/**
 * cobalt refuses request bodies over 1024 bytes (docs/cobalt-api.md §9 item 2); the body's other keys
 * (mode, quality, filename style…) need the rest.
 */
export const MAX_LINK_LENGTH = 900;

const DIGITS = /^\d+$/;

/** No pattern took the target: another form of it may still match. */
const UNMATCHED = 'unmatched';
/** A pattern took the target and cobalt would refuse it (bounds, length): final. */
const REFUSED = 'refused';
type Resolution = { link: string; rewritten: boolean } | typeof UNMATCHED | typeof REFUSED;

export interface ServiceMatch {
  service: ServiceKey;
  /** The link as it is sent to cobalt: https, no tracking, no user-info, port or hash. */
  url: string;
}

/**
 * Page or link URL → the cobalt service and the link to send, or null when cobalt would not
 * take it. Follows cobalt's own steps (docs/cobalt-api.md §5.1): clean the query down to the one parameter
 * the service needs, check the host, match the path against the service's patterns, then the
 * per-service length bounds. Never throws.
 */
export function matchService(url: string): ServiceMatch | null {
  const match = matchOnce(url);
  if (!match?.rewritten) return match && { service: match.service, url: match.url };
  // A rewrite fills its captures in as they were (`youtu.be/@x` → `watch?v=@x`); the link sent
  // is the form its own match gives (`watch?v=%40x`), so a sent link always maps to itself.
  // One more pass suffices: no rewrite's output is rewritten again.
  const again = matchOnce(match.url);
  return again?.service === match.service ? { service: again.service, url: again.url } : null;
}

function matchOnce(url: string): (ServiceMatch & { rewritten: boolean }) | null {
  const page = parsePageUrl(url);
  if (!page) return null;
  const found = findHostRule(page.hostname);
  if (!found) return null;
  const spec = SERVICE_TABLE[found.service];
  const path = withoutTrailingSlash(page.pathname).slice(1);
  const query = keptQuery(page.searchParams, found.rule.keep ?? spec.keep ?? []);
  // A kept parameter only counts where a pattern reads it (watch?v=); elsewhere it is dropped.
  const targets = query ? [`${path}?${query}`, path] : [path];
  for (const target of targets) {
    const resolved = resolveLink(found.service, found.rule, page.hostname, target);
    if (resolved === UNMATCHED) continue;
    if (resolved === REFUSED) return null;
    return { service: found.service, url: resolved.link, rewritten: resolved.rewritten };
  }
  return null;
}

/** cobalt drops one trailing slash before matching (§5.1 step 1.2). */
function withoutTrailingSlash(pathname: string): string {
  return pathname.endsWith('/') ? pathname.slice(0, -1) : pathname;
}

/** `name=value` of the kept parameters that have a value, encoded the way cobalt re-encodes them. */
function keptQuery(params: URLSearchParams, keep: readonly string[]): string {
  return keep
    .flatMap((name) => {
      const value = params.get(name);
      return value ? [`${name}=${encodeURIComponent(value)}`] : [];
    })
    .join('&');
}

function resolveLink(
  service: ServiceKey,
  rule: HostRule,
  hostname: string,
  target: string,
): Resolution {
  const spec = SERVICE_TABLE[service];
  let hostRule = rule;
  let host = rule.sendAs ?? hostname;
  let sent = target;
  const rewritten = rewrite([...(rule.rewrites ?? []), ...(spec.rewrites ?? [])], target);
  if (rewritten) {
    sent = rewritten.target;
    if (rewritten.host !== undefined) {
      const moved = findHostRule(rewritten.host);
      if (!moved || moved.service !== service) return REFUSED;
      hostRule = moved.rule;
      host = moved.rule.sendAs ?? rewritten.host;
    }
  }
  if (spec.notMedia && matchFirst(spec.notMedia, sent)) return REFUSED;
  const captures = matchFirst(hostRule.patterns ?? spec.patterns, sent);
  if (!captures) return UNMATCHED;
  // Like cobalt, only the first matching pattern is checked against the bounds.
  if (!withinLimits(captures, spec.limits)) return REFUSED;
  const link = new URL(`https://${host}/${sent}`).href;
  return link.length <= MAX_LINK_LENGTH ? { link, rewritten: rewritten !== null } : REFUSED;
}

function rewrite(
  rewrites: readonly PathRewrite[],
  target: string,
): { target: string; host: string | undefined } | null {
  for (const { from, to, host } of rewrites) {
    const captures = matchPattern(from, target);
    if (captures) return { target: fillTemplate(to, captures), host };
  }
  return null;
}

function withinLimits(captures: Captures, limits: Readonly<Record<string, CaptureLimit>>): boolean {
  return Object.entries(captures).every(([name, value]) => {
    const limit = limits[name];
    return limit === undefined || fits(value, limit);
  });
}

function fits(value: string, limit: CaptureLimit): boolean {
  return (
    value.length >= (limit.min ?? 1) &&
    value.length <= limit.max &&
    (!limit.digits || DIGITS.test(value))
  );
}
