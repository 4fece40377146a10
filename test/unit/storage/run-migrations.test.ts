import { runMigrations, type Migrations } from '../../../lib/storage/run-migrations';

const STEPS: Migrations = {
  2: (v) => ({ ...(v as object), two: true }),
  3: (v) => ({ ...(v as object), three: true }),
};

describe('runMigrations', () => {
  it.each<[string, unknown, unknown, ReturnType<typeof runMigrations>]>([
    ['from 1', 1, {}, { ok: true, value: { two: true, three: true }, applied: [2, 3] }],
    ['from 2', 2, {}, { ok: true, value: { three: true }, applied: [3] }],
    ['already current', 3, { x: 1 }, { ok: true, value: { x: 1 }, applied: [] }],
    [
      'newer',
      4,
      {},
      {
        ok: false,
        reason:
          'was written by a newer version of cobalt-picker (format 4; this one reads up to 3)',
      },
    ],
    ['zero', 0, {}, { ok: false, reason: 'has an unreadable version (0)' }],
    ['fraction', 2.5, {}, { ok: false, reason: 'has an unreadable version (2.5)' }],
    ['text', '2', {}, { ok: false, reason: 'has an unreadable version ("2")' }],
    ['missing', undefined, {}, { ok: false, reason: 'has an unreadable version (nothing)' }],
  ])('%s', (_, version, value, expected) => {
    expect(runMigrations(version, value, 3, STEPS)).toEqual(expected);
  });

  it('refuses when a step is missing', () => {
    expect(runMigrations(1, {}, 3, { 3: STEPS[3]! })).toEqual({
      ok: false,
      reason: 'has no migration from format 1 to 2',
    });
  });

  it('turns a throwing step into a refusal', () => {
    const throwing: Migrations = {
      2: () => {
        throw new Error('bug');
      },
    };
    expect(runMigrations(1, {}, 2, throwing)).toEqual({
      ok: false,
      reason: 'could not be upgraded to format 2 (Error: bug)',
    });
  });
});
