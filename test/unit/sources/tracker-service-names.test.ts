import { isSecondaryName, serviceFromName } from '../../../lib/services/service-names';
import { sampleJson } from './feed-fixtures';

/**
 * cobalt.directory's tests.json (samples/) names every test it runs; its output keys are those
 * names lowercased with spaces → `-` (docs/cobalt-api.md §5.4, §6.4). Every one must map to a service.
 */
const TESTS = sampleJson('cobalt-directory_tests-json_2026-03-30.json') as Record<string, string>;

const EXPECTED: Record<string, string> = {
  YouTube: 'youtube',
  'YouTube Music': 'youtube',
  'YouTube Shorts': 'youtube',
  TikTok: 'tiktok',
  Instagram: 'instagram',
  Twitter: 'twitter',
  Reddit: 'reddit',
  SoundCloud: 'soundcloud',
  BiliBili: 'bilibili',
  Dailymotion: 'dailymotion',
  Odnoklassniki: 'ok',
  Streamable: 'streamable',
  Tumblr: 'tumblr',
  'Twitch Clips': 'twitch',
  VK: 'vk',
  Vimeo: 'vimeo',
  Pinterest: 'pinterest',
  RUTUBE: 'rutube',
  Snapchat: 'snapchat',
  Facebook: 'facebook',
  Bluesky: 'bsky',
  Newgrounds: 'newgrounds',
};

describe('tracker test names → service keys', () => {
  it('the sample lists exactly the expected 22 tests', () => {
    expect(Object.keys(TESTS).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  const slug = (name: string) => name.toLowerCase().replace(/ /g, '-');
  const underscore = (name: string) => name.toLowerCase().replace(/ /g, '_');

  it.each(Object.keys(EXPECTED))(
    '%s, as display name, directory slug and hyper.lol key',
    (name) => {
      const expected = EXPECTED[name];
      expect(serviceFromName(name)).toBe(expected);
      expect(serviceFromName(slug(name))).toBe(expected);
      expect(serviceFromName(underscore(name))).toBe(expected);
    },
  );

  it.each([
    ['YouTube Music', true],
    ['youtube-shorts', true],
    ['youtube_music', true],
    ['YouTube', false],
    ['Frontend', false],
  ])('isSecondaryName(%s) → %s', (name, expected) => {
    expect(isSecondaryName(name)).toBe(expected);
  });

  it.each(['Frontend', 'vine', 'xiaohongshu'])('%s is not a service we can use', (name) => {
    expect(serviceFromName(name)).toBeNull();
  });
});
