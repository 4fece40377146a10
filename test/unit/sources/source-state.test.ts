import type { SourceEntry } from '../../../lib/instances/instance';
import {
  emptySourceState,
  MAX_DROPPED_KEPT,
  parseSourceState,
  type SourceState,
} from '../../../lib/sources/source-state';

const GOOD_ENTRY: SourceEntry = {
  source: 'hyper',
  origin: 'https://cobalt.example.com',
  version: '10.1.0',
  generation: 'v10',
  trust: 'safe',
  online: true,
  turnstile: false,
  services: { youtube: true, twitch: false },
  score: 95.5,
  frontend: 'https://fe.example.com',
};

const GOOD: SourceState = {
  ...emptySourceState({ id: 'hyper', url: 'https://instances.hyper.lol/instances.json' }),
  format: 'hyper',
  etag: '"abc"',
  lastModified: 'Mon, 04 May 2026 12:00:00 GMT',
  lastSuccess: 1_777_900_000_000,
  lastAttempt: 1_777_900_000_000,
  lastOutcome: 'updated',
  entries: [GOOD_ENTRY],
  dropped: [{ index: 2, reason: '"api" is missing' }],
  droppedCount: 1,
  nextAttempt: 1_777_901_800_000,
};

describe('parseSourceState', () => {
  it.each([
    ['a full state', GOOD],
    [
      'an empty state',
      emptySourceState({
        id: 'custom:https://l.example.com/x.json',
        url: 'https://l.example.com/x.json',
      }),
    ],
    ['a state after JSON round trip', JSON.parse(JSON.stringify(GOOD)) as unknown],
  ])('accepts %s', (_label, value) => {
    expect(parseSourceState(value)).toEqual({ ok: true, state: value });
  });

  it('ignores unknown keys (older or newer writers)', () => {
    const result = parseSourceState({ ...GOOD, legacyField: 1 });
    expect(result).toEqual({ ok: true, state: GOOD });
  });

  const withEntry = (fields: Record<string, unknown>) => ({
    ...GOOD,
    entries: [{ ...GOOD_ENTRY, ...fields }],
  });

  it.each([
    ['null', null, ''],
    ['a string', 'corrupt', ''],
    ['an empty object', {}, 'at "id"'],
    ['an unknown source id', { ...GOOD, id: 'evil' }, 'at "id"'],
    ['a non-http url', { ...GOOD, url: 'ftp://x.example.com' }, 'at "url"'],
    ['negative failures', { ...GOOD, failures: -1 }, 'at "failures"'],
    ['a fractional timestamp', { ...GOOD, nextAttempt: 1.5 }, 'at "nextAttempt"'],
    ['entries not a list', { ...GOOD, entries: {} }, 'at "entries"'],
    [
      'a non-canonical origin',
      withEntry({ origin: 'https://Cobalt.example.com/path' }),
      'at "entries.0.origin"',
    ],
    [
      'an unknown service key',
      withEntry({ services: { myspace: true } }),
      'at "entries.0.services',
    ],
    ['an unknown trust', withEntry({ trust: 'trusted' }), 'at "entries.0.trust"'],
    ['a score over 100', withEntry({ score: 101 }), 'at "entries.0.score"'],
    ['a missing field', withEntry({ frontend: undefined }), 'at "entries.0.frontend"'],
    [
      'too many dropped reasons',
      {
        ...GOOD,
        dropped: Array.from({ length: MAX_DROPPED_KEPT + 1 }, (_, index) => ({
          index,
          reason: 'x',
        })),
      },
      'at "dropped"',
    ],
  ])('rejects %s cleanly', (_label, value, where) => {
    const result = parseSourceState(value);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.reason).toMatch(/^Stored feed state is corrupt/);
      expect(result.reason).toContain(where);
    }
  });
});
