import { v1ToV2, type SettingsV1 } from '../../../lib/settings/migrations/v1-to-v2';

const KEY_A = '11111111-2222-4333-8444-555555555555';
const KEY_B = 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee';

const prototype: SettingsV1 = {
  instances: ['https://a.example', 'b.example'],
  apiKeys: { 'https://a.example': KEY_A, 'https://keyonly.example': KEY_B },
  mode: 'audio',
  quality: '720',
};

describe('settings migration 1 → 2', () => {
  it.each<[string, unknown, unknown]>([
    [
      'a full prototype value',
      prototype,
      {
        myInstances: [
          { origin: 'https://a.example', apiKey: KEY_A },
          { origin: 'b.example' },
          { origin: 'https://keyonly.example', apiKey: KEY_B },
        ],
        pinned: ['https://a.example', 'b.example'],
        download: { downloadMode: 'audio', videoQuality: '720' },
      },
    ],
    ['an empty value', {}, { myInstances: [], download: {} }],
    ['only a mode', { mode: 'mute' }, { myInstances: [], download: { downloadMode: 'mute' } }],
    [
      'keys without a list of instances',
      { apiKeys: { 'https://a.example': KEY_A } },
      { myInstances: [{ origin: 'https://a.example', apiKey: KEY_A }], download: {} },
    ],
    [
      'a malformed list (passed on to pinned, where the validator reports it; keys kept)',
      { instances: 'https://a.example', apiKeys: { 'https://a.example': KEY_A } },
      {
        myInstances: [{ origin: 'https://a.example', apiKey: KEY_A }],
        pinned: 'https://a.example',
        download: {},
      },
    ],
    [
      'malformed entries and values (passed on as they are)',
      { instances: [42, 'https://a.example'], apiKeys: 'nope', quality: 9999 },
      {
        myInstances: [42, { origin: 'https://a.example' }],
        pinned: [42, 'https://a.example'],
        download: { videoQuality: 9999 },
      },
    ],
    ['not an object (left for the validator)', 'garbage', 'garbage'],
    ['null', null, null],
  ])('%s', (_, previous, expected) => {
    expect(v1ToV2(previous)).toEqual(expected);
  });

  it('drops keys the prototype never had', () => {
    expect(v1ToV2({ mode: 'auto', theme: 'dark' })).toEqual({
      myInstances: [],
      download: { downloadMode: 'auto' },
    });
  });

  it('does not change its input', () => {
    const input = structuredClone(prototype);
    v1ToV2(input);
    expect(input).toEqual(prototype);
  });
});
