import type { Job } from '../../../lib/app/job';
import type { HealthRecord } from '../../../lib/health/health-state';
import type { HistoryEntry } from '../../../lib/model/history-entry';
import type { RecentDownload } from '../../../lib/model/recent-download';
import type { ProbeResult } from '../../../lib/probe/probe-result';
import type { SourceState } from '../../../lib/sources/source-state';
import {
  batchQueueItem,
  instanceBudgetsItem,
  historyItem,
  healthItem,
  jobsItem,
  probeCacheItem,
  recentItem,
  settingsItem,
  SOURCE_STATES_KEY,
  sourceStatesItem,
  STORAGE_ITEMS,
  STORAGE_KEYS,
} from '../../../lib/app/stored-items';
import { readItem } from '../../../lib/storage/read-item';
import { writeItem } from '../../../lib/storage/write-item';
import { createMemoryArea } from '../storage/memory-area';

describe('storage items registry', () => {
  it('gives every item its own key', () => {
    expect(new Set(STORAGE_KEYS).size).toBe(STORAGE_KEYS.length);
    expect(STORAGE_KEYS).toContain(SOURCE_STATES_KEY);
  });

  it('lists every item', () => {
    expect(STORAGE_ITEMS).toEqual([
      settingsItem,
      sourceStatesItem,
      probeCacheItem,
      healthItem,
      jobsItem,
      recentItem,
      batchQueueItem,
      instanceBudgetsItem,
      historyItem,
    ]);
    expect(sourceStatesItem.key).toBe(SOURCE_STATES_KEY);
  });

  it('keeps every field of the contract types (a field missing from a schema would be stripped)', () => {
    type Value<I> = I extends { fallback: infer T } ? T : never;
    type Entry<T> = T extends Record<string, infer V> ? V : T extends (infer V)[] ? V : never;
    expectTypeOf<keyof Entry<Value<typeof jobsItem>>>().toEqualTypeOf<keyof Job>();
    expectTypeOf<keyof Entry<Value<typeof recentItem>>>().toEqualTypeOf<keyof RecentDownload>();
    expectTypeOf<keyof Entry<Value<typeof historyItem>>>().toEqualTypeOf<keyof HistoryEntry>();
    expectTypeOf<keyof Entry<Value<typeof probeCacheItem>>>().toEqualTypeOf<keyof ProbeResult>();
    expectTypeOf<keyof Entry<Value<typeof healthItem>>>().toEqualTypeOf<keyof HealthRecord>();
    expectTypeOf<keyof Entry<Value<typeof sourceStatesItem>>>().toEqualTypeOf<keyof SourceState>();
  });

  describe.each(STORAGE_ITEMS.map((item) => [item.key, item] as const))('%s', (key, item) => {
    it('names its storage area in the key', () => {
      expect(key).toMatch(/^(local|session|sync):[a-zA-Z]+$/);
    });

    it('has a whole, positive version', () => {
      expect(Number.isInteger(item.version) && item.version >= 1).toBe(true);
    });

    it('has exactly one migration for every step up to its version', () => {
      const steps = Object.keys(item.migrations)
        .map(Number)
        .sort((a, b) => a - b);
      expect(steps).toEqual(Array.from({ length: item.version - 1 }, (_, i) => i + 2));
    });

    it('has a fallback its own schema accepts unchanged', () => {
      expect(item.schema.parse(item.fallback)).toEqual(item.fallback);
    });

    it('reads back what it writes', async () => {
      const area = createMemoryArea();
      expect(await writeItem(area, item, item.fallback)).toEqual({
        ok: true,
        value: item.fallback,
      });
      const read = await readItem(area, item);
      expect(read.value).toEqual(item.fallback);
      expect(read.report).toMatchObject({
        storedVersion: item.version,
        applied: [],
        replaced: [],
        rewrite: false,
      });
    });
  });

  it('is frozen (items are shared constants)', () => {
    expect(Object.isFrozen(settingsItem)).toBe(true);
    expect(Object.isFrozen(settingsItem.migrations)).toBe(true);
  });
});
