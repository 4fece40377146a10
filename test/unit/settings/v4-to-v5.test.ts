import { describe, expect, it } from 'vitest';
import { v4ToV5 } from '../../../lib/settings/migrations/v4-to-v5';

describe('v4ToV5', () => {
  it.each<[string, unknown, unknown]>([
    [
      'disabled → required, forced → prefer, overrides too',
      {
        download: { localProcessing: 'disabled', videoQuality: '720' },
        serviceOverrides: { youtube: { localProcessing: 'forced' }, tiktok: { alwaysProxy: true } },
      },
      {
        download: { localProcessing: 'required', videoQuality: '720' },
        serviceOverrides: { youtube: { localProcessing: 'prefer' }, tiktok: { alwaysProxy: true } },
      },
    ],
    [
      'absent stays absent',
      { download: { videoQuality: '720' } },
      { download: { videoQuality: '720' } },
    ],
    [
      'an unknown value passes on',
      { download: { localProcessing: 'x' } },
      { download: { localProcessing: 'x' } },
    ],
    ['a malformed download passes on', { download: 'nope' }, { download: 'nope' }],
    ['not an object passes on', 7, 7],
  ])('%s', (_, input, expected) => {
    expect(v4ToV5(input)).toEqual(expected);
  });

  it('does not change its input', () => {
    const input = { download: { localProcessing: 'forced' } };
    v4ToV5(input);
    expect(input.download.localProcessing).toBe('forced');
  });
});
