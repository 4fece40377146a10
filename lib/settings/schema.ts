import { z } from 'zod';
import { SERVICE_KEYS } from '../services/service-key';

/**
 * The one settings schema (docs/rules.md "options page"). Every cobalt request option is here
 * (docs/cobalt-api.md §2); the request builder decides per instance version which keys to send.
 * Defaults mirror cobalt's own API defaults, so a default setting is never sent
 * (minimal-body rule, docs/cobalt-api.md §8).
 *
 * Corrupt stored values fall back per field (lib/settings/parse-settings.ts), so every
 * leaf here has a default; containers use `.prefault({})` so their defaults come from their
 * fields and are written once. Adding a field with a default needs no new version (absent
 * fields take their default); renaming or retyping one does: bump the version and add a
 * migration (lib/settings/migrations/, docs/settings.md "Version history").
 */

export const DownloadModeSchema = z.enum(['auto', 'audio', 'mute']);
export type DownloadMode = z.infer<typeof DownloadModeSchema>;

export const VIDEO_QUALITIES = [
  'max',
  '4320',
  '2160',
  '1440',
  '1080',
  '720',
  '480',
  '360',
  '240',
  '144',
] as const;
export const AUDIO_BITRATES = ['320', '256', '128', '96', '64', '8'] as const;

/** A language code as cobalt accepts it (docs/cobalt-api.md §2), or empty for "not set". */
const LanguageSchema = z
  .string()
  .regex(/^([0-9a-zA-Z-]{2,8})?$/, 'is not empty or a language code of 2–8 letters, digits or -');

/**
 * The cobalt request options without defaults: the per-service overrides are partial copies
 * of these. (A `.partial()` of the defaulted schema would not do: zod 4 still applies an inner
 * `.default()` under `.optional()`, so every override would silently hold every default.)
 */
const downloadOptionFields = {
  downloadMode: DownloadModeSchema,
  videoQuality: z.enum(VIDEO_QUALITIES),
  youtubeVideoCodec: z.enum(['h264', 'av1', 'vp9']),
  youtubeVideoContainer: z.enum(['auto', 'mp4', 'webm', 'mkv']),
  /** Empty = instance default (original audio). */
  youtubeDubLang: LanguageSchema,
  /** Empty = no subtitles. */
  subtitleLang: LanguageSchema,
  audioFormat: z.enum(['best', 'mp3', 'ogg', 'wav', 'opus']),
  audioBitrate: z.enum(AUDIO_BITRATES),
  filenameStyle: z.enum(['classic', 'pretty', 'basic', 'nerdy']),
  disableMetadata: z.boolean(),
  /** Turns `redirect` into `tunnel`: costs the instance bandwidth, hides your IP from the CDN. */
  alwaysProxy: z.boolean(),
  allowH265: z.boolean(),
  convertGif: z.boolean(),
  tiktokFullAudio: z.boolean(),
  youtubeBetterAudio: z.boolean(),
  youtubeHLS: z.boolean(),
  /**
   * "Processing on this device" (docs/local-processing.md): `off` fails over when an instance
   * hands over parts to mux; `required` (default) muxes them on the device when the instance
   * insists; `prefer` asks 11.x instances for the parts (`localProcessing: "preferred"`), which
   * saves them their own ffmpeg work at the cost of this device's time and memory.
   */
  localProcessing: z.enum(['off', 'required', 'prefer']),
};

/** cobalt request options, in v11.2+ names, with cobalt's own defaults. */
export const DownloadOptionsSchema = z.object({
  downloadMode: downloadOptionFields.downloadMode.default('auto'),
  videoQuality: downloadOptionFields.videoQuality.default('1080'),
  youtubeVideoCodec: downloadOptionFields.youtubeVideoCodec.default('h264'),
  youtubeVideoContainer: downloadOptionFields.youtubeVideoContainer.default('auto'),
  youtubeDubLang: downloadOptionFields.youtubeDubLang.default(''),
  subtitleLang: downloadOptionFields.subtitleLang.default(''),
  audioFormat: downloadOptionFields.audioFormat.default('mp3'),
  audioBitrate: downloadOptionFields.audioBitrate.default('128'),
  filenameStyle: downloadOptionFields.filenameStyle.default('basic'),
  disableMetadata: downloadOptionFields.disableMetadata.default(false),
  alwaysProxy: downloadOptionFields.alwaysProxy.default(false),
  allowH265: downloadOptionFields.allowH265.default(false),
  convertGif: downloadOptionFields.convertGif.default(true),
  tiktokFullAudio: downloadOptionFields.tiktokFullAudio.default(false),
  youtubeBetterAudio: downloadOptionFields.youtubeBetterAudio.default(false),
  youtubeHLS: downloadOptionFields.youtubeHLS.default(false),
  localProcessing: downloadOptionFields.localProcessing.default('required'),
});
export type DownloadOptions = z.infer<typeof DownloadOptionsSchema>;

/** "Processing on this device" (docs/local-processing.md). */
export type LocalProcessing = DownloadOptions['localProcessing'];

/** Per-service overrides: any subset of the download options; an absent key inherits. */
export const DownloadOverridesSchema = z.object(downloadOptionFields).partial();
export type DownloadOverrides = z.infer<typeof DownloadOverridesSchema>;

const OriginSchema = z
  .string()
  .trim()
  .transform((value, ctx) => {
    try {
      const url = new URL(value.includes('://') ? value : `https://${value}`);
      if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('scheme');
      return url.origin;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'is not an http(s) address' });
      return z.NEVER;
    }
  });

const MyInstanceSchema = z.object({
  origin: OriginSchema,
  /** cobalt API keys are lowercase UUIDs (docs/cobalt-api.md §3.6); kept in local storage only. */
  apiKey: z
    .string()
    .regex(
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
      'is not a lowercase UUID (cobalt API keys look like 123e4567-e89b-42d3-a456-426614174000)',
    )
    .optional(),
  label: z.string().max(80).optional(),
});

const CustomSourceSchema = z.object({
  url: z.url({ protocol: /^https?$/, error: 'is not an http(s) URL' }),
  enabled: z.boolean().default(true),
});

export const SettingsSchema = z.object({
  sources: z
    .object({
      /** instances.hyper.lol closed to the public in Oct 2024: off by default, kept for mirrors. */
      hyper: z.boolean().default(false),
      directory: z.boolean().default(true),
      /** instances.cobalt.best stopped resolving in 2026: off by default, kept for mirrors. */
      cobaltBest: z.boolean().default(false),
      custom: z.array(CustomSourceSchema).max(20).default([]),
      /** Refresh period; jittered by ±10 % on the alarm. */
      refreshMinutes: z.number().int().min(15).max(1440).default(60),
    })
    .prefault({}),
  probe: z
    .object({
      enabled: z.boolean().default(true),
      concurrency: z.number().int().min(1).max(32).default(8),
      timeoutMs: z.number().int().min(500).max(30_000).default(5000),
      cacheMinutes: z.number().int().min(1).max(240).default(15),
    })
    .prefault({}),
  trust: z
    .object({
      /** Instances a tracker lists without trust data (cobalt.directory). */
      allowListed: z.boolean().default(true),
      /** Instances the tracker owner marked "unknown". */
      allowUnknown: z.boolean().default(false),
      allowHttp: z.boolean().default(false),
      allowIpOnly: z.boolean().default(false),
      /** v7 instances speak the retired `/api/json` API (docs/cobalt-api.md §7). */
      allowLegacyV7: z.boolean().default(false),
      /**
       * Only instances whose codebase (`git.remote`, or the tracker's `codebase`) is
       * imputnet/cobalt: forks, some with server-side analytics, and instances that do not say
       * are left out (lib/rank/check-filters.ts). Added with its default: no format bump.
       */
      onlyUpstream: z.boolean().default(false),
    })
    .prefault({}),
  myInstances: z.array(MyInstanceSchema).max(50).default([]),
  /** Pinned origins, in the user's order: always ranked first (if not excluded by a hard rule). */
  pinned: z.array(OriginSchema).max(50).default([]),
  blocked: z.array(OriginSchema).max(500).default([]),
  download: DownloadOptionsSchema.prefault({}),
  serviceOverrides: z.partialRecord(z.enum(SERVICE_KEYS), DownloadOverridesSchema).default({}),
  fallback: z
    .object({
      maxAttempts: z.number().int().min(1).max(10).default(5),
      deadlineMs: z.number().int().min(5000).max(120_000).default(45_000),
      /**
       * Upper bound of the learned hedge delay (lib/submit/hedge-delay.ts): the longest wait
       * before a slow attempt gets a parallel one. Format 4 raised it from 2 s (v3-to-v4.ts).
       */
      hedgeMs: z.number().int().min(250).max(30_000).default(20_000),
    })
    .prefault({}),
  saveAs: z.boolean().default(false),
  /** A link the history says was downloaded: ask first, download it again, or skip it. */
  redownload: z.enum(['ask', 'always', 'never']).default('ask'),
  notifications: z
    .object({
      onSuccess: z.boolean().default(true),
      onFailure: z.boolean().default(true),
    })
    .prefault({}),
});

export type Settings = z.infer<typeof SettingsSchema>;

export const DEFAULT_SETTINGS: Settings = SettingsSchema.parse({});
