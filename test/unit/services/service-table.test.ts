import {
  deepTestLink,
  matchService,
  SERVICE_KEYS,
  serviceFromName,
  type ServiceKey,
} from '../../../lib/services';
import { serviceLabel } from '../../../lib/ui/service-label';
import { findHostRule } from '../../../lib/services/find-host-rule';
import type { PathPattern } from '../../../lib/services/path-pattern';
import { SERVICE_TABLE } from '../../../lib/services/service-table';
import { EQUIVALENT_FORMS, SUPPORTED_LINKS } from './link-fixtures';

const MIN_FIXTURES_PER_SERVICE = 3;

/**
 * cobalt.directory `backend/tests.json` (2026-03-30, docs/cobalt-api.md §6.4,
 * test/fixtures/tracker-samples/cobalt-directory_tests-json_2026-03-30.json) plus CobaltTester's loom test.
 * "YouTube Music" and "YouTube Shorts" are secondary tests of `youtube`.
 */
const TRACKER_TESTS: readonly [name: string, link: string][] = [
  ['YouTube', 'https://www.youtube.com/watch?v=vPwaXytZcgI'],
  ['TikTok', 'https://www.tiktok.com/@fatfatmillycat/video/7195741644585454894'],
  ['Instagram', 'https://www.instagram.com/p/CmCVWoIr9OH/'],
  ['Twitter', 'https://twitter.com/X/status/1697304622749086011'],
  [
    'Reddit',
    'https://www.reddit.com/r/TikTokCringe/comments/wup1fg/id_be_escaping_at_the_first_chance_i_got/',
  ],
  ['SoundCloud', 'https://soundcloud.com/l2share77/loona-butterfly'],
  ['BiliBili', 'https://www.bilibili.com/video/BV18i4y1m7xV/'],
  ['Dailymotion', 'https://www.dailymotion.com/video/x8t1eho'],
  ['Odnoklassniki', 'https://ok.ru/video/7204071410346'],
  ['Streamable', 'https://streamable.com/p9cln4'],
  ['Tumblr', 'https://www.tumblr.com/rongzhi/707729381162958848'],
  [
    'Twitch Clips',
    'https://twitch.tv/rtgame/clip/TubularInventiveSardineCorgiDerp-PM47mJQQ2vsL5B5G',
  ],
  ['VK', 'https://vk.com/video-57274055_456239399'],
  ['Vimeo', 'https://vimeo.com/288386543'],
  ['Pinterest', 'https://www.pinterest.com/pin/70437485604616/'],
  ['RUTUBE', 'https://rutube.ru/video/b2f6c27649907c2fde0af411b03825eb/'],
  [
    'Snapchat',
    'https://www.snapchat.com/spotlight/W7_EDlXWTBiXAEEniNoMPwAAYdWxucG9pZmNqAY46j0a5AY46j0YbAAAAAQ',
  ],
  ['Facebook', 'https://www.facebook.com/reel/3176266019190557'],
  ['Bluesky', 'https://bsky.app/profile/samuel.fm/post/3l2udah76ch2c'],
  ['Newgrounds', 'https://www.newgrounds.com/portal/view/987910'],
  ['Loom', 'https://www.loom.com/share/313bf71d20ca47b2a35b6634cefdb761'],
];
const SECONDARY_TRACKER_TESTS: readonly [name: string, link: string][] = [
  ['YouTube Music', 'https://www.youtube.com/watch?v=vPwaXytZcgI'],
  ['YouTube Shorts', 'https://www.youtube.com/shorts/r5FpeOJItbw'],
];

function fixturesOf(service: ServiceKey): number {
  return [...SUPPORTED_LINKS, ...EQUIVALENT_FORMS].filter(([, key]) => key === service).length;
}

/** The `:name`s a pattern or template mentions, or a RegExp's named groups. */
function namesIn(pattern: PathPattern): string[] {
  const source = typeof pattern === 'string' ? pattern : pattern.source;
  const token = typeof pattern === 'string' ? /:([a-zA-Z0-9]+)/g : /\(\?<([a-zA-Z0-9]+)>/g;
  return [...source.matchAll(token)].map((match) => match[1] ?? '');
}

const rules = SERVICE_KEYS.flatMap((service) =>
  SERVICE_TABLE[service].hosts.map((rule) => [service, rule] as const),
);
const rewrites = SERVICE_KEYS.flatMap((service) => [
  ...(SERVICE_TABLE[service].rewrites ?? []).map((rewrite) => [service, rewrite] as const),
  ...SERVICE_TABLE[service].hosts.flatMap((rule) =>
    (rule.rewrites ?? []).map((rewrite) => [service, rewrite] as const),
  ),
]);

describe('service table: every service', () => {
  it.each(SERVICE_KEYS)('%s has a row, a label and at least 3 link fixtures', (service) => {
    expect(SERVICE_TABLE[service]).toBeDefined();
    expect(serviceLabel(service).trim()).not.toBe('');
    expect(SERVICE_TABLE[service].hosts.length).toBeGreaterThan(0);
    expect(fixturesOf(service)).toBeGreaterThanOrEqual(MIN_FIXTURES_PER_SERVICE);
  });

  it('has no row for a key outside SERVICE_KEYS (vine, xiaohongshu were removed, §5.3)', () => {
    expect(Object.keys(SERVICE_TABLE).sort()).toEqual([...SERVICE_KEYS].sort());
  });

  it.each(SERVICE_KEYS)('the deep-test link of %s is taken, for that service', (service) => {
    expect(matchService(deepTestLink(service))?.service).toBe(service);
  });
});

describe('service table: the trackers test links are the deep-test links', () => {
  it.each(TRACKER_TESTS)('%s', (name, link) => {
    const service = serviceFromName(name);
    expect(service).not.toBeNull();
    expect(deepTestLink(service as ServiceKey)).toBe(link);
  });

  it.each(SECONDARY_TRACKER_TESTS)('%s is a youtube link', (name, link) => {
    expect(serviceFromName(name)).toBe('youtube');
    expect(matchService(link)?.service).toBe('youtube');
  });
});

describe('service table: consistency', () => {
  it.each(rules.filter(([, rule]) => rule.sendAs !== undefined))(
    '%s: sendAs host of %o is a plain host of the same service',
    (service, rule) => {
      const target = findHostRule(rule.sendAs ?? '');
      expect(target?.service).toBe(service);
      expect(target?.rule.sendAs ?? rule.sendAs).toBe(rule.sendAs);
    },
  );

  it.each(rewrites.filter(([, rewrite]) => rewrite.host !== undefined))(
    '%s: rewrite host of %o belongs to the same service',
    (service, rewrite) => {
      expect(findHostRule(rewrite.host ?? '')?.service).toBe(service);
    },
  );

  it.each(rewrites)('%s: every name in the template of %o is captured', (_service, rewrite) => {
    const captured = namesIn(rewrite.from);
    for (const name of namesIn(rewrite.to)) expect(captured).toContain(name);
  });

  it.each(rules)('%s: domain of %o is lower-case and has no wildcard', (_service, rule) => {
    expect(rule.domain).toMatch(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/);
  });

  it('no host is claimed by two services', () => {
    const owners = new Map<string, ServiceKey>();
    for (const [service, rule] of rules) {
      const owner = owners.get(rule.domain);
      expect(owner === undefined || owner === service).toBe(true);
      owners.set(rule.domain, service);
    }
  });
});
