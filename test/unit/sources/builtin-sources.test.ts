import { readFileSync } from 'node:fs';
import {
  builtinSources,
  COBALT_BEST_FEED_URL,
  DIRECTORY_FEED_URL,
  HYPER_FEED_URL,
} from '../../../lib/sources/builtin-sources';
import { USER_AGENT } from '../../../lib/net/user-agent';
import { DEFAULT_SETTINGS, type Settings } from '../../../lib/settings/schema';

const sources = (changes: Partial<Settings['sources']>) => ({
  sources: { ...DEFAULT_SETTINGS.sources, ...changes },
});

describe('builtinSources', () => {
  it.each([
    [
      'defaults: the tracker that lives (cobalt.directory)',
      sources({}),
      [{ id: 'directory', url: DIRECTORY_FEED_URL }],
    ],
    [
      'all three trackers on (mirrors, old settings)',
      sources({ hyper: true, cobaltBest: true }),
      [
        { id: 'hyper', url: HYPER_FEED_URL },
        { id: 'directory', url: DIRECTORY_FEED_URL },
        { id: 'cobalt-best', url: COBALT_BEST_FEED_URL },
      ],
    ],
    ['all off', sources({ hyper: false, directory: false, cobaltBest: false }), []],
    [
      'custom lists: enabled only, deduplicated, after the trackers',
      sources({
        hyper: false,
        cobaltBest: false,
        custom: [
          { url: 'https://lists.example.com/a.json', enabled: true },
          { url: 'https://lists.example.com/b.json', enabled: false },
          { url: 'https://lists.example.com/a.json', enabled: true },
        ],
      }),
      [
        { id: 'directory', url: DIRECTORY_FEED_URL },
        { id: 'custom:https://lists.example.com/a.json', url: 'https://lists.example.com/a.json' },
      ],
    ],
  ])('%s', (_label, settings, expected) => {
    expect(builtinSources(settings)).toEqual(expected);
  });

  it('points at the documented feeds (docs/cobalt-api.md §6.1–6.3)', () => {
    expect([HYPER_FEED_URL, DIRECTORY_FEED_URL, COBALT_BEST_FEED_URL]).toEqual([
      'https://instances.hyper.lol/instances.json',
      'https://cobalt.directory/api/tests',
      'https://instances.cobalt.best/instances.json',
    ]);
  });
});

describe('USER_AGENT', () => {
  it('names the product, its version and where to learn about it', () => {
    const pkg = JSON.parse(
      readFileSync(new URL('../../../package.json', import.meta.url), 'utf8'),
    ) as { version: string };
    expect(USER_AGENT).toBe(
      `cobalt-picker/${pkg.version} (+https://github.com/cobalt-picker/cobalt-picker)`,
    );
  });
});
