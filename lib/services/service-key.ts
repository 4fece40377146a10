/**
 * cobalt's internal service keys (docs/cobalt-api.md §5.2, §5.4): the one vocabulary the engine speaks.
 * Friendly names from `GET /` and the trackers' slugs are mapped onto these in
 * `service-names.ts`, never anywhere else.
 */
export const SERVICE_KEYS = [
  'bilibili',
  'bsky',
  'dailymotion',
  'facebook',
  'instagram',
  'loom',
  'newgrounds',
  'ok',
  'pinterest',
  'reddit',
  'rutube',
  'snapchat',
  'soundcloud',
  'streamable',
  'tiktok',
  'tumblr',
  'twitch',
  'twitter',
  'vimeo',
  'vk',
  'youtube',
] as const;

export type ServiceKey = (typeof SERVICE_KEYS)[number];

export function isServiceKey(value: unknown): value is ServiceKey {
  return typeof value === 'string' && (SERVICE_KEYS as readonly string[]).includes(value);
}
