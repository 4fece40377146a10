import type { PickerResult } from './deliver-result';

type PickerItem = PickerResult['items'][number];

/**
 * Picker items come without names (docs/cobalt-api.md §3.4), so they are named `<service>-<n>.<ext>`,
 * n counting from 1 in the post's own order: picking items 2 and 5 gives `-2` and `-5`, and a
 * second pick from the same post does not collide with the first.
 */

/** Extensions worth trusting when a CDN URL already carries one (instagram `.jpg`, `.mp4`…). */
const MEDIA_EXTENSIONS = new Set([
  'jpg',
  'jpeg',
  'png',
  'webp',
  'gif',
  'mp4',
  'webm',
  'mov',
  'm4a',
  'mp3',
  'ogg',
  'opus',
  'wav',
]);

/** When the URL says nothing (a `/tunnel?…` URL): what cobalt serves for each item type. */
const EXTENSION_BY_TYPE: Record<PickerItem['type'], string> = {
  photo: 'jpg',
  video: 'mp4',
  // cobalt converts gifs to real .gif files by default (convertGif: true, docs/cobalt-api.md §2).
  gif: 'gif',
};

/** Picker audio is a tunnel; mp3 is cobalt's default audio format. */
const AUDIO_EXTENSION = 'mp3';

export function pickedFilename(service: string, index: number, item: PickerItem): string {
  return `${service}-${index + 1}.${urlExtension(item.url) ?? EXTENSION_BY_TYPE[item.type]}`;
}

export function pickedAudioFilename(service: string, result: PickerResult): string {
  return result.audioFilename ?? defaultAudioFilename(service);
}

export function defaultAudioFilename(service: string): string {
  return `${service}-audio.${AUDIO_EXTENSION}`;
}

/** The extension of the URL's last path segment, or of twitter's `?format=jpg`. */
function urlExtension(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  const segment = parsed.pathname.split('/').pop() ?? '';
  const dot = segment.lastIndexOf('.');
  const candidates = [
    dot > 0 ? segment.slice(dot + 1) : '',
    parsed.searchParams.get('format') ?? '',
  ].map((ext) => ext.toLowerCase());
  return candidates.find((ext) => MEDIA_EXTENSIONS.has(ext)) ?? null;
}
