import {
  minVersionFor,
  SERVICE_KEYS,
  SUPPORTED_SERVICES,
  supportsAudioOnly,
  type ServiceKey,
} from '../../../lib/services';

/** docs/cobalt-api.md §5.2: `audioIgnore` in cobalt's service-config.js. */
const NO_AUDIO: readonly ServiceKey[] = ['vk', 'ok', 'loom'];

describe('SUPPORTED_SERVICES', () => {
  it('is every service key, in SERVICE_KEYS order', () => {
    expect(SUPPORTED_SERVICES).toEqual(SERVICE_KEYS);
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
