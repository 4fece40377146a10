import {
  DEFAULT_SETTINGS,
  DownloadOptionsSchema,
  DownloadOverridesSchema,
  SettingsSchema,
} from '../../../lib/settings/schema';
import { FULL_SETTINGS } from './full-settings';

describe('settings schema', () => {
  it('has cobalt’s own defaults for every download option (so defaults are never sent)', () => {
    expect(DEFAULT_SETTINGS.download).toEqual({
      downloadMode: 'auto',
      videoQuality: '1080',
      youtubeVideoCodec: 'h264',
      youtubeVideoContainer: 'auto',
      youtubeDubLang: '',
      subtitleLang: '',
      audioFormat: 'mp3',
      audioBitrate: '128',
      filenameStyle: 'basic',
      disableMetadata: false,
      alwaysProxy: false,
      allowH265: false,
      convertGif: true,
      tiktokFullAudio: false,
      youtubeBetterAudio: false,
      youtubeHLS: false,
      localProcessing: 'required',
    });
  });

  it.each([
    [
      'sources',
      { hyper: false, directory: true, cobaltBest: false, custom: [], refreshMinutes: 60 },
    ],
    ['probe', { enabled: true, concurrency: 8, timeoutMs: 5000, cacheMinutes: 15 }],
    ['fallback', { maxAttempts: 5, deadlineMs: 45_000, hedgeMs: 20_000 }],
    ['notifications', { onSuccess: true, onFailure: true }],
    ['myInstances', []],
    ['serviceOverrides', {}],
    ['saveAs', false],
  ] as const)('defaults %s from its fields', (key, expected) => {
    expect(DEFAULT_SETTINGS[key]).toEqual(expected);
  });

  it('leaves an empty override empty (an override inherits; it never carries defaults)', () => {
    expect(DownloadOverridesSchema.parse({})).toEqual({});
    expect(
      SettingsSchema.parse({ serviceOverrides: { youtube: { videoQuality: '720' } } })
        .serviceOverrides,
    ).toEqual({
      youtube: { videoQuality: '720' },
    });
  });

  it('offers every download option as an override, with the same allowed values', () => {
    expect(Object.keys(DownloadOverridesSchema.shape)).toEqual(
      Object.keys(DownloadOptionsSchema.shape),
    );
    for (const [key, value] of Object.entries(FULL_SETTINGS.download)) {
      expect(DownloadOverridesSchema.safeParse({ [key]: value }).success).toBe(true);
      expect(DownloadOverridesSchema.safeParse({ [key]: 'not-a-valid-value-ü' }).success).toBe(
        false,
      );
    }
  });

  it('parses its own output to the same value (stored values read back unchanged)', () => {
    expect(SettingsSchema.parse(FULL_SETTINGS)).toEqual(FULL_SETTINGS);
    expect(SettingsSchema.parse(SettingsSchema.parse(FULL_SETTINGS))).toEqual(FULL_SETTINGS);
  });
});
