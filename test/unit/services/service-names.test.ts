import {
  friendlyName,
  isSecondaryName,
  SERVICE_KEYS,
  serviceFromName,
  type ServiceKey,
} from '../../../lib/services';
import { serviceLabel } from '../../../lib/ui/service-label';

describe('serviceFromName: every layer (docs/cobalt-api.md §5.4)', () => {
  it.each<[layer: string, name: string, key: ServiceKey | null]>([
    // cobalt internal keys
    ['internal', 'bsky', 'bsky'],
    ['internal', 'twitch', 'twitch'],
    ['internal', 'ok', 'ok'],
    ['internal', 'youtube', 'youtube'],
    // GET / cobalt.services and error.context.service
    ['GET /', 'bluesky', 'bsky'],
    ['GET /', 'twitch clips', 'twitch'],
    ['GET / (10.x–11.0)', 'twitch', 'twitch'],
    ['GET /', 'ok', 'ok'],
    ['GET /', 'newgrounds', 'newgrounds'],
    // instances.hyper.lol
    ['hyper.lol', 'twitch_clips', 'twitch'],
    ['hyper.lol', 'odnoklassniki', 'ok'],
    ['hyper.lol', 'youtube_music', 'youtube'],
    ['hyper.lol', 'youtube_shorts', 'youtube'],
    ['hyper.lol (until 2024-05)', 'ok.ru', 'ok'],
    ['hyper.lol (until 2024-05)', 'vk.com', 'vk'],
    ['hyper.lol', 'vine', null],
    // cobalt.directory
    ['cobalt.directory', 'twitch-clips', 'twitch'],
    ['cobalt.directory', 'youtube-shorts', 'youtube'],
    ['cobalt.directory', 'youtube-music', 'youtube'],
    ['cobalt.directory', 'odnoklassniki', 'ok'],
    ['cobalt.directory', 'Frontend', null],
    ['cobalt.directory', 'frontend', null],
    ['cobalt.directory (removed 11.7)', 'xiaohongshu', null],
    // tracker display names (backend/tests.json keys)
    ['tests.json', 'Twitch Clips', 'twitch'],
    ['tests.json', 'BiliBili', 'bilibili'],
    ['tests.json', 'RUTUBE', 'rutube'],
    ['tests.json', 'YouTube Music', 'youtube'],
    ['tests.json', 'Bluesky', 'bsky'],
    ['tests.json', 'Vine', null],
    // our own labels and odd spacing
    ['label', 'X/Twitter', 'twitter'],
    ['label', 'OK.ru', 'ok'],
    ['spacing', '  Twitch__Clips ', 'twitch'],
    ['unknown', 'myspace', null],
    ['unknown', '', null],
  ])('%s: %j → %s', (_layer, name, key) => {
    expect(serviceFromName(name)).toBe(key);
  });
});

describe('round trips', () => {
  it.each(SERVICE_KEYS)('%s → friendlyName → serviceFromName', (service) => {
    expect(serviceFromName(friendlyName(service))).toBe(service);
  });

  it.each(SERVICE_KEYS)('%s → serviceLabel → serviceFromName', (service) => {
    expect(serviceFromName(serviceLabel(service))).toBe(service);
  });

  it.each(SERVICE_KEYS)('%s → internal key → serviceFromName', (service) => {
    expect(serviceFromName(service)).toBe(service);
  });

  it.each<[ServiceKey, string]>([
    ['bsky', 'bluesky'],
    ['twitch', 'twitch clips'],
    ['ok', 'ok'],
    ['youtube', 'youtube'],
  ])('friendlyName(%s) is the GET / spelling %j', (service, friendly) => {
    expect(friendlyName(service)).toBe(friendly);
  });
});

describe('isSecondaryName', () => {
  it.each([
    ['youtube_music', true],
    ['youtube-shorts', true],
    ['YouTube Music', true],
    ['youtube', false],
    ['twitch_clips', false],
  ])('%s → %s', (name, secondary) => {
    expect(isSecondaryName(name)).toBe(secondary);
  });
});
