import type { ServiceKey } from '../services/service-key';

/** Display names of cobalt's services (brand names: not translated). */
export const SERVICE_LABELS: Record<ServiceKey, string> = {
  bilibili: 'Bilibili',
  bsky: 'Bluesky',
  dailymotion: 'Dailymotion',
  facebook: 'Facebook',
  instagram: 'Instagram',
  loom: 'Loom',
  newgrounds: 'Newgrounds',
  ok: 'OK.ru',
  pinterest: 'Pinterest',
  reddit: 'Reddit',
  rutube: 'RUTUBE',
  snapchat: 'Snapchat',
  soundcloud: 'SoundCloud',
  streamable: 'Streamable',
  tiktok: 'TikTok',
  tumblr: 'Tumblr',
  twitch: 'Twitch clips',
  twitter: 'X / Twitter',
  vimeo: 'Vimeo',
  vk: 'VK',
  youtube: 'YouTube',
};

export function serviceLabel(service: ServiceKey): string {
  return SERVICE_LABELS[service] ?? service;
}
