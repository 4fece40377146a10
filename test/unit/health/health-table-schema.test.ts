import { healthKey, type HealthRecord } from '../../../lib/health/health-state';
import { HealthTableSchema, parseHealthTable } from '../../../lib/health/health-table-schema';
import { LATENCY_WINDOW, recordOutcome } from '../../../lib/health/record-outcome';

const good: HealthRecord = {
  origin: 'https://a.example',
  service: 'youtube',
  successes: 2.5,
  failures: 0.25,
  updatedAt: 1_700_000_000_000,
  quarantinedUntil: null,
  lastOutcome: 'ok',
  latencyMs: 420,
  consecutiveFailures: 0,
  latencySamples: [{ ms: 400 }, { ms: 420 }, { ms: 500 }],
};
const GOOD_KEY = healthKey(good.origin, good.service);

describe('HealthTableSchema', () => {
  it('round-trips a table written by recordOutcome through JSON', () => {
    let table = recordOutcome(
      {},
      { origin: 'https://a.example', service: 'youtube', outcome: 'ok', latencyMs: 120, now: 1000 },
    );
    table = recordOutcome(table, {
      origin: 'https://b.example:8443',
      service: 'bsky',
      outcome: { code: 'error.api.fetch.fail', action: 'failover', errorClass: 'instance' },
      now: 2000,
    });
    expect(parseHealthTable(JSON.parse(JSON.stringify(table)))).toEqual(table);
  });

  it.each<[string, unknown]>([
    ['a string', 'garbage'],
    ['a number', 42],
    ['null', null],
    ['an array', [good]],
    ['undefined', undefined],
  ])('a stored value that is %s yields an empty table', (_name, raw) => {
    expect(parseHealthTable(raw)).toEqual({});
  });

  it.each<[string, Record<string, unknown>]>([
    ['negative successes', { successes: -1 }],
    ['NaN failures (stored as null)', { failures: null }],
    ['unknown service', { service: 'myspace' }],
    ['origin with a path', { origin: 'https://a.example/api' }],
    ['origin that is not http(s)', { origin: 'ftp://a.example' }],
    ['string updatedAt', { updatedAt: '1700000000000' }],
    ['quarantine as a date string', { quarantinedUntil: '2030-01-01' }],
    ['fractional streak', { consecutiveFailures: 1.5 }],
    [
      'too many latency samples',
      { latencySamples: Array.from({ length: LATENCY_WINDOW + 1 }, (_, ms) => ({ ms })) },
    ],
    ['latency samples as plain numbers (format 1, unmigrated)', { latencySamples: [1, 2] }],
    ['a lower bound that is not `true`', { latencySamples: [{ ms: 5, lowerBound: false }] }],
    ['missing latency', { latencyMs: undefined }],
  ])('drops only the corrupt record (%s)', (_name, corruption) => {
    const bad = { ...good, origin: 'https://bad.example', ...corruption };
    const badKey = healthKey(String(bad.origin), bad.service as HealthRecord['service']);
    const parsed = parseHealthTable({ [GOOD_KEY]: good, [badKey]: bad });
    expect(parsed).toEqual({ [GOOD_KEY]: good });
  });

  it('drops a record stored under a key that is not its own', () => {
    const parsed = parseHealthTable({
      [GOOD_KEY]: good,
      'https://x.example|tiktok': good,
      __proto__x: good,
    });
    expect(parsed).toEqual({ [GOOD_KEY]: good });
  });

  it('ignores unknown fields of a good record', () => {
    const parsed = HealthTableSchema.parse({
      [GOOD_KEY]: { ...good, extra: 'from a newer version' },
    });
    expect(parsed).toEqual({ [GOOD_KEY]: good });
  });

  it('accepts records written before the optional fields existed', () => {
    const { consecutiveFailures: _c, latencySamples: _l, ...older } = good;
    expect(parseHealthTable({ [GOOD_KEY]: older })).toEqual({ [GOOD_KEY]: older });
  });
});
