import type { DownloadOptions, Settings } from '../../../lib/settings/schema';

/** Every download option set to a value other than its default. */
const NON_DEFAULT_DOWNLOAD: DownloadOptions = {
  downloadMode: 'audio',
  videoQuality: '720',
  youtubeVideoCodec: 'av1',
  youtubeVideoContainer: 'webm',
  youtubeDubLang: 'de',
  subtitleLang: 'pt-BR',
  audioFormat: 'opus',
  audioBitrate: '320',
  filenameStyle: 'pretty',
  disableMetadata: true,
  alwaysProxy: true,
  allowH265: true,
  convertGif: false,
  tiktokFullAudio: true,
  youtubeBetterAudio: true,
  youtubeHLS: true,
  localProcessing: 'prefer',
};

export const API_KEY = '123e4567-e89b-42d3-a456-426614174000';

/**
 * Valid settings with every leaf away from its default and one entry in every list and
 * record, so a sweep can corrupt any single leaf and see that nothing else moves.
 */
export const FULL_SETTINGS: Settings = {
  sources: {
    hyper: false,
    directory: false,
    cobaltBest: false,
    custom: [{ url: 'https://lists.example/instances.json', enabled: false }],
    refreshMinutes: 120,
  },
  probe: { enabled: false, concurrency: 4, timeoutMs: 3000, cacheMinutes: 30 },
  trust: {
    allowListed: false,
    allowUnknown: true,
    allowHttp: true,
    allowIpOnly: true,
    allowLegacyV7: true,
    onlyUpstream: true,
  },
  myInstances: [{ origin: 'https://cobalt.home.example', apiKey: API_KEY, label: 'home' }],
  pinned: ['https://cobalt.home.example'],
  blocked: ['https://bad.example'],
  download: NON_DEFAULT_DOWNLOAD,
  serviceOverrides: {
    youtube: { ...NON_DEFAULT_DOWNLOAD, videoQuality: '2160', downloadMode: 'mute' },
  },
  fallback: { maxAttempts: 3, deadlineMs: 30_000, hedgeMs: 1000 },
  saveAs: true,
  redownload: 'never',
  notifications: { onSuccess: false, onFailure: false },
};
