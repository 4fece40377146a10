import { z } from 'zod';
import { CURRENT_SETTINGS_VERSION } from '../../../lib/settings/migrations/migrate-settings';
import { DEFAULT_SETTINGS } from '../../../lib/settings/schema';
import { defineItem } from '../../../lib/storage/define-item';
import {
  defineSourceStatesItem,
  healthItem,
  jobsItem,
  probeCacheItem,
  recentItem,
  settingsItem,
} from '../../../lib/app/stored-items';
import { readItem } from '../../../lib/storage/read-item';
import { RECENT_LIMIT } from '../../../lib/app/recent-downloads-schema';
import type { StorageArea } from '../../../lib/storage/storage-area';
import { FULL_SETTINGS } from '../settings/full-settings';
import { createMemoryArea } from './memory-area';
import { HEALTH_RECORD, JOB, PROBE_RESULT, RECENT } from './samples';

const V = CURRENT_SETTINGS_VERSION;

describe('readItem: settings', () => {
  it.each<
    [
      string,
      unknown,
      {
        value: unknown;
        replaced: unknown[];
        applied: number[];
        rewrite: boolean;
        storedVersion: number | null;
      },
    ]
  >([
    [
      'nothing stored',
      undefined,
      { value: DEFAULT_SETTINGS, replaced: [], applied: [], rewrite: false, storedVersion: null },
    ],
    [
      'null stored',
      null,
      { value: DEFAULT_SETTINGS, replaced: [], applied: [], rewrite: false, storedVersion: null },
    ],
    [
      'valid current settings',
      { version: V, value: FULL_SETTINGS },
      { value: FULL_SETTINGS, replaced: [], applied: [], rewrite: false, storedVersion: V },
    ],
    [
      'one corrupt field',
      { version: V, value: { ...FULL_SETTINGS, saveAs: 'sometimes' } },
      {
        value: { ...FULL_SETTINGS, saveAs: false },
        replaced: [
          { path: 'saveAs', message: 'saveAs: "sometimes" is not true or false; reset to false' },
        ],
        applied: [],
        rewrite: true,
        storedVersion: V,
      },
    ],
    [
      'a raw value without the envelope',
      { saveAs: true },
      {
        value: DEFAULT_SETTINGS,
        replaced: [
          {
            path: '',
            message:
              'local:settings: is not in the stored format (found an object); using the defaults',
          },
        ],
        applied: [],
        rewrite: true,
        storedVersion: null,
      },
    ],
    [
      'a value from a newer release (kept in storage for when the user updates again)',
      { version: V + 1, value: { brandNew: true } },
      {
        value: DEFAULT_SETTINGS,
        replaced: [
          {
            path: '',
            message: `local:settings: was written by a newer version of cobalt-picker (format ${V + 1}; this one reads up to ${V}); using the defaults`,
          },
        ],
        applied: [],
        rewrite: false,
        storedVersion: V + 1,
      },
    ],
    [
      'an unreadable version',
      { version: 'three', value: FULL_SETTINGS },
      {
        value: DEFAULT_SETTINGS,
        replaced: [
          {
            path: '',
            message: 'local:settings: has an unreadable version ("three"); using the defaults',
          },
        ],
        applied: [],
        rewrite: true,
        storedVersion: null,
      },
    ],
    [
      'a value that is not an object inside the envelope',
      { version: V, value: 'oops' },
      {
        value: DEFAULT_SETTINGS,
        replaced: [
          {
            path: '',
            message: 'local:settings: "oops" is not an object; reset everything to defaults',
          },
        ],
        applied: [],
        rewrite: true,
        storedVersion: V,
      },
    ],
    [
      'format 1, migrated, with a corrupt field reported at its new place',
      { version: 1, value: { instances: ['https://a.example'], mode: 'loud' } },
      {
        value: {
          ...DEFAULT_SETTINGS,
          myInstances: [{ origin: 'https://a.example' }],
          pinned: ['https://a.example'],
        },
        replaced: [
          {
            path: 'download.downloadMode',
            message: 'download.downloadMode: "loud" is not one of auto, audio, mute; reset to auto',
          },
        ],
        applied: [2, 3, 4, 5],
        rewrite: true,
        storedVersion: 1,
      },
    ],
    [
      'format 2, migrated cleanly',
      { version: 2, value: { notifications: false } },
      {
        value: { ...DEFAULT_SETTINGS, notifications: { onSuccess: false, onFailure: false } },
        replaced: [],
        applied: [3, 4, 5],
        rewrite: true,
        storedVersion: 2,
      },
    ],
  ])('%s', async (_, stored, expected) => {
    const area = createMemoryArea(stored === undefined ? {} : { 'local:settings': stored });
    const { value, report } = await readItem(area, settingsItem);
    expect(value).toEqual(expected.value);
    expect(report).toEqual({
      key: 'local:settings',
      storedVersion: expected.storedVersion,
      applied: expected.applied,
      replaced: expected.replaced,
      rewrite: expected.rewrite,
    });
  });

  it('uses the defaults, and never rewrites, when storage itself fails', async () => {
    const failing: StorageArea = {
      get: () => Promise.reject(new Error('IO error')),
      set: () => Promise.reject(new Error('unused')),
      remove: () => Promise.reject(new Error('unused')),
    };
    const { value, report } = await readItem(failing, settingsItem);
    expect(value).toEqual(DEFAULT_SETTINGS);
    expect(report.rewrite).toBe(false);
    expect(report.replaced).toEqual([
      {
        path: '',
        message: 'local:settings: could not be read (Error: IO error); using the defaults',
      },
    ]);
  });

  it('gives a fresh copy of the fallback each time', async () => {
    const area = createMemoryArea();
    const first = await readItem(area, settingsItem);
    first.value.pinned.push('https://x.example');
    expect((await readItem(area, settingsItem)).value.pinned).toEqual([]);
  });
});

describe('readItem: other items fall back per entry', () => {
  it.each<[string, () => Promise<{ value: unknown; paths: string[] }>, unknown, string[]]>([
    [
      'health: a corrupt record drops alone',
      async () => {
        const area = createMemoryArea({
          'local:health': {
            version: 1,
            value: {
              'https://a.example|youtube': HEALTH_RECORD,
              'https://b.example|youtube': {
                ...HEALTH_RECORD,
                origin: 'https://b.example',
                successes: -3,
              },
              'not a key': HEALTH_RECORD,
            },
          },
        });
        const { value, report } = await readItem(area, healthItem);
        return { value, paths: report.replaced.map((r) => r.path) };
      },
      { 'https://a.example|youtube': HEALTH_RECORD },
      ['https://b.example|youtube.successes', 'not a key'],
    ],
    [
      'probe cache: a record with an unknown service keeps its other services',
      async () => {
        const area = createMemoryArea({
          'local:probeCache': {
            version: 1,
            value: {
              'https://a.example': { ...PROBE_RESULT, services: ['youtube', 'myspace', 'tiktok'] },
            },
          },
        });
        const { value, report } = await readItem(area, probeCacheItem);
        return { value, paths: report.replaced.map((r) => r.path) };
      },
      { 'https://a.example': PROBE_RESULT },
      ['https://a.example.services[1]'],
    ],
    [
      'jobs: a broken job drops, the others stay',
      async () => {
        const area = createMemoryArea({
          'local:jobs': {
            version: 1,
            value: [JOB, { ...JOB, id: 'job-2', state: 'exploded' }, { ...JOB, id: 'job-3' }],
          },
        });
        const { value, report } = await readItem(area, jobsItem);
        return { value, paths: report.replaced.map((r) => r.path) };
      },
      [JOB, { ...JOB, id: 'job-3' }],
      ['[1].state'],
    ],
    [
      'recent: an over-long list keeps the newest entries',
      async () => {
        const list = Array.from({ length: RECENT_LIMIT + 5 }, (_, i) => ({
          ...RECENT,
          at: 1000 - i,
        }));
        const area = createMemoryArea({ 'local:recent': { version: 1, value: list } });
        const { value, report } = await readItem(area, recentItem);
        return {
          value: (value as { at: number }[]).map((r) => r.at),
          paths: report.replaced.map((r) => r.path),
        };
      },
      Array.from({ length: RECENT_LIMIT }, (_, i) => 1000 - i),
      [''],
    ],
    [
      'source states: validated by the schema lib/sources supplies, one source at a time',
      async () => {
        const item = defineSourceStatesItem(
          z.object({ etag: z.string().nullable(), failures: z.number().int() }),
        );
        const area = createMemoryArea({
          'local:sources': {
            version: 1,
            value: {
              hyper: { etag: 'W/"1"', failures: 0 },
              directory: { etag: null, failures: 'many' },
            },
          },
        });
        const { value, report } = await readItem(area, item);
        return { value, paths: report.replaced.map((r) => r.path) };
      },
      { hyper: { etag: 'W/"1"', failures: 0 } },
      ['directory.failures'],
    ],
  ])('%s', async (_, run, expectedValue, expectedPaths) => {
    const { value, paths } = await run();
    expect(value).toEqual(expectedValue);
    expect(paths).toEqual(expectedPaths);
  });

  it('reports with the item key when the whole value is replaced', async () => {
    const area = createMemoryArea({ 'local:recent': { version: 1, value: 'not a list' } });
    const { value, report } = await readItem(area, recentItem);
    expect(value).toEqual([]);
    expect(report.replaced).toEqual([
      {
        path: '',
        message: 'local:recent: "not a list" is not a list; reset everything to defaults',
      },
    ]);
  });

  it('refuses an item whose migration step is missing, instead of guessing', async () => {
    const item = defineItem({
      key: 'local:broken',
      version: 3,
      schema: z.number(),
      fallback: 0,
      migrations: { 2: (v: unknown) => v },
    });
    const area = createMemoryArea({ 'local:broken': { version: 1, value: 5 } });
    const { value, report } = await readItem(area, item);
    expect(value).toBe(0);
    expect(report.replaced).toEqual([
      {
        path: '',
        message: 'local:broken: has no migration from format 2 to 3; using the defaults',
      },
    ]);
  });
});
