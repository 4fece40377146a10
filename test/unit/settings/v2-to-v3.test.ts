import { v2ToV3, type SettingsV2 } from '../../../lib/settings/migrations/v2-to-v3';

const v2: SettingsV2 = {
  sources: { hyper: true, directory: false, cobaltBest: true, custom: [], refreshMinutes: 30 },
  probe: { enabled: true, concurrency: 8, timeoutMs: 5000, cacheMinutes: 15 },
  trust: {
    allowListed: true,
    allowUnknown: false,
    allowHttp: false,
    allowIpOnly: false,
    allowLegacyV7: false,
  },
  myInstances: [{ origin: 'https://a.example', apiKey: '11111111-2222-4333-8444-555555555555' }],
  pinned: ['https://a.example'],
  blocked: ['https://bad.example'],
  download: {
    downloadMode: 'auto',
    videoQuality: '1080',
    youtubeVideoCodec: 'h264',
    youtubeDubLang: '',
    youtubeDubBrowserLang: true,
    audioFormat: 'mp3',
    audioBitrate: '128',
    filenameStyle: 'classic',
    disableMetadata: false,
    alwaysProxy: false,
    twitterGif: false,
    tiktokH265: true,
    tiktokFullAudio: false,
    youtubeHLS: false,
  },
  saveAs: true,
  notifications: false,
};

describe('settings migration 2 → 3', () => {
  it('renames the cobalt 10 keys, drops the 10-only one, splits notifications', () => {
    const {
      youtubeDubBrowserLang: _gone,
      twitterGif: _a,
      tiktokH265: _b,
      ...sameDownload
    } = v2.download;
    expect(v2ToV3(v2)).toEqual({
      sources: v2.sources,
      probe: v2.probe,
      trust: v2.trust,
      myInstances: v2.myInstances,
      pinned: v2.pinned,
      blocked: v2.blocked,
      download: { ...sameDownload, convertGif: false, allowH265: true },
      saveAs: true,
      notifications: { onSuccess: false, onFailure: false },
    });
  });

  it.each<[string, unknown, unknown]>([
    [
      'notifications on',
      { notifications: true },
      { notifications: { onSuccess: true, onFailure: true } },
    ],
    ['no notifications key', { saveAs: false }, { saveAs: false }],
    ['only twitterGif', { download: { twitterGif: true } }, { download: { convertGif: true } }],
    ['only tiktokH265', { download: { tiktokH265: false } }, { download: { allowH265: false } }],
    [
      'a new name already present wins over the old one',
      { download: { twitterGif: false, convertGif: true } },
      { download: { convertGif: true } },
    ],
    [
      'filename style kept as stored (classic stays classic)',
      { download: { filenameStyle: 'classic' } },
      { download: { filenameStyle: 'classic' } },
    ],
    ['malformed download passed on for the validator', { download: 'x' }, { download: 'x' }],
    ['malformed notifications passed on', { notifications: 'loud' }, { notifications: 'loud' }],
    ['not an object', 7, 7],
    ['a list', [1], [1]],
  ])('%s', (_, previous, expected) => {
    expect(v2ToV3(previous)).toEqual(expected);
  });

  it('does not change its input', () => {
    const input = structuredClone(v2);
    v2ToV3(input);
    expect(input).toEqual(v2);
  });
});
