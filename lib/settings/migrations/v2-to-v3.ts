import { isRecord } from './is-record';

/** Download options of format 2: cobalt 10.x request key names (docs/cobalt-api.md §2). */
interface DownloadOptionsV2 {
  downloadMode: 'auto' | 'audio' | 'mute';
  videoQuality: string;
  youtubeVideoCodec: 'h264' | 'av1' | 'vp9';
  youtubeDubLang: string;
  /** 10.x only: let the instance pick the dub language from the browser's; removed in 11.0. */
  youtubeDubBrowserLang: boolean;
  audioFormat: 'best' | 'mp3' | 'ogg' | 'wav' | 'opus';
  audioBitrate: string;
  /** cobalt 10.x's default was `classic`, and so was format 2's. */
  filenameStyle: 'classic' | 'pretty' | 'basic' | 'nerdy';
  disableMetadata: boolean;
  alwaysProxy: boolean;
  /** Renamed `convertGif` in cobalt 11.0. */
  twitterGif: boolean;
  /** Renamed `allowH265` in cobalt 11.0. */
  tiktokH265: boolean;
  tiktokFullAudio: boolean;
  youtubeHLS: boolean;
}

/**
 * Settings format 2 (0.1 previews, cobalt 10.x era): the current layout minus the fallback
 * block and the per-service overrides, with one switch for all notifications.
 */
export interface SettingsV2 {
  sources: Record<string, unknown>;
  probe: Record<string, unknown>;
  trust: Record<string, unknown>;
  myInstances: { origin: string; apiKey?: string; label?: string }[];
  pinned: string[];
  blocked: string[];
  download: DownloadOptionsV2;
  saveAs: boolean;
  notifications: boolean;
}

/** Old key → cobalt 11 key. */
const RENAMED_DOWNLOAD_KEYS = [
  ['twitterGif', 'convertGif'],
  ['tiktokH265', 'allowH265'],
] as const;

/**
 * 2 → 3: download keys take their cobalt 11 names and the 10.x-only
 * `youtubeDubBrowserLang` is dropped (11.0 removed it); the notification switch becomes one
 * per outcome with the same value. Values are kept as stored, so a format-2 `classic`
 * filename style stays `classic` (the names the user was getting). `fallback` and
 * `serviceOverrides` are new and simply absent, so they take their defaults.
 */
export function v2ToV3(previous: unknown): unknown {
  if (!isRecord(previous)) return previous;
  const { download, notifications, ...rest } = previous;
  const next: Record<string, unknown> = { ...rest };
  if (download !== undefined) next.download = isRecord(download) ? renameKeys(download) : download;
  if (notifications !== undefined) {
    next.notifications =
      typeof notifications === 'boolean'
        ? { onSuccess: notifications, onFailure: notifications }
        : notifications;
  }
  return next;
}

function renameKeys(download: Record<string, unknown>): Record<string, unknown> {
  const { youtubeDubBrowserLang: _removedIn11, ...kept } = download;
  for (const [oldKey, newKey] of RENAMED_DOWNLOAD_KEYS) {
    if (!Object.hasOwn(kept, oldKey)) continue;
    // A value already under the new name (hand-edited file) wins over the old one.
    if (!Object.hasOwn(kept, newKey)) kept[newKey] = kept[oldKey];
    delete kept[oldKey];
  }
  return kept;
}
