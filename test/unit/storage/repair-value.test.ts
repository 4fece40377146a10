import { z } from 'zod';
import { formatPath, repairValue } from '../../../lib/storage/repair-value';

const Item = z.object({
  name: z.string(),
  size: z.number().int().min(0).default(0),
  tag: z.string().optional(),
  parent: z.object({ id: z.string() }).nullable().default(null),
});
const Schema = z.object({
  items: z
    .array(Item)
    .min(1)
    .max(3)
    .default([{ name: 'first', size: 0, parent: null }]),
  byName: z.record(z.string().regex(/^[a-z]+$/, 'is not a lowercase name'), z.number()).default({}),
  mode: z.enum(['a', 'b']).default('a'),
});
type Value = z.infer<typeof Schema>;
const FALLBACK: Value = Schema.parse({});

describe('repairValue', () => {
  it.each<[string, unknown, unknown, { path: string; reason: string; action: string }[]]>([
    [
      'a valid value',
      { items: [{ name: 'x', size: 2 }], byName: { a: 1 }, mode: 'b' },
      { items: [{ name: 'x', size: 2, parent: null }], byName: { a: 1 }, mode: 'b' },
      [],
    ],
    [
      'an optional field: removed',
      { items: [{ name: 'x', tag: 5 }] },
      { items: [{ name: 'x', size: 0, parent: null }], byName: {}, mode: 'a' },
      [{ path: 'items[0].tag', reason: '5 is not text', action: 'removed' }],
    ],
    [
      'a nullable container holding null is kept',
      { items: [{ name: 'x', parent: null }] },
      { items: [{ name: 'x', size: 0, parent: null }], byName: {}, mode: 'a' },
      [],
    ],
    [
      'a nullable container with a bad inner required field resets to its default',
      { items: [{ name: 'x', parent: { id: 3 } }] },
      { items: [{ name: 'x', size: 0, parent: null }], byName: {}, mode: 'a' },
      [
        {
          path: 'items[0].parent.id',
          reason: '3 is not text',
          action: 'reset items[0].parent to null',
        },
      ],
    ],
    [
      'a record entry with a bad name or value',
      { byName: { good: 1, Bad: 2, worse: 'x' } },
      { items: FALLBACK.items, byName: { good: 1 }, mode: 'a' },
      [
        { path: 'byName.Bad', reason: '"Bad" is not a lowercase name', action: 'removed' },
        { path: 'byName.worse', reason: '"x" is not a number', action: 'removed' },
      ],
    ],
    [
      'a list that ends up shorter than its minimum resets to its default',
      { items: [{ size: 1 }] },
      FALLBACK,
      // The list is replaced as a whole, so only that is reported (not the entry it lost first).
      [{ path: 'items', reason: 'has fewer than 1 entries', action: 'reset to its default list' }],
    ],
  ])('%s', (_, raw, value, issues) => {
    expect(repairValue(Schema, raw, FALLBACK)).toEqual({ value, issues, unknownKeys: [] });
  });

  it('lists unknown keys by path and drops them', () => {
    expect(
      repairValue(Schema, { extra: 1, items: [{ name: 'x', colour: 'red' }] }, FALLBACK),
    ).toEqual({
      value: { items: [{ name: 'x', size: 0, parent: null }], byName: {}, mode: 'a' },
      issues: [],
      unknownKeys: ['items[0].colour', 'extra'],
    });
  });

  it.each(['__proto__', 'constructor', 'prototype'])('refuses %s as a record name', (key) => {
    const raw = JSON.parse(`{"byName": {"${key}": 1, "ok": 2}}`);
    const { value, issues } = repairValue(Schema, raw, FALLBACK);
    expect(value.byName).toEqual({ ok: 2 });
    expect(Object.getPrototypeOf(value.byName)).toBe(Object.prototype);
    expect(issues).toEqual([
      { path: `byName.${key}`, reason: `"${key}" is not allowed as a name`, action: 'removed' },
    ]);
  });

  // A valid value takes one parse instead of the walk; what it reports must not change.
  const Nested = z.object({
    lists: z.record(z.string(), z.array(z.object({ id: z.string() }))).default({}),
    last: z.object({ at: z.number() }).nullable().default(null),
  });
  it.each<[string, string, unknown, string[]]>([
    [
      'keys it does not know, at every depth, in the order the walk finds them',
      '{"lists": {"a": [{"id": "1", "x": 1}], "b": [{"id": "2"}, {"id": "3", "y": 2}]}, "last": {"at": 1, "z": 3}, "w": 4}',
      { lists: { a: [{ id: '1' }], b: [{ id: '2' }, { id: '3' }] }, last: { at: 1 } },
      ['lists.a[0].x', 'lists.b[1].y', 'last.z', 'w'],
    ],
    ['a valid value gets its defaults', '{}', { lists: {}, last: null }, []],
  ])('%s', (_, json, value, unknownKeys) => {
    expect(repairValue(Nested, JSON.parse(json), Nested.parse({}))).toEqual({
      value,
      issues: [],
      unknownKeys,
    });
  });

  it('removes __proto__ from a record whose names may be any text', () => {
    const raw = JSON.parse('{"lists": {"__proto__": [{"id": "1"}], "ok": []}}');
    const { value, issues } = repairValue(Nested, raw, Nested.parse({}));
    expect(Object.getPrototypeOf(value.lists)).toBe(Object.prototype);
    expect(value.lists).toEqual({ ok: [] });
    expect(issues).toEqual([
      {
        path: 'lists.__proto__',
        reason: '"__proto__" is not allowed as a name',
        action: 'removed',
      },
    ]);
  });

  it('replaces the whole value when a schema-level rule fails after repair', () => {
    const Refined = z
      .object({ low: z.number().default(0), high: z.number().default(1) })
      .refine((v) => v.low <= v.high, 'has low above high');
    expect(repairValue(Refined, { low: 5, high: 1 }, { low: 0, high: 1 })).toEqual({
      value: { low: 0, high: 1 },
      issues: [
        {
          path: '',
          reason: 'an object has low above high',
          action: 'reset everything to defaults',
        },
      ],
      unknownKeys: [],
    });
  });

  it('gives the fallback for undefined, without an issue', () => {
    expect(repairValue(Schema, undefined, FALLBACK)).toEqual({
      value: FALLBACK,
      issues: [],
      unknownKeys: [],
    });
  });
});

describe('formatPath', () => {
  it.each<[(string | number)[], string]>([
    [[], ''],
    [['a'], 'a'],
    [['a', 'b'], 'a.b'],
    [['a', 0, 'b'], 'a[0].b'],
    [[0, 1], '[0][1]'],
  ])('%j → %s', (path, text) => {
    expect(formatPath(path)).toBe(text);
  });
});
