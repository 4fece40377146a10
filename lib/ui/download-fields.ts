import type { DownloadOptions } from '../settings/schema';

/**
 * What the options page shows for each cobalt download option (lib/settings/schema.ts
 * `DownloadOptionsSchema`), without importing zod into the UI. Labels are i18n keys.
 * test/browser/options/download-fields.test.ts checks this table against the schema.
 */
type SelectKey = {
  [K in keyof DownloadOptions]: DownloadOptions[K] extends string ? K : never;
}[keyof DownloadOptions];
type BoolKey = {
  [K in keyof DownloadOptions]: DownloadOptions[K] extends boolean ? K : never;
}[keyof DownloadOptions];

interface SelectField<K extends SelectKey = SelectKey> {
  kind: 'select';
  key: K;
  labelKey: string;
  values: readonly DownloadOptions[K][];
  hintKey?: string;
  /** i18n key per value; values without one are shown as `format(value)`. */
  valueKeys?: Partial<Record<DownloadOptions[K], string>>;
  /** Suffix for raw values ("p", " kb/s"). */
  unit?: string;
}

interface LangField {
  kind: 'lang';
  key: 'youtubeDubLang' | 'subtitleLang';
  labelKey: string;
  hintKey: string;
}

interface BoolField {
  kind: 'bool';
  key: BoolKey;
  labelKey: string;
  hintKey?: string;
}

export type DownloadField = SelectField | LangField | BoolField;

function select<K extends SelectKey>(field: Omit<SelectField<K>, 'kind'>): SelectField {
  return { kind: 'select', ...field } as unknown as SelectField;
}

export const LANG_PATTERN = '^[0-9A-Za-z\\-]{2,8}$';

export const DOWNLOAD_FIELDS: readonly DownloadField[] = [
  select({
    key: 'downloadMode',
    labelKey: 'optDownloadMode',
    values: ['auto', 'audio', 'mute'],
    valueKeys: { auto: 'modeAuto', audio: 'modeAudio', mute: 'modeMute' },
  }),
  select({
    key: 'videoQuality',
    labelKey: 'optVideoQuality',
    values: ['max', '4320', '2160', '1440', '1080', '720', '480', '360', '240', '144'],
    valueKeys: { max: 'qualityMax' },
    unit: 'p',
  }),
  select({
    key: 'youtubeVideoCodec',
    labelKey: 'optYoutubeVideoCodec',
    values: ['h264', 'av1', 'vp9'],
  }),
  select({
    key: 'youtubeVideoContainer',
    labelKey: 'optYoutubeVideoContainer',
    values: ['auto', 'mp4', 'webm', 'mkv'],
    valueKeys: { auto: 'valueAuto' },
  }),
  { kind: 'lang', key: 'youtubeDubLang', labelKey: 'optYoutubeDubLang', hintKey: 'hintLangEmpty' },
  { kind: 'lang', key: 'subtitleLang', labelKey: 'optSubtitleLang', hintKey: 'hintSubtitleEmpty' },
  select({
    key: 'audioFormat',
    labelKey: 'optAudioFormat',
    values: ['best', 'mp3', 'ogg', 'wav', 'opus'],
    valueKeys: { best: 'audioBest' },
  }),
  select({
    key: 'audioBitrate',
    labelKey: 'optAudioBitrate',
    values: ['320', '256', '128', '96', '64', '8'],
    unit: ' kb/s',
  }),
  select({
    key: 'filenameStyle',
    labelKey: 'optFilenameStyle',
    values: ['classic', 'pretty', 'basic', 'nerdy'],
    valueKeys: {
      classic: 'filenameClassic',
      pretty: 'filenamePretty',
      basic: 'filenameBasic',
      nerdy: 'filenameNerdy',
    },
  }),
  select({
    key: 'localProcessing',
    labelKey: 'optLocalProcessing',
    hintKey: 'hintLocalProcessing',
    values: ['off', 'required', 'prefer'],
    valueKeys: {
      off: 'localProcessingOff',
      required: 'localProcessingRequired',
      prefer: 'localProcessingPrefer',
    },
  }),
  { kind: 'bool', key: 'disableMetadata', labelKey: 'optDisableMetadata' },
  { kind: 'bool', key: 'alwaysProxy', labelKey: 'optAlwaysProxy', hintKey: 'hintAlwaysProxy' },
  { kind: 'bool', key: 'allowH265', labelKey: 'optAllowH265' },
  { kind: 'bool', key: 'convertGif', labelKey: 'optConvertGif' },
  { kind: 'bool', key: 'tiktokFullAudio', labelKey: 'optTiktokFullAudio' },
  { kind: 'bool', key: 'youtubeBetterAudio', labelKey: 'optYoutubeBetterAudio' },
  { kind: 'bool', key: 'youtubeHLS', labelKey: 'optYoutubeHls' },
];

/** Every i18n key the table refers to (labels, hints, value names). */
export function downloadFieldKeys(): string[] {
  const keys = new Set<string>();
  for (const field of DOWNLOAD_FIELDS) {
    keys.add(field.labelKey);
    if ('hintKey' in field && field.hintKey) keys.add(field.hintKey);
    if (field.kind === 'select')
      for (const k of Object.values(field.valueKeys ?? {})) keys.add(k as string);
  }
  return [...keys];
}
