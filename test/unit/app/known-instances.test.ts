import { hasLiveList, knownInstances } from '../../../lib/app/known-instances';
import type { SourceEntry } from '../../../lib/instances/instance';
import { emptySourceState } from '../../../lib/sources/source-state';

const entry = (origin: string, source: SourceEntry['source']): SourceEntry => ({
  source,
  origin,
  version: '11.7.1',
  generation: 'v11',
  trust: source === 'bundled' ? 'safe' : null,
  online: source === 'bundled' ? null : true,
  turnstile: null,
  services: {},
  score: null,
  frontend: null,
});

const bundled = [entry('https://old.example', 'bundled'), entry('https://both.example', 'bundled')];
const feed = (lastSuccess: number | null, origins: string[]) => ({
  ...emptySourceState({ id: 'directory', url: 'https://cobalt.directory/api/tests' }),
  lastSuccess,
  entries: origins.map((o) => entry(o, 'directory')),
});

describe('knownInstances', () => {
  it.each([
    [
      'no source yet: the bundled snapshot stands in',
      [],
      ['https://both.example', 'https://old.example'],
      true,
    ],
    [
      'sources that never answered: still bundled',
      [feed(null, [])],
      ['https://both.example', 'https://old.example'],
      true,
    ],
    [
      'a live source answered: only what it lists',
      [feed(1000, ['https://both.example', 'https://new.example'])],
      ['https://both.example', 'https://new.example'],
      false,
    ],
    [
      'a source that answered before and fails now keeps its last good list',
      [{ ...feed(1000, ['https://new.example']), failures: 3 }],
      ['https://new.example'],
      false,
    ],
  ])('%s', (_name, states, origins, usingBundled) => {
    let read = 0;
    const known = knownInstances(() => (read++, bundled), states);
    expect(known.instances.map((i) => i.origin)).toEqual(origins);
    expect(known.usingBundled).toBe(usingBundled);
    // The popup's cheap question gives the same answer without merging anything.
    expect(hasLiveList(states)).toBe(!usingBundled);
    // The bundled entries are read (and so checked) only when they stand in.
    expect(read).toBe(usingBundled ? 1 : 0);
  });

  it('a live listing is not mixed with bundled facts for the same origin', () => {
    const [both] = knownInstances(() => bundled, [feed(1000, ['https://both.example'])]).instances;
    expect(both?.sources).toEqual(['directory']);
  });
});
