import { healthKey, type HealthRecord } from '../../../lib/health/health-state';
import { isQuarantined } from '../../../lib/health/is-quarantined';

const NOW = 1_700_000_000_000;
const ORIGIN = 'https://a.example';

function table(quarantinedUntil: number | null) {
  const record: HealthRecord = {
    origin: ORIGIN,
    service: 'twitter',
    successes: 0,
    failures: 1,
    updatedAt: NOW,
    quarantinedUntil,
    lastOutcome: 'error.api.fetch.fail',
    latencyMs: null,
  };
  return { [healthKey(ORIGIN, 'twitter')]: record };
}

describe('isQuarantined', () => {
  it.each<[string, number | null, boolean]>([
    ['until later', NOW + 1, true],
    ['until exactly now (over)', NOW, false],
    ['until earlier', NOW - 1, false],
    ['never', null, false],
  ])('%s → %s', (_name, until, expected) => {
    expect(isQuarantined(table(until), ORIGIN, 'twitter', NOW)).toBe(expected);
  });

  it.each([
    ['another service of the same instance', ORIGIN, 'youtube'],
    ['the same service of another instance', 'https://b.example', 'twitter'],
  ] as const)('is per (instance, service): %s is free', (_name, origin, service) => {
    expect(isQuarantined(table(NOW + 60_000), origin, service, NOW)).toBe(false);
  });
});
