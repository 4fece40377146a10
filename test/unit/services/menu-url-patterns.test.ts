import { deepTestLink, matchService, menuUrlPatterns, SERVICE_KEYS } from '../../../lib/services';
import { SERVICE_TABLE } from '../../../lib/services/service-table';
import { EQUIVALENT_FORMS, SUPPORTED_LINKS } from './link-fixtures';

/**
 * WebExtension match-pattern grammar (MDN "Match patterns"): scheme `*`, http or https here; host
 * `*`, `*.` + name, or a name, never a port; a path starting with `/`.
 */
const MATCH_PATTERN = /^(\*|https?):\/\/(\*|(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)+)\/.*$/;

/** How a browser applies a pattern to a URL (host and scheme: every pattern here ends in `/*`). */
function covers(pattern: string, url: string): boolean {
  const [, scheme = '', host = ''] = /^([^:]+):\/\/([^/]+)\//.exec(pattern) ?? [];
  const target = new URL(url);
  const schemeOk =
    scheme === '*'
      ? ['http:', 'https:'].includes(target.protocol)
      : `${scheme}:` === target.protocol;
  const hostOk = host.startsWith('*.')
    ? target.hostname === host.slice(2) || target.hostname.endsWith(host.slice(1))
    : target.hostname === host;
  return schemeOk && hostOk;
}

const patterns = menuUrlPatterns();
const coveredByAny = (url: string): boolean => patterns.some((pattern) => covers(pattern, url));

describe('menuUrlPatterns', () => {
  it.each(patterns)('%s is a valid match pattern', (pattern) => {
    expect(pattern).toMatch(MATCH_PATTERN);
  });

  it('has no duplicates and returns a fresh copy', () => {
    expect(new Set(patterns).size).toBe(patterns.length);
    menuUrlPatterns().pop();
    expect(menuUrlPatterns()).toEqual(patterns);
  });

  const tableHosts = SERVICE_KEYS.flatMap((service) =>
    SERVICE_TABLE[service].hosts.flatMap((rule) =>
      rule.subdomains === '*'
        ? [rule.domain, `any.sub.${rule.domain}`]
        : rule.subdomains.map((sub) => (sub ? `${sub}.${rule.domain}` : rule.domain)),
    ),
  );
  it.each(tableHosts)('covers the table host %s', (host) => {
    expect(coveredByAny(`https://${host}/x`)).toBe(true);
  });

  it.each(
    [...SUPPORTED_LINKS, ...EQUIVALENT_FORMS]
      .map(([input]) => input)
      .filter((input) => !new URL(input).hostname.endsWith('.')),
  )('covers the accepted link %j', (input) => {
    expect(coveredByAny(input)).toBe(true);
  });

  it.each(SERVICE_KEYS)('covers the deep-test link of %s', (service) => {
    expect(coveredByAny(deepTestLink(service))).toBe(true);
  });

  it.each(SERVICE_KEYS.flatMap((service) => [matchService(deepTestLink(service))?.url ?? '']))(
    'covers the sent link %s',
    (url) => {
      expect(coveredByAny(url)).toBe(true);
    },
  );

  it.each([
    'https://youtube.com.evil.example/watch?v=vPwaXytZcgI',
    'https://evilyoutube.com/watch?v=vPwaXytZcgI',
    'https://youtube.co.uk/watch?v=vPwaXytZcgI',
    'https://studio.youtube.com/',
    'https://redd.it/abc123',
    'https://example.com/',
    'ftp://youtube.com/watch?v=vPwaXytZcgI',
  ])('does not cover %s', (url) => {
    expect(coveredByAny(url)).toBe(false);
  });
});
