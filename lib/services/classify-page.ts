import type { PageInfo } from './page-info';
import { serviceOfSite } from './find-host-rule';
import { matchService } from './match-service';
import { domainNameOf, parseHttpUrl } from './parse-page-url';

/**
 * What the popup and the badge say about a tab: a link cobalt takes, a page of a cobalt service
 * that is not a media link (a home page, a channel, x.com/home), any other web page, or no web
 * page at all (no tab, chrome://, about:, file:).
 */
export function classifyPage(url: string | null | undefined): PageInfo {
  if (typeof url !== 'string') return { kind: 'none' };
  const parsed = parseHttpUrl(url);
  if (!parsed) return { kind: 'none' };
  const match = matchService(url);
  if (match) return { kind: 'supported', service: match.service, url: match.url };
  const hostname = domainNameOf(parsed);
  const service = hostname === null ? null : serviceOfSite(hostname);
  return service ? { kind: 'service-page', service } : { kind: 'unsupported' };
}
