import { CURRENT_SETTINGS_VERSION } from '../../../lib/settings/migrations/migrate-settings';
import { DEFAULT_SETTINGS } from '../../../lib/settings/schema';
import { recentItem, settingsItem } from '../../../lib/app/stored-items';
import type { StorageArea } from '../../../lib/storage/storage-area';
import { writeItem } from '../../../lib/storage/write-item';
import { FULL_SETTINGS } from '../settings/full-settings';
import { createMemoryArea } from './memory-area';
import { RECENT } from './samples';

describe('writeItem', () => {
  it('stores the value in its versioned envelope', async () => {
    const area = createMemoryArea();
    expect(await writeItem(area, settingsItem, FULL_SETTINGS)).toEqual({
      ok: true,
      value: FULL_SETTINGS,
    });
    expect(area.data.get('local:settings')).toEqual({
      version: CURRENT_SETTINGS_VERSION,
      value: FULL_SETTINGS,
    });
  });

  it('stores (and returns) the normalised value, without unknown keys', async () => {
    const area = createMemoryArea();
    const result = await writeItem(area, settingsItem, { pinned: [' A.example '], stray: 1 });
    const expected = { ...DEFAULT_SETTINGS, pinned: ['https://a.example'] };
    expect(result).toEqual({ ok: true, value: expected });
    expect(area.data.get('local:settings')).toEqual({
      version: CURRENT_SETTINGS_VERSION,
      value: expected,
    });
  });

  it.each<[string, unknown, { path: string; message: string }[]]>([
    [
      'invalid fields, one problem each',
      { saveAs: 'yes', download: { videoQuality: '9999' } },
      [
        {
          path: 'download.videoQuality',
          message:
            'download.videoQuality: "9999" is not one of max, 4320, 2160, 1440, 1080, 720, 480, 360, 240, 144',
        },
        { path: 'saveAs', message: 'saveAs: "yes" is not true or false' },
      ],
    ],
    ['not an object', 'x', [{ path: '', message: 'local:settings: "x" is not an object' }]],
    ['nothing', undefined, [{ path: '', message: 'local:settings: nothing to save' }]],
  ])('refuses %s and writes nothing', async (_, value, problems) => {
    const area = createMemoryArea();
    expect(await writeItem(area, settingsItem, value)).toEqual({ ok: false, problems });
    expect(area.data.size).toBe(0);
  });

  it('refuses a list over its cap rather than cutting it silently', async () => {
    const area = createMemoryArea();
    const list = Array.from({ length: 21 }, () => RECENT);
    expect(await writeItem(area, recentItem, list)).toEqual({
      ok: false,
      problems: [{ path: '', message: 'local:recent: has 21 entries, more than the 20 allowed' }],
    });
  });

  it('reports a storage failure (quota) as a problem instead of throwing', async () => {
    const full: StorageArea = {
      get: async () => undefined,
      set: () => Promise.reject(new Error('QUOTA_BYTES quota exceeded')),
      remove: async () => undefined,
    };
    expect(await writeItem(full, settingsItem, DEFAULT_SETTINGS)).toEqual({
      ok: false,
      problems: [
        {
          path: '',
          message: 'local:settings: could not be saved (Error: QUOTA_BYTES quota exceeded)',
        },
      ],
    });
  });
});
