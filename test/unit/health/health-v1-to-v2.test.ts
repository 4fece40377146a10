import { healthV1ToV2 } from '../../../lib/health/health-v1-to-v2';
import { healthItem } from '../../../lib/app/stored-items';
import { readItem } from '../../../lib/storage/read-item';
import { createMemoryArea } from '../storage/memory-area';

const V1_RECORD = {
  origin: 'https://a.example',
  service: 'youtube',
  successes: 2,
  failures: 0,
  updatedAt: 1_700_000_000_000,
  quarantinedUntil: null,
  lastOutcome: 'ok',
  latencyMs: 420,
  consecutiveFailures: 0,
  latencySamples: [400, 420, 500],
};
const KEY = 'https://a.example|youtube';

describe('health table migration 1 → 2', () => {
  it.each<[string, unknown, unknown]>([
    [
      'plain numbers become complete samples, in order',
      { [KEY]: V1_RECORD },
      { [KEY]: { ...V1_RECORD, latencySamples: [{ ms: 400 }, { ms: 420 }, { ms: 500 }] } },
    ],
    [
      'a record without samples is kept as it is',
      { [KEY]: { ...V1_RECORD, latencySamples: undefined } },
      { [KEY]: { ...V1_RECORD, latencySamples: undefined } },
    ],
    [
      'a malformed sample is passed on for the schema to drop the record',
      { [KEY]: { ...V1_RECORD, latencySamples: [400, 'x'] } },
      { [KEY]: { ...V1_RECORD, latencySamples: [{ ms: 400 }, 'x'] } },
    ],
    ['a record that is not an object', { [KEY]: 7 }, { [KEY]: 7 }],
    ['not a table', 'garbage', 'garbage'],
    ['an array', [V1_RECORD], [V1_RECORD]],
  ])('%s', (_name, before, after) => {
    expect(healthV1ToV2(before)).toEqual(after);
  });

  it('a stored format-1 table reads back through the registry as format 2', async () => {
    const area = createMemoryArea();
    await area.set(healthItem.key, { version: 1, value: { [KEY]: V1_RECORD } });
    const read = await readItem(area, healthItem);
    expect(read.report).toMatchObject({ storedVersion: 1, applied: [2] });
    expect(read.value[KEY]?.latencySamples).toEqual([{ ms: 400 }, { ms: 420 }, { ms: 500 }]);
  });
});
