import { isServiceKey, type ServiceKey } from './service-key';

/**
 * The one place where service names from every layer meet (docs/cobalt-api.md §5.4, docs/rules.md "Service
 * detection"). cobalt's internal keys (`bsky`, `twitch`, `ok`) are what the engine speaks;
 * `GET /` and error contexts use friendly names (`bluesky`, `twitch clips`); instances.hyper.lol
 * writes `twitch_clips`, `odnoklassniki`; cobalt.directory writes `twitch-clips`.
 */

/** Friendly name as `GET /` `cobalt.services` and `error.context.service` spell it (11.1+). */
const FRIENDLY: Record<ServiceKey, string> = {
  bilibili: 'bilibili',
  bsky: 'bluesky',
  dailymotion: 'dailymotion',
  facebook: 'facebook',
  instagram: 'instagram',
  loom: 'loom',
  newgrounds: 'newgrounds',
  ok: 'ok',
  pinterest: 'pinterest',
  reddit: 'reddit',
  rutube: 'rutube',
  snapchat: 'snapchat',
  soundcloud: 'soundcloud',
  streamable: 'streamable',
  tiktok: 'tiktok',
  tumblr: 'tumblr',
  twitch: 'twitch clips',
  twitter: 'twitter',
  vimeo: 'vimeo',
  vk: 'vk',
  youtube: 'youtube',
};

/**
 * Every other spelling seen in the wild, after lower-casing and turning `_`/`-`/`.`/`/` runs into
 * one space (our own label `X/Twitter` becomes `x twitter`). `youtube music` / `youtube shorts`
 * are the trackers' extra YouTube tests: their test links are plain youtube.com links
 * (docs/cobalt-api.md §5.4), so they speak for `youtube`.
 */
const ALIASES: Record<string, ServiceKey> = {
  bluesky: 'bsky',
  bsky: 'bsky',
  'twitch clips': 'twitch',
  twitch: 'twitch',
  odnoklassniki: 'ok',
  ok: 'ok',
  'ok ru': 'ok', // hyper.lol keys until ~2024-05
  'vk com': 'vk', // hyper.lol keys until ~2024-05
  'youtube music': 'youtube',
  'youtube shorts': 'youtube',
  'x twitter': 'twitter',
  x: 'twitter',
};

/** Names that are not services but live in the same maps (cobalt.directory's `Frontend` test). */
const NOT_SERVICES = new Set(['frontend']);

function canonical(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[\s_./-]+/g, ' ');
}

/** Any layer's service name → internal key; null for unknown, removed (vine) or non-service keys. */
export function serviceFromName(name: string): ServiceKey | null {
  const key = canonical(name);
  if (NOT_SERVICES.has(key)) return null;
  // Own keys only: a hostile feed's "constructor" or "__proto__" must not find Object.prototype.
  if (Object.hasOwn(ALIASES, key)) return ALIASES[key] ?? null;
  return isServiceKey(key) ? key : null;
}

/** Is this a secondary YouTube test (music/shorts) that should not override the main result? */
export function isSecondaryName(name: string): boolean {
  const key = canonical(name);
  return key === 'youtube music' || key === 'youtube shorts';
}

/** Internal key → the friendly name `GET /` lists (11.1+ spelling). */
export function friendlyName(service: ServiceKey): string {
  return FRIENDLY[service];
}
