/**
 * The handful of hosts the test server recognises, with the friendly name cobalt puts in
 * `error.context.service` (docs/cobalt-api.md §5.2, §5.4). Anything else is `error.api.link.invalid`,
 * exactly like `www.x.com` or `example.com` on the real server.
 */
const HOSTS: Record<string, string> = {
  'youtube.com': 'youtube',
  'www.youtube.com': 'youtube',
  'm.youtube.com': 'youtube',
  'music.youtube.com': 'youtube',
  'youtu.be': 'youtube',
  'x.com': 'twitter',
  'twitter.com': 'twitter',
  'www.twitter.com': 'twitter',
  'tiktok.com': 'tiktok',
  'www.tiktok.com': 'tiktok',
  'vm.tiktok.com': 'tiktok',
  'vt.tiktok.com': 'tiktok',
  'instagram.com': 'instagram',
  'www.instagram.com': 'instagram',
  'reddit.com': 'reddit',
  'www.reddit.com': 'reddit',
  'old.reddit.com': 'reddit',
  'soundcloud.com': 'soundcloud',
  'vimeo.com': 'vimeo',
  'bsky.app': 'bluesky',
  'clips.twitch.tv': 'twitch clips',
  'www.twitch.tv': 'twitch clips',
};

/** `GET /` services of the real 11.7.1 captures, in their order. */
export const DEFAULT_SERVICES = [
  'bilibili',
  'bluesky',
  'dailymotion',
  'facebook',
  'instagram',
  'loom',
  'ok',
  'pinterest',
  'newgrounds',
  'reddit',
  'rutube',
  'snapchat',
  'soundcloud',
  'streamable',
  'tiktok',
  'tumblr',
  'twitch clips',
  'twitter',
  'vimeo',
  'vk',
  'youtube',
];

/** Paths of a known service that cobalt does not handle → `error.api.link.unsupported`. */
const UNSUPPORTED_PATHS: Record<string, RegExp> = {
  youtube: /^\/(playlist|channel\/|@|c\/|user\/)/,
  twitter: /^\/[^/]+\/?$/,
};

export type LinkVerdict =
  | { kind: 'service'; service: string }
  | { kind: 'unsupported'; service: string }
  | { kind: 'invalid' };

/** What cobalt's `extract()` would say about a link (docs/cobalt-api.md §5.1), for the hosts above. */
export function classifyLink(link: string): LinkVerdict {
  let url: URL;
  try {
    url = new URL(link.startsWith('https//') ? `https://${link.slice(7)}` : link);
  } catch {
    return { kind: 'invalid' };
  }
  const service = HOSTS[url.hostname.toLowerCase()];
  if (!service) return { kind: 'invalid' };
  if (UNSUPPORTED_PATHS[service]?.test(url.pathname)) return { kind: 'unsupported', service };
  return { kind: 'service', service };
}
