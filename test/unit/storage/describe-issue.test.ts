import { z } from 'zod';
import { describeIssue } from '../../../lib/storage/describe-issue';
import { showValue } from '../../../lib/storage/show-value';

function describeFor(schema: z.ZodType, input: unknown, secret = false): string {
  const parsed = schema.safeParse(input);
  if (parsed.success) throw new Error('expected the input to fail');
  return describeIssue(parsed.error.issues[0]!, input, secret);
}

describe('describeIssue', () => {
  it.each<[string, z.ZodType, unknown, string]>([
    ['wrong type: boolean', z.boolean(), 'yes', '"yes" is not true or false'],
    ['wrong type: number', z.number(), '12', '"12" is not a number'],
    ['not finite', z.number(), Number.POSITIVE_INFINITY, 'Infinity is not a finite number'],
    ['not whole', z.number().int(), 2.5, '2.5 is not a whole number'],
    ['wrong type: text', z.string(), 5, '5 is not text'],
    ['wrong type: object', z.object({}), [], 'an empty list is not an object'],
    ['wrong type: list', z.array(z.string()), {}, 'an object is not a list'],
    [
      'enum, words in declared order',
      z.enum(['auto', 'audio', 'mute']),
      'loud',
      '"loud" is not one of auto, audio, mute',
    ],
    [
      'enum, numbers from the largest',
      z.enum(['max', '1080', '720', '4320']),
      '1',
      '"1" is not one of max, 4320, 1080, 720',
    ],
    ['literal', z.literal('cobalt'), 'x', '"x" is not cobalt'],
    ['literal empty', z.literal(''), 'x', '"x" is not (empty)'],
    ['below minimum', z.number().min(15), 5, '5 is below the minimum 15'],
    ['not above', z.number().positive(), 0, '0 is not above 0'],
    ['above maximum', z.number().max(10), 11, '11 is above the maximum 10'],
    ['not below', z.number().lt(10), 10, '10 is not below 10'],
    ['text too short', z.string().min(3), 'ab', '"ab" is shorter than 3 characters'],
    ['text too long', z.string().max(3), 'abcd', '"abcd" is longer than 3 characters'],
    ['list too short', z.array(z.number()).min(2), [1], 'has fewer than 2 entries'],
    ['list too long', z.array(z.number()).max(1), [1, 2], 'has 2 entries, more than the 1 allowed'],
    [
      'our own format message',
      z.string().regex(/^a$/, 'is not the letter a'),
      'b',
      '"b" is not the letter a',
    ],
    ['zod’s own format message', z.email(), 'nope', '"nope" is not a valid email'],
    [
      'our own refinement message',
      z.string().refine(() => false, 'is never right'),
      'x',
      '"x" is never right',
    ],
    [
      'zod’s union message',
      z.union([z.number(), z.boolean()]),
      'x',
      '"x" is not allowed here (Invalid input)',
    ],
  ])('%s', (_, schema, input, text) => {
    expect(describeFor(schema, input)).toBe(text);
  });

  it('hides a secret value', () => {
    expect(describeFor(z.string().regex(/^[0-9a-f-]+$/, 'is not a key'), 'TOP-SECRET', true)).toBe(
      'the value is not a key',
    );
  });
});

describe('showValue', () => {
  it.each<[unknown, string]>([
    ['short', '"short"'],
    ['x'.repeat(50), `"${'x'.repeat(40)}…"`],
    [3, '3'],
    [false, 'false'],
    [10n, '10'],
    [null, 'null'],
    [undefined, 'nothing'],
    [[], 'an empty list'],
    [[1], 'a list'],
    [{ apiKey: 'secret' }, 'an object'],
    [Symbol('s'), 'a symbol'],
    [() => 1, 'a function'],
  ])('%s → %s', (value, text) => {
    expect(showValue(value)).toBe(text);
  });
});
