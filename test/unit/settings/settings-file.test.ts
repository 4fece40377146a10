import {
  exportSettings,
  importSettings,
  MAX_SETTINGS_FILE_BYTES,
  SETTINGS_FILE_FORMAT,
} from '../../../lib/settings/settings-file';
import { CURRENT_SETTINGS_VERSION } from '../../../lib/settings/migrations/migrate-settings';
import { DEFAULT_SETTINGS } from '../../../lib/settings/schema';
import { API_KEY, FULL_SETTINGS } from './full-settings';

const NOW = Date.UTC(2025, 4, 17, 12, 30, 0);

function file(patch: Record<string, unknown>): string {
  return JSON.stringify({
    format: SETTINGS_FILE_FORMAT,
    version: CURRENT_SETTINGS_VERSION,
    exportedAt: '2025-05-17T12:30:00.000Z',
    settings: {},
    ...patch,
  });
}

describe('exportSettings', () => {
  it('writes the documented envelope as pretty JSON, API keys included', () => {
    const json = exportSettings(FULL_SETTINGS, NOW);
    expect(JSON.parse(json)).toEqual({
      format: 'cobalt-picker/settings',
      version: CURRENT_SETTINGS_VERSION,
      exportedAt: '2025-05-17T12:30:00.000Z',
      settings: FULL_SETTINGS,
    });
    expect(json).toContain(API_KEY);
    expect(json.startsWith('{\n  "format": "cobalt-picker/settings",\n  "version": ')).toBe(true);
    expect(json.endsWith('}\n')).toBe(true);
  });

  it('round-trips through import unchanged, with no warnings', () => {
    expect(importSettings(exportSettings(FULL_SETTINGS, NOW))).toEqual({
      ok: true,
      settings: FULL_SETTINGS,
      warnings: [],
    });
    expect(importSettings(exportSettings(DEFAULT_SETTINGS, NOW))).toEqual({
      ok: true,
      settings: DEFAULT_SETTINGS,
      warnings: [],
    });
  });
});

describe('importSettings', () => {
  it.each<[string, string, { path: string; message: string | RegExp }[]]>([
    ['not JSON', '{"format": ', [{ path: '', message: /^This file is not JSON: / }]],
    ['empty', '', [{ path: '', message: /^This file is not JSON: / }]],
    [
      'JSON but a list',
      '[1, 2]',
      [
        {
          path: '',
          message: 'This is not a cobalt-picker settings file: it holds a list, not an object.',
        },
      ],
    ],
    [
      'JSON but a string',
      '"hello"',
      [
        {
          path: '',
          message: 'This is not a cobalt-picker settings file: it holds "hello", not an object.',
        },
      ],
    ],
    [
      'no format marker',
      JSON.stringify({ version: 3, settings: {} }),
      [
        {
          path: 'format',
          message:
            'This is not a cobalt-picker settings file: it has no "format", expected "cobalt-picker/settings".',
        },
      ],
    ],
    [
      'another format marker',
      file({ format: 'dark-reader/settings' }),
      [
        {
          path: 'format',
          message:
            'This is not a cobalt-picker settings file: it has "format" "dark-reader/settings", expected "cobalt-picker/settings".',
        },
      ],
    ],
    [
      'a newer version',
      file({ version: CURRENT_SETTINGS_VERSION + 1 }),
      [
        {
          path: 'version',
          message: `This file comes from a newer cobalt-picker (settings version ${CURRENT_SETTINGS_VERSION + 1}); this one reads up to version ${CURRENT_SETTINGS_VERSION}. Update the extension, then import again.`,
        },
      ],
    ],
    [
      'a version that is not a number',
      file({ version: '3' }),
      [
        {
          path: 'version',
          message: `"version" must be a whole number from 1 to ${CURRENT_SETTINGS_VERSION}; found "3".`,
        },
      ],
    ],
    [
      'version 0',
      file({ version: 0 }),
      [{ path: 'version', message: /^"version" must be a whole number from 1 to \d+; found 0\.$/ }],
    ],
    [
      'no settings',
      file({ settings: undefined }),
      [{ path: 'settings', message: '"settings" must be an object; found nothing.' }],
    ],
    [
      'settings not an object',
      file({ settings: [1] }),
      [{ path: 'settings', message: '"settings" must be an object; found a list.' }],
    ],
    [
      'invalid fields, each with its path and what is allowed',
      file({
        settings: {
          download: { videoQuality: '9999' },
          sources: { refreshMinutes: 1 },
          pinned: ['ok.example', 'not an address'],
        },
      }),
      [
        {
          path: 'sources.refreshMinutes',
          message: 'sources.refreshMinutes: 1 is below the minimum 15',
        },
        { path: 'pinned[1]', message: 'pinned[1]: "not an address" is not an http(s) address' },
        {
          path: 'download.videoQuality',
          message:
            'download.videoQuality: "9999" is not one of max, 4320, 2160, 1440, 1080, 720, 480, 360, 240, 144',
        },
      ],
    ],
    [
      'an API key that is not a UUID (and not echoed)',
      file({ settings: { myInstances: [{ origin: 'https://a.example', apiKey: 'hunter2' }] } }),
      [
        {
          path: 'myInstances[0].apiKey',
          message: /^myInstances\[0\]\.apiKey: the value is not a lowercase UUID/,
        },
      ],
    ],
    [
      'a list over its cap',
      file({
        settings: {
          myInstances: Array.from({ length: 51 }, (_, i) => ({ origin: `https://h${i}.example` })),
        },
      }),
      [{ path: 'myInstances', message: 'myInstances: has 51 entries, more than the 50 allowed' }],
    ],
  ])('refuses %s, saying why', (_, json, problems) => {
    const result = importSettings(json);
    expect(result).toEqual({
      ok: false,
      problems: problems.map(({ path, message }) => ({
        path,
        message: typeof message === 'string' ? message : expect.stringMatching(message),
      })),
    });
    expect(JSON.stringify(result)).not.toContain('hunter2');
  });

  it('refuses a file over the size cap before parsing it', () => {
    const big = file({ settings: { padding: 'x'.repeat(MAX_SETTINGS_FILE_BYTES) } });
    expect(importSettings(big)).toEqual({
      ok: false,
      problems: [
        {
          path: '',
          message: expect.stringMatching(
            /^This file is 25\d KB; a settings file is at most 256 KB\./,
          ),
        },
      ],
    });
  });

  it('counts the size in bytes, not characters', () => {
    const nearCap = file({ settings: { padding: 'é'.repeat(MAX_SETTINGS_FILE_BYTES / 2) } });
    expect(nearCap.length).toBeLessThan(MAX_SETTINGS_FILE_BYTES);
    expect(importSettings(nearCap)).toMatchObject({ ok: false, problems: [{ path: '' }] });
  });

  it('fills absent settings with defaults (a hand-written file may hold only what it changes)', () => {
    expect(importSettings(file({ settings: { saveAs: true } }))).toEqual({
      ok: true,
      settings: { ...DEFAULT_SETTINGS, saveAs: true },
      warnings: [],
    });
  });

  it('ignores unknown keys with a warning each (most likely typos)', () => {
    const result = importSettings(
      file({
        settings: { download: { videoQualty: '720' }, theme: 'dark' },
        comment: 'mine',
        exportedAt: 'yesterday',
      }),
    );
    expect(result).toEqual({
      ok: true,
      settings: DEFAULT_SETTINGS,
      warnings: [
        { path: 'exportedAt', message: '"exportedAt" is not a date ("yesterday"); ignored.' },
        { path: 'comment', message: '"comment" is not part of a settings file; ignored.' },
        {
          path: 'download.videoQualty',
          message: 'download.videoQualty is not a known setting; ignored.',
        },
        { path: 'theme', message: 'theme is not a known setting; ignored.' },
      ],
    });
  });

  it('accepts a file without exportedAt', () => {
    expect(
      importSettings(
        JSON.stringify({
          format: SETTINGS_FILE_FORMAT,
          version: CURRENT_SETTINGS_VERSION,
          settings: {},
        }),
      ),
    ).toEqual({
      ok: true,
      settings: DEFAULT_SETTINGS,
      warnings: [],
    });
  });

  it.each<[string, number, unknown, Partial<typeof DEFAULT_SETTINGS>]>([
    [
      'a format-1 (prototype) file',
      1,
      {
        instances: ['https://a.example'],
        apiKeys: { 'https://a.example': API_KEY },
        mode: 'audio',
        quality: '720',
      },
      {
        myInstances: [{ origin: 'https://a.example', apiKey: API_KEY }],
        pinned: ['https://a.example'],
        download: { ...DEFAULT_SETTINGS.download, downloadMode: 'audio', videoQuality: '720' },
      },
    ],
    [
      'a format-2 file',
      2,
      {
        download: { twitterGif: false, youtubeDubBrowserLang: true },
        notifications: false,
        saveAs: true,
      },
      {
        download: { ...DEFAULT_SETTINGS.download, convertGif: false },
        notifications: { onSuccess: false, onFailure: false },
        saveAs: true,
      },
    ],
  ])('migrates %s and says from which version', (_, version, settings, expected) => {
    const result = importSettings(file({ version, settings }));
    expect(result).toEqual({
      ok: true,
      settings: expect.objectContaining(expected),
      migratedFrom: version,
      warnings: [],
    });
  });

  it('names the version when an old file has invalid fields', () => {
    const result = importSettings(
      file({ version: 2, settings: { download: { twitterGif: 'yes' } } }),
    );
    expect(result).toEqual({
      ok: false,
      problems: [
        { path: 'download.convertGif', message: 'download.convertGif: "yes" is not true or false' },
        {
          path: '',
          message:
            'This file uses settings version 2; the names above are the current ones (docs/settings.md, "Version history").',
        },
      ],
    });
  });

  it('never applies a prototype-polluting key', () => {
    const json = `{"format":"${SETTINGS_FILE_FORMAT}","version":${CURRENT_SETTINGS_VERSION},"settings":{"__proto__":{"saveAs":true},"serviceOverrides":{"__proto__":{"videoQuality":"720"}}}}`;
    const result = importSettings(json);
    expect(result.ok).toBe(false);
    expect(({} as Record<string, unknown>).saveAs).toBeUndefined();
  });
});
