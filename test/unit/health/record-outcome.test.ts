import type { ClassifiedError, ErrorClass } from '../../../lib/cobalt/error-action';
import { HEALTH_HALF_LIFE_MS } from '../../../lib/health/decayed-counts';
import { healthKey, type HealthRecord, type HealthTable } from '../../../lib/health/health-state';
import { isQuarantined } from '../../../lib/health/is-quarantined';
import { RATE_LIMIT_MAX_MS } from '../../../lib/health/quarantine-until';
import {
  LATENCY_WINDOW,
  RATE_LIMIT_FAILURE_WEIGHT,
  recordLatencyBound,
  recordOutcome,
  TRANSIENT_FAILURE_WEIGHT,
  type OutcomeReport,
} from '../../../lib/health/record-outcome';
import { median } from '../../../lib/health/median-latency';

const NOW = 1_700_000_000_000;
const MIN = 60_000;
const ORIGIN = 'https://a.example';
const KEY = healthKey(ORIGIN, 'youtube');

function err(
  errorClass: ErrorClass,
  code = 'error.api.fetch.fail',
  over: Partial<ClassifiedError> = {},
): ClassifiedError {
  return { code, errorClass, action: errorClass === 'content' ? 'stop' : 'failover', ...over };
}

function report(
  outcome: OutcomeReport['outcome'],
  over: Partial<OutcomeReport> = {},
): OutcomeReport {
  return { origin: ORIGIN, service: 'youtube', outcome, now: NOW, ...over };
}

function apply(table: HealthTable, ...reports: OutcomeReport[]): HealthTable {
  return reports.reduce(recordOutcome, table);
}

function rec(table: HealthTable): HealthRecord {
  const record = table[KEY];
  if (!record) throw new Error('no record');
  return record;
}

const quarantined: HealthRecord = {
  origin: ORIGIN,
  service: 'youtube',
  successes: 2,
  failures: 1,
  updatedAt: NOW,
  quarantinedUntil: NOW + 10 * MIN,
  lastOutcome: 'error.api.fetch.fail',
  latencyMs: 300,
  consecutiveFailures: 2,
};

describe('recordOutcome: what counts against an instance', () => {
  it.each<[string, OutcomeReport['outcome'], number, number]>([
    ['success', 'ok', 1, 0],
    ['instance failure', err('instance'), 0, 1],
    [
      'rate limit',
      err('instance', 'error.api.rate_exceeded', { action: 'retry-later' }),
      0,
      RATE_LIMIT_FAILURE_WEIGHT,
    ],
    ['transient failure', err('transient', 'client.network'), 0, TRANSIENT_FAILURE_WEIGHT],
  ])('%s on a fresh table → %d successes, %d failures', (_name, outcome, successes, failures) => {
    const record = rec(recordOutcome({}, report(outcome)));
    expect(record.successes).toBe(successes);
    expect(record.failures).toBe(failures);
    expect(record.lastOutcome).toBe(outcome === 'ok' ? 'ok' : outcome.code);
  });

  it.each([
    ['content: private post', err('content', 'error.api.content.post.private')],
    ['content: video unavailable', err('content', 'error.api.content.video.unavailable')],
    ['client: invalid body (our bug)', err('client', 'error.api.invalid_body', { action: 'fix' })],
  ])('%s never counts and never creates a record', (_name, outcome) => {
    const table: HealthTable = {};
    expect(recordOutcome(table, report(outcome))).toBe(table);
  });

  it.each([
    ['content', err('content', 'error.api.content.video.private')],
    ['client', err('client', 'error.api.invalid_body', { action: 'fix' })],
  ])('a %s failure keeps counts and quarantine, noting only the last outcome', (_name, outcome) => {
    const table = { [KEY]: quarantined };
    const record = rec(recordOutcome(table, report(outcome)));
    expect(record).toEqual({ ...quarantined, lastOutcome: outcome.code });
    expect(isQuarantined(record, NOW + 5 * MIN)).toBe(true);
  });

  it('is immutable: the input table and record are untouched', () => {
    const table = { [KEY]: quarantined };
    const snapshot = structuredClone(table);
    const next = recordOutcome(table, report('ok'));
    expect(table).toEqual(snapshot);
    expect(next).not.toBe(table);
    expect(next[KEY]).not.toBe(quarantined);
  });

  it('keeps records of other origins and services as they are', () => {
    const other = { ...quarantined, origin: 'https://b.example' };
    const otherKey = healthKey(other.origin, 'youtube');
    const sameOriginOtherService = { ...quarantined, service: 'tiktok' as const };
    const tiktokKey = healthKey(ORIGIN, 'tiktok');
    const next = recordOutcome(
      { [otherKey]: other, [tiktokKey]: sameOriginOtherService },
      report(err('instance')),
    );
    expect(next[otherKey]).toBe(other);
    expect(next[tiktokKey]).toBe(sameOriginOtherService);
  });
});

describe('recordOutcome: quarantine', () => {
  it.each([
    [1, 2 * MIN],
    [2, 10 * MIN],
    [3, 60 * MIN],
    [4, 60 * MIN],
  ])('%d consecutive instance failures → benched for %d ms', (count, ms) => {
    const reports = Array.from({ length: count }, () => report(err('instance')));
    const record = rec(apply({}, ...reports));
    expect(record.consecutiveFailures).toBe(count);
    expect(record.quarantinedUntil).toBe(NOW + ms);
  });

  it('a success clears the quarantine and the streak', () => {
    const record = rec(apply({ [KEY]: quarantined }, report('ok')));
    expect(record.quarantinedUntil).toBeNull();
    expect(record.consecutiveFailures).toBe(0);
    expect(isQuarantined(record, NOW)).toBe(false);
  });

  it('the streak restarts after a success', () => {
    const record = rec(
      apply(
        {},
        report(err('instance')),
        report(err('instance')),
        report('ok'),
        report(err('instance')),
      ),
    );
    expect(record.quarantinedUntil).toBe(NOW + 2 * MIN);
  });

  it('a shorter new quarantine never shortens a longer one', () => {
    const long = { ...quarantined, quarantinedUntil: NOW + 60 * MIN, consecutiveFailures: 0 };
    const record = rec(recordOutcome({ [KEY]: long }, report(err('instance'))));
    expect(record.quarantinedUntil).toBe(NOW + 60 * MIN);
  });

  it('a transient failure neither quarantines nor grows the streak', () => {
    const record = rec(
      apply(
        {},
        report(err('transient', 'client.network')),
        report(err('transient', 'client.network')),
      ),
    );
    expect(record.quarantinedUntil).toBeNull();
    expect(record.consecutiveFailures ?? 0).toBe(0);
  });

  it.each<[string, Partial<ClassifiedError>, OutcomeReport['rateLimit'], number]>([
    ['retryAt', { retryAt: NOW + 45_000 }, null, NOW + 45_000],
    [
      'Retry-After header',
      {},
      { limit: 20, remaining: 0, resetSeconds: 50, retryAfterSeconds: 30 },
      NOW + 30_000,
    ],
    [
      'RateLimit-Reset header',
      {},
      { limit: 20, remaining: 0, resetSeconds: 50, retryAfterSeconds: null },
      NOW + 50_000,
    ],
    [
      'garbage retryAt, sane header',
      { retryAt: Number.NaN },
      { limit: 20, remaining: 0, resetSeconds: 12, retryAfterSeconds: null },
      NOW + 12_000,
    ],
    [
      'a reset a day away',
      {},
      { limit: 20, remaining: 0, resetSeconds: 86_400, retryAfterSeconds: null },
      NOW + RATE_LIMIT_MAX_MS,
    ],
  ])('a rate limit benches until the reset (%s)', (_name, over, rateLimit, until) => {
    const outcome = err('instance', 'error.api.rate_exceeded', { action: 'retry-later', ...over });
    const record = rec(recordOutcome({}, report(outcome, { rateLimit })));
    expect(record.quarantinedUntil).toBe(until);
    expect(record.consecutiveFailures ?? 0).toBe(0);
  });

  it('a success that spent the last request of the window benches until the reset', () => {
    const rateLimit = { limit: 20, remaining: 0, resetSeconds: 40, retryAfterSeconds: null };
    const record = rec(recordOutcome({ [KEY]: quarantined }, report('ok', { rateLimit })));
    expect(record.successes).toBeCloseTo(3, 10);
    expect(record.quarantinedUntil).toBe(NOW + 40_000);
  });

  it('a success with requests left in the window is not benched', () => {
    const rateLimit = { limit: 20, remaining: 3, resetSeconds: 40, retryAfterSeconds: null };
    expect(rec(recordOutcome({}, report('ok', { rateLimit }))).quarantinedUntil).toBeNull();
  });
});

describe('recordOutcome: decay', () => {
  it('decays old counts before adding the new outcome', () => {
    const old = { ...quarantined, successes: 4, failures: 2, quarantinedUntil: null };
    const record = rec(
      recordOutcome({ [KEY]: old }, report('ok', { now: NOW + HEALTH_HALF_LIFE_MS })),
    );
    expect(record.successes).toBeCloseTo(3, 10);
    expect(record.failures).toBeCloseTo(1, 10);
    expect(record.updatedAt).toBe(NOW + HEALTH_HALF_LIFE_MS);
  });

  it('a clock that went backwards does not move the reference point back', () => {
    const record = rec(recordOutcome({ [KEY]: quarantined }, report('ok', { now: NOW - 1000 })));
    expect(record.updatedAt).toBe(NOW);
    expect(record.successes).toBe(3);
  });
});

describe('recordOutcome: latency', () => {
  it.each<[string, number[], number]>([
    ['one sample', [200], 200],
    ['odd window', [100, 900, 300], 300],
    ['even window', [100, 300], 200],
    ['an outlier does not drag the median', [200, 210, 20_000, 190, 205], 205],
  ])('%s → %d ms', (_name, latencies, median) => {
    const record = rec(apply({}, ...latencies.map((latencyMs) => report('ok', { latencyMs }))));
    expect(record.latencyMs).toBe(median);
  });

  it(`keeps only the last ${LATENCY_WINDOW} samples`, () => {
    const recent = Array.from({ length: LATENCY_WINDOW }, (_, i) => 100 + i);
    const latencies = [5000, 5000, 5000, ...recent];
    const record = rec(apply({}, ...latencies.map((latencyMs) => report('ok', { latencyMs }))));
    expect(record.latencySamples).toEqual(recent.map((ms) => ({ ms })));
    expect(record.latencyMs).toBe(median(recent));
  });

  it.each([[-5], [Number.NaN], [Infinity]])('ignores a garbage latency (%d)', (latencyMs) => {
    const record = rec(recordOutcome({ [KEY]: quarantined }, report('ok', { latencyMs })));
    expect(record.latencyMs).toBe(300);
  });

  it('failures do not record latency', () => {
    const record = rec(recordOutcome({}, report(err('instance'), { latencyMs: 999 })));
    expect(record.latencyMs).toBeNull();
  });
});

describe('recordLatencyBound: a loser cancelled because another instance answered first', () => {
  const bound = (ms: number, now = NOW, silent = false) =>
    ({ origin: ORIGIN, service: 'youtube', ms, now, silent }) as const;

  it('is never a fault: counts, streak and quarantine untouched, only a lower-bound sample', () => {
    const before: HealthTable = { [KEY]: { ...quarantined, quarantinedUntil: null } };
    const record = rec(recordLatencyBound(before, bound(2500)));
    expect(record).toEqual({
      ...quarantined,
      quarantinedUntil: null,
      latencySamples: [{ ms: 2500, lowerBound: true }],
    });
    expect(isQuarantined({ [KEY]: record }[healthKey(ORIGIN, 'youtube')], NOW)).toBe(false);
  });

  it('marks a loser that had outlived its hedge delay (it was being rescued), and only that one', () => {
    const table = recordLatencyBound(recordLatencyBound({}, bound(700)), bound(7000, NOW, true));
    expect(rec(table).latencySamples).toEqual([
      { ms: 700, lowerBound: true },
      { ms: 7000, lowerBound: true, silent: true },
    ]);
    expect(rec(table)).toMatchObject({ successes: 0, failures: 0, quarantinedUntil: null });
  });

  it('starts a record for an instance never heard of, with no weight either way', () => {
    const record = rec(recordLatencyBound({}, bound(900)));
    expect(record).toMatchObject({
      successes: 0,
      failures: 0,
      quarantinedUntil: null,
      latencySamples: [{ ms: 900, lowerBound: true }],
      latencyMs: null,
    });
  });

  it('does not change the median of complete answers', () => {
    const table = apply({}, report('ok', { latencyMs: 400 }), report('ok', { latencyMs: 600 }));
    expect(rec(recordLatencyBound(table, bound(9000))).latencyMs).toBe(rec(table).latencyMs);
    const after = rec(
      apply(recordLatencyBound(table, bound(9000)), report('ok', { latencyMs: 500 })),
    );
    expect(after.latencyMs).toBe(500);
    expect(after.latencySamples).toEqual([
      { ms: 400 },
      { ms: 600 },
      { ms: 9000, lowerBound: true },
      { ms: 500 },
    ]);
  });

  it.each([[-1], [Number.NaN], [Infinity]])('ignores a garbage time (%d)', (ms) => {
    const table: HealthTable = { [KEY]: quarantined };
    expect(recordLatencyBound(table, bound(ms))).toBe(table);
  });
});
