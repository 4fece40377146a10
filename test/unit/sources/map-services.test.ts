import { clampScore } from '../../../lib/sources/clamp-score';
import { coerceFlag } from '../../../lib/sources/coerce-flag';
import { mapServices } from '../../../lib/sources/map-services';

describe('coerceFlag', () => {
  it.each([
    [true, true],
    [false, false],
    [1, true],
    [0, false],
    [-1, false],
    [Number.NaN, null],
    ['true', true],
    [' Working ', true],
    ['ok', true],
    ['failed', false],
    ['offline', false],
    ['maybe', null],
    [{ status: true, message: 'tunnel' }, true],
    [{ status: false, message: 'error.api.fetch.fail' }, false],
    [{ ok: true }, true],
    [{ api: false, frontend: true }, false],
    [{ status: 'yes' }, null],
    [[true], null],
    [null, null],
    [undefined, null],
  ])('%j → %j', (value, expected) => {
    expect(coerceFlag(value)).toBe(expected);
  });
});

describe('mapServices', () => {
  it.each([
    [
      'hyper.lol keys',
      { twitch_clips: true, odnoklassniki: false, bluesky: true },
      { twitch: true, ok: false, bsky: true },
    ],
    [
      'directory slugs',
      { 'twitch-clips': true, 'youtube-music': true, Frontend: true },
      { twitch: true, youtube: true },
    ],
    ['v7-era keys', { 'ok.ru': true, 'vk.com': false }, { ok: true, vk: false }],
    ['GET / names', { 'twitch clips': true, bluesky: false }, { twitch: true, bsky: false }],
    ['removed and unknown services skipped', { vine: true, xiaohongshu: true, foo: false }, {}],
    [
      'main youtube result beats secondary',
      { youtube: true, youtube_music: false, youtube_shorts: false },
      { youtube: true },
    ],
    [
      'secondary only: any failure wins',
      { youtube_music: true, youtube_shorts: false },
      { youtube: false },
    ],
    ['secondary only: all pass', { youtube_music: true, youtube_shorts: true }, { youtube: true }],
    ['two spellings: failure wins', { 'ok.ru': true, odnoklassniki: false }, { ok: false }],
    [
      'values that say nothing are skipped',
      { youtube: null, tiktok: 'maybe', reddit: 1 },
      { reddit: true },
    ],
    ['nothing', undefined, {}],
  ])('%s', (_label, raw, expected) => {
    expect(mapServices(raw as Record<string, unknown> | undefined)).toEqual(expected);
  });

  it('returns keys in sorted order', () => {
    expect(Object.keys(mapServices({ youtube: true, bilibili: true, tiktok: false }))).toEqual([
      'bilibili',
      'tiktok',
      'youtube',
    ]);
  });
});

describe('clampScore', () => {
  it.each([
    [95.83333333333334, 95.83333333333334],
    [100.83333333333334, 100],
    [120, 100],
    [0, 0],
    [-1, null],
    [-1.0, null],
    [Number.NaN, null],
    ['90', null],
    [undefined, null],
  ])('%j → %j', (value, expected) => {
    expect(clampScore(value)).toBe(expected);
  });
});
