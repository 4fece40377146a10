import {
  V3_DEFAULT_HEDGE_MS,
  V4_DEFAULT_HEDGE_MS,
  v3ToV4,
} from '../../../lib/settings/migrations/v3-to-v4';
import { DEFAULT_SETTINGS } from '../../../lib/settings/schema';

describe('settings migration 3 → 4', () => {
  it('the new default is the schema default', () => {
    expect(DEFAULT_SETTINGS.fallback.hedgeMs).toBe(V4_DEFAULT_HEDGE_MS);
  });

  it.each<[string, unknown, unknown]>([
    [
      'the old default ceiling becomes the new one, the rest of the block kept',
      {
        saveAs: true,
        fallback: { maxAttempts: 3, deadlineMs: 30_000, hedgeMs: V3_DEFAULT_HEDGE_MS },
      },
      {
        saveAs: true,
        fallback: { maxAttempts: 3, deadlineMs: 30_000, hedgeMs: V4_DEFAULT_HEDGE_MS },
      },
    ],
    [
      'a ceiling the user chose is kept',
      { fallback: { hedgeMs: 5000 } },
      { fallback: { hedgeMs: 5000 } },
    ],
    ['no fallback block (it takes its defaults)', { saveAs: false }, { saveAs: false }],
    [
      'a malformed ceiling is passed on',
      { fallback: { hedgeMs: '2000' } },
      { fallback: { hedgeMs: '2000' } },
    ],
    ['a malformed block is passed on', { fallback: 7 }, { fallback: 7 }],
    ['not an object at all', 'garbage', 'garbage'],
  ])('%s', (_name, before, after) => {
    expect(v3ToV4(before)).toEqual(after);
  });

  it('does not change its input', () => {
    const before = { fallback: { hedgeMs: V3_DEFAULT_HEDGE_MS } };
    v3ToV4(before);
    expect(before).toEqual({ fallback: { hedgeMs: V3_DEFAULT_HEDGE_MS } });
  });
});
