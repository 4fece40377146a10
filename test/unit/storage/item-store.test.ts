import { CURRENT_SETTINGS_VERSION } from '../../../lib/settings/migrations/migrate-settings';
import { DEFAULT_SETTINGS } from '../../../lib/settings/schema';
import { addRecentDownload } from '../../../lib/app/add-recent-download';
import { createItemStore } from '../../../lib/storage/item-store';
import { recentItem, settingsItem } from '../../../lib/app/stored-items';
import { createMemoryArea } from './memory-area';
import { RECENT } from './samples';

describe('createItemStore', () => {
  it('never loses a change when updates race (reads and writes of storage are slow)', async () => {
    // Each get/set takes a different time, as real storage does; unqueued, these would interleave.
    const area = createMemoryArea({}, { delayMs: (op) => (op === 'get' ? 3 : 7) });
    const store = createItemStore(area);
    const origins = [
      'https://a.example',
      'https://b.example',
      'https://c.example',
      'https://d.example',
    ];
    const results = await Promise.all(
      origins.map((origin) =>
        store.update(settingsItem, (s) => ({ ...s, pinned: [...s.pinned, origin] })),
      ),
    );
    expect(results.every((r) => r.ok)).toBe(true);
    expect((await store.read(settingsItem)).value.pinned).toEqual(origins);
    expect(area.log.slice(0, 4)).toEqual([
      'get local:settings',
      'set local:settings',
      'get local:settings',
      'set local:settings',
    ]);
  });

  it('reads after queued writes (read-your-writes)', async () => {
    const area = createMemoryArea({}, { delayMs: () => 5 });
    const store = createItemStore(area);
    const write = store.write(settingsItem, { ...DEFAULT_SETTINGS, saveAs: true });
    const read = store.read(settingsItem);
    await write;
    expect((await read).value.saveAs).toBe(true);
  });

  it('reads side by side: a read does not wait for another read', async () => {
    const area = createMemoryArea({}, { delayMs: () => 5 });
    let inFlight = 0;
    let most = 0;
    const get = area.get.bind(area);
    area.get = async (key) => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      try {
        return await get(key);
      } finally {
        inFlight -= 1;
      }
    };
    const store = createItemStore(area);
    await Promise.all([store.read(settingsItem), store.read(recentItem)]);
    expect(most).toBe(2);
  });

  it('a write queued while a repaired value is read is kept, not overwritten by the repair', async () => {
    const area = createMemoryArea(
      { 'local:settings': { version: CURRENT_SETTINGS_VERSION, value: { saveAs: 'x' } } },
      { delayMs: (op) => (op === 'get' ? 1 : 10) },
    );
    const store = createItemStore(area);
    // The read sees the corrupt value; the write, queued just after it began, lands before the
    // read's write-back runs.
    const read = store.read(settingsItem);
    const write = store.write(settingsItem, { ...DEFAULT_SETTINGS, saveAs: true });
    expect((await read).report.replaced).toHaveLength(1);
    await write;
    expect((await store.read(settingsItem)).value.saveAs).toBe(true);
  });

  it('stores a migrated value back once, so the migration does not run again', async () => {
    const area = createMemoryArea({ 'local:settings': { version: 1, value: { mode: 'audio' } } });
    const store = createItemStore(area);
    const first = await store.read(settingsItem);
    expect(first.report.applied).toEqual([2, 3, 4, 5]);
    expect(area.data.get('local:settings')).toEqual({
      version: CURRENT_SETTINGS_VERSION,
      value: first.value,
    });
    const second = await store.read(settingsItem);
    expect(second.report).toMatchObject({ applied: [], replaced: [], rewrite: false });
    expect(second.value).toEqual(first.value);
  });

  it('stores a repaired value back, so a corrupt field is reported once', async () => {
    const area = createMemoryArea({
      'local:settings': { version: CURRENT_SETTINGS_VERSION, value: { saveAs: 'x' } },
    });
    const store = createItemStore(area);
    expect((await store.read(settingsItem)).report.replaced).toHaveLength(1);
    expect((await store.read(settingsItem)).report.replaced).toEqual([]);
  });

  it('leaves a value from a newer release in storage untouched', async () => {
    const newer = { version: CURRENT_SETTINGS_VERSION + 1, value: { future: true } };
    const area = createMemoryArea({ 'local:settings': newer });
    const store = createItemStore(area);
    expect((await store.read(settingsItem)).value).toEqual(DEFAULT_SETTINGS);
    expect(area.data.get('local:settings')).toEqual(newer);
  });

  it('refuses an update whose result is invalid, and keeps the stored value', async () => {
    const area = createMemoryArea();
    const store = createItemStore(area);
    await store.write(recentItem, [RECENT]);
    const result = await store.update(recentItem, (list) => [
      ...list,
      { ...RECENT, service: 'myspace' as 'tiktok' },
    ]);
    expect(result.ok).toBe(false);
    expect((await store.read(recentItem)).value).toEqual([RECENT]);
  });

  it('updates the recent list through its helper, newest first, within the cap', async () => {
    const store = createItemStore(createMemoryArea());
    for (let i = 0; i < 25; i++)
      await store.update(recentItem, (list) => addRecentDownload(list, { ...RECENT, at: i }));
    const { value } = await store.read(recentItem);
    expect(value.map((r) => r.at)).toEqual(Array.from({ length: 20 }, (_, i) => 24 - i));
  });

  it('removes an item, after earlier writes', async () => {
    const area = createMemoryArea();
    const store = createItemStore(area);
    void store.write(settingsItem, DEFAULT_SETTINGS);
    await store.remove(settingsItem);
    expect(area.data.has('local:settings')).toBe(false);
  });
});
