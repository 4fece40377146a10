import type { z } from 'zod';
import { showValue } from './show-value';

/** How each zod type name reads after "is not". */
const TYPE_WORDS: Readonly<Record<string, string>> = {
  boolean: 'true or false',
  number: 'a number',
  int: 'a whole number',
  string: 'text',
  object: 'an object',
  array: 'a list',
  record: 'an object',
  null: 'null',
};

/**
 * Values of an enum or literal as the user would type them ("" reads as "(empty)").
 * zod keeps enum values as object keys, and JavaScript puts integer-like keys first in
 * ascending order, so the declared order is lost; words keep their order and come first,
 * numbers are listed from the largest (max, 4320, 2160, …; 320, 256, …), as declared here.
 */
function listValues(values: readonly unknown[]): string {
  const isNumeric = (v: unknown) => typeof v === 'string' && /^\d+$/.test(v);
  const words = values.filter((v) => !isNumeric(v));
  const numbers = values.filter(isNumeric).sort((a, b) => Number(b) - Number(a));
  return [...words, ...numbers].map((v) => (v === '' ? '(empty)' : String(v))).join(', ');
}

/**
 * One zod issue about `input` in plain words, without the field path (the caller adds it):
 * `"9999" is not one of max, 4320, …`, `5 is below the minimum 15`.
 *
 * Convention for our own schemas: a custom `error` message starts with a lowercase predicate
 * ("is not an http(s) address") and is appended to the shown value. zod's built-in messages
 * start with a capital letter and are replaced by a generic wording.
 *
 * `secret` hides the value (API keys must never reach a notice or a log).
 */
export function describeIssue(issue: z.core.$ZodIssue, input: unknown, secret = false): string {
  const shown = secret ? 'the value' : showValue(input);
  switch (issue.code) {
    case 'invalid_type':
      if (issue.expected === 'number' && typeof input === 'number') {
        return `${shown} is not a finite number`;
      }
      return `${shown} is not ${TYPE_WORDS[issue.expected] ?? issue.expected}`;
    case 'invalid_value':
      return issue.values.length === 1
        ? `${shown} is not ${listValues(issue.values)}`
        : `${shown} is not one of ${listValues(issue.values)}`;
    case 'too_small':
      if (issue.origin === 'array') return `has fewer than ${issue.minimum} entries`;
      if (issue.origin === 'string') return `${shown} is shorter than ${issue.minimum} characters`;
      return issue.inclusive === false
        ? `${shown} is not above ${issue.minimum}`
        : `${shown} is below the minimum ${issue.minimum}`;
    case 'too_big':
      if (issue.origin === 'array') {
        const count = Array.isArray(input) ? `${input.length} entries` : 'too many entries';
        return `has ${count}, more than the ${issue.maximum} allowed`;
      }
      if (issue.origin === 'string') return `${shown} is longer than ${issue.maximum} characters`;
      return issue.inclusive === false
        ? `${shown} is not below ${issue.maximum}`
        : `${shown} is above the maximum ${issue.maximum}`;
    case 'invalid_format':
      return ownMessage(issue.message)
        ? `${shown} ${issue.message}`
        : `${shown} is not a valid ${issue.format}`;
    default:
      return ownMessage(issue.message)
        ? `${shown} ${issue.message}`
        : `${shown} is not allowed here (${issue.message})`;
  }
}

function ownMessage(message: string): boolean {
  return /^[a-z]/.test(message);
}
