import { healthKey, type HealthRecord, type HealthTable } from '../../../lib/health/health-state';
import { median, medianLatency } from '../../../lib/health/median-latency';
import type { ServiceKey } from '../../../lib/services/service-key';

function tableOf(rows: [string, ServiceKey, number | null][]): HealthTable {
  const table: HealthTable = {};
  for (const [origin, service, latencyMs] of rows) {
    const record: HealthRecord = {
      origin,
      service,
      successes: 1,
      failures: 0,
      updatedAt: 0,
      quarantinedUntil: null,
      lastOutcome: 'ok',
      latencyMs,
    };
    table[healthKey(origin, service)] = record;
  }
  return table;
}

describe('medianLatency', () => {
  const table = tableOf([
    ['https://a.example', 'youtube', 100],
    ['https://b.example', 'youtube', 300],
    ['https://c.example', 'youtube', 20_000],
    ['https://d.example', 'youtube', null],
    ['https://a.example', 'tiktok', 50],
    ['https://b.example', 'tiktok', 70],
  ]);

  it.each<[ServiceKey, number | null]>([
    ['youtube', 300],
    ['tiktok', 60],
    ['vimeo', null],
  ])('%s → %s', (service, expected) => {
    expect(medianLatency(table, service)).toBe(expected);
  });
});

describe('median', () => {
  it.each<[number[], number | null]>([
    [[], null],
    [[7], 7],
    [[3, 1, 2], 2],
    [[4, 1, 3, 2], 2.5],
  ])('%j → %s', (values, expected) => {
    expect(median(values)).toBe(expected);
  });

  it('does not reorder its input', () => {
    const values = [3, 1, 2];
    median(values);
    expect(values).toEqual([3, 1, 2]);
  });
});
