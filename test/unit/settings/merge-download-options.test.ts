import { effectiveOptions } from '../../../lib/settings/merge-download-options';
import { DEFAULT_SETTINGS, type DownloadMode, type Settings } from '../../../lib/settings/schema';

function settingsWith(patch: Partial<Settings>): Settings {
  return { ...structuredClone(DEFAULT_SETTINGS), ...patch };
}

const userDefaults = settingsWith({
  download: { ...DEFAULT_SETTINGS.download, videoQuality: '720', audioFormat: 'opus' },
  serviceOverrides: {
    youtube: { videoQuality: '2160', youtubeVideoCodec: 'vp9' },
    tiktok: { allowH265: true, downloadMode: 'mute' },
    // An override key that is present but undefined must not erase what it inherits.
    twitter: { videoQuality: undefined, convertGif: false },
  },
});

describe('effectiveOptions', () => {
  it.each<
    [
      string,
      Settings,
      Parameters<typeof effectiveOptions>[1],
      DownloadMode | undefined,
      Partial<ReturnType<typeof effectiveOptions>>,
    ]
  >([
    ['defaults only', DEFAULT_SETTINGS, 'youtube', undefined, DEFAULT_SETTINGS.download],
    [
      'user defaults apply to every service',
      userDefaults,
      'reddit',
      undefined,
      { videoQuality: '720', audioFormat: 'opus' },
    ],
    [
      'the service override wins over user defaults',
      userDefaults,
      'youtube',
      undefined,
      { videoQuality: '2160', youtubeVideoCodec: 'vp9', audioFormat: 'opus' },
    ],
    [
      'an override only touches its own service',
      userDefaults,
      'vimeo',
      undefined,
      { videoQuality: '720', youtubeVideoCodec: 'h264' },
    ],
    [
      'an undefined override key inherits',
      userDefaults,
      'twitter',
      undefined,
      { videoQuality: '720', convertGif: false },
    ],
    [
      'the clicked mode wins over everything',
      userDefaults,
      'tiktok',
      'audio',
      { downloadMode: 'audio', allowH265: true },
    ],
    [
      'no clicked mode keeps the override mode',
      userDefaults,
      'tiktok',
      undefined,
      { downloadMode: 'mute' },
    ],
    [
      'the clicked mode applies without overrides',
      DEFAULT_SETTINGS,
      'soundcloud',
      'mute',
      { downloadMode: 'mute' },
    ],
  ])('%s', (_, settings, service, mode, expected) => {
    const options = effectiveOptions(settings, service, mode);
    expect(options).toMatchObject(expected);
    expect(Object.keys(options).sort()).toEqual(Object.keys(DEFAULT_SETTINGS.download).sort());
  });

  it('does not change the settings it reads', () => {
    const before = structuredClone(userDefaults);
    effectiveOptions(userDefaults, 'youtube', 'audio');
    expect(userDefaults).toEqual(before);
  });
});
