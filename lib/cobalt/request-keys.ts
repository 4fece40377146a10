import type { DownloadOptions } from '../settings/schema';
import type { KnownVersion as ApiVersion } from '../instances/parse-version';

/**
 * Every request key cobalt has accepted, per version, with that version's default
 * (docs/cobalt-api.md §2 for v10+, checked against `schema.js` at 10.1, 10.2, 10.9.4, 11.0, 11.1, 11.2
 * and HEAD; docs/cobalt-api.md §7 for the v7 template). One row = one key on the wire for one range of
 * versions; a setting may need several rows (v7 splits `downloadMode` into two booleans).
 *
 * Rows are in order of importance: when a body must shrink to fit 1024 bytes, keys are
 * dropped from the end (build-request.ts). What the user asked for (audio vs video) goes last.
 */

export type WireValue = string | boolean;

export interface KeyRule {
  /** The setting, in v11.2+ names (lib/settings/schema.ts). */
  option: keyof DownloadOptions;
  /** The key as this version spells it. */
  wire: string;
  /** What this version assumes when the key is absent; null = unset (no default value). */
  defaultValue: WireValue | null;
  /** The setting as this version needs it; null = not expressible here, so not sent. */
  encode: (options: DownloadOptions) => WireValue | null;
}

interface KeySpec extends KeyRule {
  accepts: (version: ApiVersion) => boolean;
}

type Bound = readonly [major: number, minor: number];

/** Newest major whose key set is known; a newer one gets the minimal body (docs/cobalt-api.md §2). */
const LATEST_KNOWN_MAJOR = 11;

function atLeast(version: ApiVersion, [major, minor]: Bound): boolean {
  return version.major > major || (version.major === major && version.minor >= minor);
}

/** v10+ versions in [from, until), never past the newest known major. */
function range(from: Bound, until?: Bound): (version: ApiVersion) => boolean {
  return (version) =>
    version.generation !== 'v7' &&
    version.major <= LATEST_KNOWN_MAJOR &&
    atLeast(version, from) &&
    (until === undefined || !atLeast(version, until));
}

const legacy = (version: ApiVersion) => version.generation === 'v7';

const V10: Bound = [10, 0];
const V10_2: Bound = [10, 2];
const V11: Bound = [11, 0];
const V11_2: Bound = [11, 2];

/** `""` (and cobalt's own `"none"`) mean "not set" for the language keys (docs/cobalt-api.md §2). */
const language = (value: string): string | null =>
  value === '' || value === 'none' ? null : value;

/** A row whose wire value is the setting itself. */
function row(
  option: keyof DownloadOptions,
  wire: string,
  defaultValue: WireValue | null,
  accepts: (version: ApiVersion) => boolean,
  encode: (options: DownloadOptions) => WireValue | null = (o) => o[option],
): KeySpec {
  return { option, wire, defaultValue, accepts, encode };
}

const SPECS: readonly KeySpec[] = [
  // what the user asked for
  row('downloadMode', 'downloadMode', 'auto', range(V10)),
  row('downloadMode', 'isAudioOnly', false, legacy, (o) => o.downloadMode === 'audio'),
  row('downloadMode', 'isAudioMuted', false, legacy, (o) => o.downloadMode === 'mute'),
  // an enum from 11.2 (a6b599a8); 11.0–11.1 had a boolean meaning "preferred" (c7c9cf2f).
  // Only `prefer` asks for anything: the parts to mux on the device (lib/mux/).
  row('localProcessing', 'localProcessing', 'disabled', range(V11_2), (o) =>
    o.localProcessing === 'prefer' ? 'preferred' : 'disabled',
  ),
  row(
    'localProcessing',
    'localProcessing',
    false,
    range(V11, V11_2),
    (o) => o.localProcessing === 'prefer',
  ),
  row('alwaysProxy', 'alwaysProxy', false, range(V10)),
  row('videoQuality', 'videoQuality', '1080', range(V10)),
  row('videoQuality', 'vQuality', '720', legacy), // v7's default was 720 (docs/cobalt-api.md §7)
  row('youtubeVideoCodec', 'youtubeVideoCodec', 'h264', range(V10)),
  row('youtubeVideoCodec', 'vCodec', 'h264', legacy),
  row('youtubeVideoContainer', 'youtubeVideoContainer', 'auto', range(V11_2)),
  row('audioFormat', 'audioFormat', 'mp3', range(V10)),
  row('audioFormat', 'aFormat', 'mp3', legacy),
  row('audioBitrate', 'audioBitrate', '128', range(V10)),
  // renamed in 11.0; the old names are rejected from 11.2 (commit 0fca9c44)
  row('allowH265', 'allowH265', false, range(V11)),
  row('allowH265', 'tiktokH265', false, range(V10, V11)),
  row('allowH265', 'tiktokH265', false, legacy),
  row('convertGif', 'convertGif', true, range(V11)),
  row('convertGif', 'twitterGif', true, range(V10, V11)),
  // v7's twitterGif defaulted to false, so our default (convert) has to be asked for there
  row('convertGif', 'twitterGif', false, legacy),
  row('tiktokFullAudio', 'tiktokFullAudio', false, range(V10)),
  row('tiktokFullAudio', 'isTTFullAudio', false, legacy),
  row('youtubeBetterAudio', 'youtubeBetterAudio', false, range(V11)),
  row('subtitleLang', 'subtitleLang', null, range(V11_2), (o) => language(o.subtitleLang)),
  // exactly 2 characters in 10.0–10.1. v7's dubLang was a boolean "use Accept-Language", which
  // cannot say which language, so it is never sent.
  row('youtubeDubLang', 'youtubeDubLang', null, range(V10_2), (o) => language(o.youtubeDubLang)),
  row('youtubeDubLang', 'youtubeDubLang', null, range(V10, V10_2), (o) =>
    language(o.youtubeDubLang)?.length === 2 ? o.youtubeDubLang : null,
  ),
  // the default changed from classic to basic in 11.0 (a95f87eb)
  row('filenameStyle', 'filenameStyle', 'basic', range(V11)),
  row('filenameStyle', 'filenameStyle', 'classic', range(V10, V11)),
  row('filenameStyle', 'filenamePattern', 'classic', legacy),
  row('disableMetadata', 'disableMetadata', false, range(V10)),
  row('disableMetadata', 'disableMetadata', false, legacy),
  row('youtubeHLS', 'youtubeHLS', false, range(V10_2)),
];

/** The keys this version accepts, most important first. */
export function keysFor(version: ApiVersion): KeyRule[] {
  return SPECS.filter((spec) => spec.accepts(version)).map(
    ({ option, wire, defaultValue, encode }) => ({ option, wire, defaultValue, encode }),
  );
}
