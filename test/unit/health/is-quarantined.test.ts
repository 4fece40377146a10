import type { HealthRecord } from '../../../lib/health/health-state';
import { isQuarantined } from '../../../lib/health/is-quarantined';

const NOW = 1_700_000_000_000;
const ORIGIN = 'https://a.example';

function record(quarantinedUntil: number | null): HealthRecord {
  return {
    origin: ORIGIN,
    service: 'twitter',
    successes: 0,
    failures: 1,
    updatedAt: NOW,
    quarantinedUntil,
    lastOutcome: 'error.api.fetch.fail',
    latencyMs: null,
  };
}

describe('isQuarantined', () => {
  it.each<[string, number | null, boolean]>([
    ['until later', NOW + 1, true],
    ['until exactly now (over)', NOW, false],
    ['until earlier', NOW - 1, false],
    ['never', null, false],
  ])('%s → %s', (_name, until, expected) => {
    expect(isQuarantined(record(until), NOW)).toBe(expected);
  });

  it('is false without a record (never failed)', () => {
    expect(isQuarantined(undefined, NOW)).toBe(false);
  });
});
