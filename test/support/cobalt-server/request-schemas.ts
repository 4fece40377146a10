import { z } from 'zod';
import type { CobaltServerVersion } from './types';

/**
 * The request schema of each cobalt version, as strict as the real one: an unknown key, a value
 * outside an enum or a wrong type is `error.api.invalid_body` (docs/cobalt-api.md §2, taken from
 * `api/src/processing/schema.js` at 10.9.4, 11.0 and 11.2+). v7 is not strict (docs/cobalt-api.md §7).
 */

const QUALITIES = [
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
const BITRATES = ['320', '256', '128', '96', '64', '8'] as const;
const LANG = z
  .string()
  .min(2)
  .max(8)
  .regex(/^[0-9a-zA-Z-]+$/);

/** Keys every v10+ version shares. */
const common = {
  url: z.string().min(1),
  audioBitrate: z.enum(BITRATES).default('128'),
  audioFormat: z.enum(['best', 'mp3', 'ogg', 'wav', 'opus']).default('mp3'),
  downloadMode: z.enum(['auto', 'audio', 'mute']).default('auto'),
  youtubeVideoCodec: z.enum(['h264', 'av1', 'vp9']).default('h264'),
  videoQuality: z.enum(QUALITIES).default('1080'),
  youtubeDubLang: LANG.optional(),
  disableMetadata: z.boolean().default(false),
  alwaysProxy: z.boolean().default(false),
  tiktokFullAudio: z.boolean().default(false),
  youtubeHLS: z.boolean().default(false),
};

const v10 = z
  .object({
    ...common,
    filenameStyle: z.enum(['classic', 'pretty', 'basic', 'nerdy']).default('classic'),
    tiktokH265: z.boolean().default(false),
    twitterGif: z.boolean().default(true),
    youtubeDubBrowserLang: z.boolean().default(false),
  })
  .strict();

const v11_0 = z
  .object({
    ...common,
    filenameStyle: z.enum(['classic', 'pretty', 'basic', 'nerdy']).default('basic'),
    localProcessing: z.boolean().default(false),
    allowH265: z.boolean().default(false),
    convertGif: z.boolean().default(true),
    youtubeBetterAudio: z.boolean().default(false),
    // kept for compatibility until 11.2 (commit 0fca9c44)
    tiktokH265: z.boolean().default(false),
    twitterGif: z.boolean().default(true),
  })
  .strict();

const v11_2 = z
  .object({
    ...common,
    filenameStyle: z.enum(['classic', 'pretty', 'basic', 'nerdy']).default('basic'),
    localProcessing: z.enum(['disabled', 'preferred', 'forced']).default('disabled'),
    allowH265: z.boolean().default(false),
    convertGif: z.boolean().default(true),
    youtubeBetterAudio: z.boolean().default(false),
    youtubeVideoContainer: z.enum(['auto', 'mp4', 'webm', 'mkv']).default('auto'),
    subtitleLang: LANG.optional(),
  })
  .strict();

/** What the handler needs from a parsed request, whatever the version. */
export interface NormalizedRequest {
  url: string;
  downloadMode: 'auto' | 'audio' | 'mute';
  audioFormat: string;
  alwaysProxy: boolean;
  localProcessing: 'disabled' | 'preferred' | 'forced';
}

export type SchemaVerdict = { ok: true; request: NormalizedRequest } | { ok: false };

/** v10+ `normalizeRequest` + schema: `invalid_body` on any failure, including an unparseable url. */
export function parseModernRequest(version: CobaltServerVersion, raw: unknown): SchemaVerdict {
  let candidate = raw;
  // 11.2+ still converts the 11.0 boolean (request.js normalizeRequest).
  if (version === '11.7.1' && isRecord(raw) && typeof raw.localProcessing === 'boolean') {
    candidate = { ...raw, localProcessing: raw.localProcessing ? 'preferred' : 'disabled' };
  }
  const schema = version === '10.9.4' ? v10 : version === '11.0.0' ? v11_0 : v11_2;
  const parsed = schema.safeParse(candidate);
  if (!parsed.success || !isParsableUrl(parsed.data.url)) return { ok: false };
  const data = parsed.data as z.infer<typeof v11_2> | z.infer<typeof v11_0> | z.infer<typeof v10>;
  const local = 'localProcessing' in data ? data.localProcessing : false;
  return {
    ok: true,
    request: {
      url: data.url,
      downloadMode: data.downloadMode,
      audioFormat: data.audioFormat,
      alwaysProxy: data.alwaysProxy,
      localProcessing: local === true ? 'preferred' : local === false ? 'disabled' : local,
    },
  };
}

/** The v7 template (`checkJSONPost` @ 7.15, docs/cobalt-api.md §7): unknown keys ignored, booleans `!!`. */
const V7_TEMPLATE = {
  url: '',
  vCodec: 'h264',
  vQuality: '720',
  aFormat: 'mp3',
  filenamePattern: 'classic',
  isAudioOnly: false,
  isTTFullAudio: false,
  isAudioMuted: false,
  disableMetadata: false,
  dubLang: false,
  twitterGif: false,
  tiktokH265: false,
} as const;

export type V7Verdict =
  { ok: true; request: NormalizedRequest } | { ok: false; reason: 'no-link' | 'cant-process' };

export function parseV7Request(raw: unknown): V7Verdict {
  if (!isRecord(raw) || !raw.url) return { ok: false, reason: 'no-link' };
  // "the request fails if there are more keys than template keys + 1"
  if (Object.keys(raw).length > Object.keys(V7_TEMPLATE).length + 1) {
    return { ok: false, reason: 'cant-process' };
  }
  let url: string;
  try {
    url = decodeURIComponent(String(raw.url));
  } catch {
    return { ok: false, reason: 'cant-process' };
  }
  if (!isParsableUrl(url)) return { ok: false, reason: 'cant-process' };
  return {
    ok: true,
    request: {
      url,
      downloadMode: raw.isAudioOnly ? 'audio' : raw.isAudioMuted ? 'mute' : 'auto',
      audioFormat: typeof raw.aFormat === 'string' ? raw.aFormat : V7_TEMPLATE.aFormat,
      alwaysProxy: false,
      localProcessing: 'disabled',
    },
  };
}

function isParsableUrl(value: string): boolean {
  try {
    new URL(value.startsWith('https//') ? `https://${value.slice(7)}` : value);
    return true;
  } catch {
    return false;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
