import { SERVICE_KEYS } from '../../../lib/services/service-key';
import { SERVICE_LABELS, serviceLabel } from '../../../lib/ui/service-label';

describe('serviceLabel', () => {
  // One table serves the engine (badge, notifications) and the UI.
  it.each([...SERVICE_KEYS])('%s has a label', (service) => {
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
