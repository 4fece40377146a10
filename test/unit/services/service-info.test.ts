import {
  minVersionFor,
  SERVICE_KEYS,
  serviceLabel,
  SUPPORTED_SERVICES,
  supportsAudioOnly,
  type ServiceKey,
} from '../../../lib/services';
import { SERVICE_LABELS } from '../../../lib/ui/service-label';

/** docs/cobalt-api.md §5.2: `audioIgnore` in cobalt's service-config.js. */
const NO_AUDIO: readonly ServiceKey[] = ['vk', 'ok', 'loom'];

describe('SUPPORTED_SERVICES', () => {
  it('is every service key, in SERVICE_KEYS order', () => {
    expect(SUPPORTED_SERVICES).toEqual(SERVICE_KEYS);
  });
});

describe('serviceLabel', () => {
  // One table (lib/ui/service-label.ts) serves the engine (badge, notifications) and the UI.
  it.each([...SERVICE_KEYS])('%s has a label, the same one the UI shows', (service) => {
    expect(serviceLabel(service)).toBe(SERVICE_LABELS[service]);
    expect(serviceLabel(service).trim()).not.toBe('');
  });

  it('labels are distinct', () => {
    const labels = SERVICE_KEYS.map(serviceLabel);
    expect(new Set(labels).size).toBe(labels.length);
  });

  it.each([
    ['youtube', 'YouTube'],
    ['bsky', 'Bluesky'],
    ['twitch', 'Twitch clips'],
    ['ok', 'OK.ru'],
  ] as const)('%s → %s', (service, label) => {
    expect(serviceLabel(service)).toBe(label);
  });
});

describe('supportsAudioOnly', () => {
  it.each(SERVICE_KEYS.map((service) => [service, !NO_AUDIO.includes(service)] as const))(
    '%s → %s',
    (service, audio) => {
      expect(supportsAudioOnly(service)).toBe(audio);
    },
  );
});

describe('minVersionFor (docs/cobalt-api.md §5.3)', () => {
  it.each(
    SERVICE_KEYS.map((service) => [service, service === 'newgrounds' ? '11.4' : null] as const),
  )('%s → %s', (service, version) => {
    expect(minVersionFor(service)).toBe(version);
  });
});
