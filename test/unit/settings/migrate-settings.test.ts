import {
  CURRENT_SETTINGS_VERSION,
  migrateSettings,
  SETTINGS_MIGRATIONS,
} from '../../../lib/settings/migrations/migrate-settings';
import { parseSettings } from '../../../lib/settings/parse-settings';
import { DEFAULT_SETTINGS } from '../../../lib/settings/schema';
import { FULL_SETTINGS } from './full-settings';

const KEY = '11111111-2222-4333-8444-555555555555';

describe('migrateSettings', () => {
  it('has one numbered step to every version after the first', () => {
    const steps = Object.keys(SETTINGS_MIGRATIONS)
      .map(Number)
      .sort((a, b) => a - b);
    expect(steps).toEqual(Array.from({ length: CURRENT_SETTINGS_VERSION - 1 }, (_, i) => i + 2));
  });

  it.each<
    [string, { version: number; value: unknown }, number[], Partial<typeof DEFAULT_SETTINGS>]
  >([
    [
      'format 1 (prototype) all the way',
      {
        version: 1,
        value: {
          instances: ['https://a.example'],
          apiKeys: { 'https://a.example': KEY },
          mode: 'audio',
          quality: '480',
        },
      },
      [2, 3, 4, 5],
      {
        myInstances: [{ origin: 'https://a.example', apiKey: KEY }],
        pinned: ['https://a.example'],
        download: { ...DEFAULT_SETTINGS.download, downloadMode: 'audio', videoQuality: '480' },
      },
    ],
    [
      'format 2',
      {
        version: 2,
        value: { download: { twitterGif: false, tiktokH265: true }, notifications: false },
      },
      [3, 4, 5],
      {
        download: { ...DEFAULT_SETTINGS.download, convertGif: false, allowH265: true },
        notifications: { onSuccess: false, onFailure: false },
        fallback: DEFAULT_SETTINGS.fallback,
        serviceOverrides: {},
      },
    ],
    [
      'format 3 with the old 2 s hedge ceiling',
      { version: 3, value: { fallback: { maxAttempts: 5, deadlineMs: 45_000, hedgeMs: 2000 } } },
      [4, 5],
      { fallback: DEFAULT_SETTINGS.fallback },
    ],
    [
      'format 4: localProcessing forced → prefer',
      { version: 4, value: { download: { localProcessing: 'forced' } } },
      [5],
      { download: { ...DEFAULT_SETTINGS.download, localProcessing: 'prefer' } },
    ],
    ['the current format (nothing to do)', { version: 5, value: FULL_SETTINGS }, [], FULL_SETTINGS],
  ])('%s', (_, stored, applied, expected) => {
    const migrated = migrateSettings(stored);
    expect(migrated.version).toBe(CURRENT_SETTINGS_VERSION);
    expect(migrated.applied).toEqual(applied);
    expect(migrated.problem).toBeUndefined();
    const { settings, replaced } = parseSettings(migrated.value);
    expect(replaced).toEqual([]);
    expect(settings).toMatchObject(expected);
  });

  it('passes garbage on so the per-field check reports it at its new place', () => {
    const migrated = migrateSettings({ version: 1, value: { quality: '9999' } });
    expect(parseSettings(migrated.value).replaced.map((r) => r.path)).toEqual([
      'download.videoQuality',
    ]);
  });

  it.each([
    [
      6,
      'The stored settings value was written by a newer version of cobalt-picker (format 6; this one reads up to 5); using the defaults.',
    ],
    [0, 'The stored settings value has an unreadable version (0); using the defaults.'],
    [1.5, 'The stored settings value has an unreadable version (1.5); using the defaults.'],
    [Number.NaN, 'The stored settings value has an unreadable version (NaN); using the defaults.'],
  ])('refuses format %s gracefully: defaults, reported', (version, problem) => {
    expect(migrateSettings({ version, value: FULL_SETTINGS })).toEqual({
      version: CURRENT_SETTINGS_VERSION,
      value: DEFAULT_SETTINGS,
      applied: [],
      problem,
    });
  });
});
