import { CURRENT_SETTINGS_VERSION } from '../../../lib/settings/migrations/migrate-settings';
import { DEFAULT_SETTINGS } from '../../../lib/settings/schema';
import { createStorageArea } from '../../../platform/storage-area';
import { fakeBrowser, loopbackWorld, startBackground, useBackground } from './background-harness';

/**
 * platform/storage-area.ts over fakeBrowser.storage: the area comes from the key's prefix, the
 * name after it is the browser key, and what the engine keeps lives in storage.local only.
 */
const owned = useBackground();

describe('createStorageArea', () => {
  it.each(['local', 'session', 'sync'] as const)(
    '%s: set, get and remove under the name after the prefix, in that area only',
    async (area) => {
      const storage = createStorageArea();
      const others = (['local', 'session', 'sync'] as const).filter((a) => a !== area);
      await storage.set(`${area}:thing`, { version: 1, value: [1, 2, 3] });

      expect(await fakeBrowser.storage[area].get(null)).toEqual({
        thing: { version: 1, value: [1, 2, 3] },
      });
      for (const other of others) expect(await fakeBrowser.storage[other].get(null)).toEqual({});
      expect(await storage.get(`${area}:thing`)).toEqual({ version: 1, value: [1, 2, 3] });

      await storage.remove(`${area}:thing`);
      expect(await storage.get(`${area}:thing`)).toBeUndefined();
      expect(await fakeBrowser.storage[area].get(null)).toEqual({});
    },
  );

  it('a missing key reads as undefined', async () => {
    expect(await createStorageArea().get('local:nothing-here')).toBeUndefined();
  });

  it('only the first colon separates the area: the rest is the name', async () => {
    const storage = createStorageArea();
    await storage.set('local:feeds:custom:https://a.example', 'x');
    expect(await fakeBrowser.storage.local.get(null)).toEqual({
      'feeds:custom:https://a.example': 'x',
    });
    expect(await storage.get('local:feeds:custom:https://a.example')).toBe('x');
  });

  it('remove touches its own key only', async () => {
    const storage = createStorageArea();
    await storage.set('local:a', 1);
    await storage.set('local:b', 2);
    await storage.remove('local:a');
    expect(await fakeBrowser.storage.local.get(null)).toEqual({ b: 2 });
  });

  it('stores a copy: changing the value afterwards changes nothing stored', async () => {
    const storage = createStorageArea();
    const value = { list: ['a'] };
    await storage.set('local:copy', value);
    value.list.push('b');
    expect(await storage.get('local:copy')).toEqual({ list: ['a'] });
  });

  it('reads what the browser stored under the plain name', async () => {
    await fakeBrowser.storage.session.set({ plain: { n: 1 } });
    expect(await createStorageArea().get('session:plain')).toEqual({ n: 1 });
  });
});

describe('the background on browser storage', () => {
  it('keeps settings (API keys included) in storage.local, versioned, never in sync or session', async () => {
    const { feedUrl } = await loopbackWorld(owned, 1);
    const bg = startBackground();
    const key = '582f214c-8531-40d5-9a5c-7f51ae99319d';
    const settings = (await bg.ask('options/snapshot', {})).settings;
    expect(
      await bg.ask('settings/save', {
        settings: {
          ...settings,
          myInstances: [{ origin: 'https://mine.example', apiKey: key, label: 'mine' }],
        },
      }),
    ).toEqual({ ok: true });
    await bg.ask('sources/refresh', {});

    const local = await fakeBrowser.storage.local.get(null);
    expect(local.settings).toEqual({
      version: CURRENT_SETTINGS_VERSION,
      value: expect.objectContaining({
        myInstances: [expect.objectContaining({ apiKey: key })],
      }),
    });
    expect(Object.keys(local.sources as { value: object })).toEqual(['version', 'value']);
    expect(Object.keys((local.sources as { value: object }).value)).toEqual([`custom:${feedUrl}`]);
    expect(await fakeBrowser.storage.sync.get(null)).toEqual({});
    expect(await fakeBrowser.storage.session.get(null)).toEqual({});
  });

  it('a corrupt stored setting is reset field by field, and the user is told', async () => {
    await fakeBrowser.storage.local.set({
      settings: {
        version: CURRENT_SETTINGS_VERSION,
        value: { ...DEFAULT_SETTINGS, saveAs: 'sometimes', fallback: { maxAttempts: 3 } },
      },
    });
    const bg = startBackground();
    const snapshot = await bg.ask('options/snapshot', {});
    expect(snapshot.settings.saveAs).toBe(DEFAULT_SETTINGS.saveAs);
    expect(snapshot.settings.fallback.maxAttempts).toBe(3); // the good fields stay
    expect(snapshot.notices).toEqual([
      { key: 'noticeStoredValueReset', params: [expect.stringContaining('saveAs')] },
    ]);
    // The repaired value was written back, so the notice is shown for one start only.
    const stored = (await fakeBrowser.storage.local.get('settings')).settings as {
      value: { saveAs: unknown };
    };
    expect(stored.value.saveAs).toBe(DEFAULT_SETTINGS.saveAs);
  });
});
