import { z } from 'zod';
import { SERVICE_KEYS } from '../services/service-key';

/**
 * The one settings schema (BRIEF "options page"). Every cobalt request option is here
 * (reference §2); the request builder decides per instance version which keys to send.
 * Defaults mirror cobalt's own API defaults, so a default setting is never sent
 * (minimal-body rule, reference §8).
 *
 * Corrupt stored values fall back per field (lib/settings/parse-settings.ts), so every
 * leaf here has a default.
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

/** cobalt request options, in v11.2+ names. */
export const DownloadOptionsSchema = z.object({
  downloadMode: DownloadModeSchema.default('auto'),
  videoQuality: z.enum(VIDEO_QUALITIES).default('1080'),
  youtubeVideoCodec: z.enum(['h264', 'av1', 'vp9']).default('h264'),
  youtubeVideoContainer: z.enum(['auto', 'mp4', 'webm', 'mkv']).default('auto'),
  /** Empty = instance default (original audio). */
  youtubeDubLang: z.union([z.literal(''), z.string().regex(/^[0-9a-zA-Z-]{2,8}$/)]).default(''),
  /** Empty = no subtitles. */
  subtitleLang: z.union([z.literal(''), z.string().regex(/^[0-9a-zA-Z-]{2,8}$/)]).default(''),
  audioFormat: z.enum(['best', 'mp3', 'ogg', 'wav', 'opus']).default('mp3'),
  audioBitrate: z.enum(AUDIO_BITRATES).default('128'),
  filenameStyle: z.enum(['classic', 'pretty', 'basic', 'nerdy']).default('basic'),
  disableMetadata: z.boolean().default(false),
  /** Turns `redirect` into `tunnel`: costs the instance bandwidth, hides your IP from the CDN. */
  alwaysProxy: z.boolean().default(false),
  allowH265: z.boolean().default(false),
  convertGif: z.boolean().default(true),
  tiktokFullAudio: z.boolean().default(false),
  youtubeBetterAudio: z.boolean().default(false),
  youtubeHLS: z.boolean().default(false),
  /**
   * The extension cannot mux files itself, so only `disabled` (default) and `forced` are
   * useful: `forced` turns plain redirects into `local-processing`/`proxy`, which we save as-is.
   */
  localProcessing: z.enum(['disabled', 'forced']).default('disabled'),
});
export type DownloadOptions = z.infer<typeof DownloadOptionsSchema>;

/** Per-service overrides: any subset of the download options. */
export const DownloadOverridesSchema = DownloadOptionsSchema.partial();
export type DownloadOverrides = z.infer<typeof DownloadOverridesSchema>;

export const OriginSchema = z
  .string()
  .trim()
  .transform((value, ctx) => {
    try {
      const url = new URL(value.includes('://') ? value : `https://${value}`);
      if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('scheme');
      return url.origin;
    } catch {
      ctx.addIssue({ code: 'custom', message: `"${value}" is not an http(s) address` });
      return z.NEVER;
    }
  });

export const MyInstanceSchema = z.object({
  origin: OriginSchema,
  /** cobalt API keys are lowercase UUIDs (reference §3.6); kept in local storage only. */
  apiKey: z
    .string()
    .regex(
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
      'an API key is a lowercase UUID',
    )
    .optional(),
  label: z.string().max(80).optional(),
});
export type MyInstance = z.infer<typeof MyInstanceSchema>;

export const CustomSourceSchema = z.object({
  url: z.url({ protocol: /^https?$/ }),
  enabled: z.boolean().default(true),
});
export type CustomSource = z.infer<typeof CustomSourceSchema>;

export const SettingsSchema = z.object({
  sources: z
    .object({
      hyper: z.boolean().default(true),
      directory: z.boolean().default(true),
      cobaltBest: z.boolean().default(true),
      custom: z.array(CustomSourceSchema).max(20).default([]),
      /** Refresh period; jittered by ±10 % on the alarm. */
      refreshMinutes: z.number().int().min(15).max(1440).default(60),
    })
    .default({ hyper: true, directory: true, cobaltBest: true, custom: [], refreshMinutes: 60 }),
  probe: z
    .object({
      enabled: z.boolean().default(true),
      concurrency: z.number().int().min(1).max(32).default(8),
      timeoutMs: z.number().int().min(500).max(30_000).default(5000),
      cacheMinutes: z.number().int().min(1).max(240).default(15),
    })
    .default({ enabled: true, concurrency: 8, timeoutMs: 5000, cacheMinutes: 15 }),
  trust: z
    .object({
      /** Instances a tracker lists without trust data (cobalt.directory). */
      allowListed: z.boolean().default(true),
      /** Instances the tracker owner marked "unknown". */
      allowUnknown: z.boolean().default(false),
      allowHttp: z.boolean().default(false),
      allowIpOnly: z.boolean().default(false),
      /** v7 instances speak the retired `/api/json` API (reference §7). */
      allowLegacyV7: z.boolean().default(false),
    })
    .default({
      allowListed: true,
      allowUnknown: false,
      allowHttp: false,
      allowIpOnly: false,
      allowLegacyV7: false,
    }),
  myInstances: z.array(MyInstanceSchema).max(50).default([]),
  /** Pinned origins, in the user's order: always ranked first (if not excluded by a hard rule). */
  pinned: z.array(OriginSchema).max(50).default([]),
  blocked: z.array(OriginSchema).max(500).default([]),
  download: DownloadOptionsSchema.default(DownloadOptionsSchema.parse({})),
  serviceOverrides: z.partialRecord(z.enum(SERVICE_KEYS), DownloadOverridesSchema).default({}),
  fallback: z
    .object({
      maxAttempts: z.number().int().min(1).max(10).default(5),
      deadlineMs: z.number().int().min(5000).max(120_000).default(45_000),
      /** Upper bound of the adaptive hedge delay (see lib/submit). */
      hedgeMs: z.number().int().min(250).max(10_000).default(2000),
    })
    .default({ maxAttempts: 5, deadlineMs: 45_000, hedgeMs: 2000 }),
  saveAs: z.boolean().default(false),
  notifications: z
    .object({
      onSuccess: z.boolean().default(true),
      onFailure: z.boolean().default(true),
    })
    .default({ onSuccess: true, onFailure: true }),
});

export type Settings = z.infer<typeof SettingsSchema>;

export const DEFAULT_SETTINGS: Settings = SettingsSchema.parse({});
