import { TRUST_SAFE_MIN, trustFromLabel, trustFromNumber } from '../../../lib/sources/map-trust';

describe('trustFromLabel (hyper.lol)', () => {
  it.each([
    ['safe', 'safe'],
    ['unknown', 'unknown'],
    ['not_safe', 'not_safe'],
    ['offline', 'offline'],
    ['NOT SAFE', 'not_safe'],
    ['not-safe', 'not_safe'],
    ['unsafe', 'not_safe'],
    ['', 'unknown'],
    ['trusted?', 'unknown'],
    [true, 'unknown'],
    [{ level: 'safe' }, 'unknown'],
    [90, 'safe'],
    [undefined, null],
    [null, null],
  ])('%j → %j', (value, expected) => {
    expect(trustFromLabel(value)).toBe(expected);
  });
});

describe('trustFromNumber (cobalt.best)', () => {
  it.each([
    [100, 'safe'],
    [TRUST_SAFE_MIN, 'safe'],
    [85, 'safe'],
    [79, 'unknown'],
    [1, 'unknown'],
    [0.5, 'unknown'],
    [0, 'not_safe'],
    [-5, 'not_safe'],
    ['80', 'safe'],
    ['50', 'unknown'],
    ['safe', 'safe'],
    ['', 'unknown'],
    [Number.NaN, 'unknown'],
    [Number.POSITIVE_INFINITY, 'unknown'],
    [false, 'unknown'],
    [undefined, null],
    [null, null],
  ])('%j → %j', (value, expected) => {
    expect(trustFromNumber(value)).toBe(expected);
  });
});
