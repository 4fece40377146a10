import { z } from 'zod';

/**
 * zod helpers for tolerant feed parsing (docs/rules.md "Sources"): an entry is dropped only when what
 * identifies it (`api`, `protocol`) is unusable; any other field of the wrong type reads as
 * "unknown" instead of costing the whole entry. Unknown keys are ignored (zod strips them).
 */

/** A field whose wrong-typed value reads as absent. */
export function lenient<T extends z.ZodType>(schema: T) {
  return schema.optional().catch(undefined);
}

/** A text field an entry cannot do without; its messages become drop reasons. */
export function requiredText() {
  return z.string({
    error: (issue) => (issue.input === undefined ? 'is missing' : 'must be text'),
  });
}

/** An optional text field that, when present, must be text (e.g. `protocol`). */
export function optionalText() {
  return z.string({ error: 'must be text' }).optional();
}

/** The entry object itself: a null or a string in the list is dropped with this reason. */
export function entryObject<T extends z.core.$ZodLooseShape>(shape: T) {
  return z.object(shape, {
    error: (issue) => `entry is ${describeType(issue.input)}, not an object`,
  });
}

export function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** One plain line per problem: `"api" is missing; "protocol" must be text`. */
export function describeZodError(error: z.ZodError): string {
  return error.issues
    .map((issue) =>
      issue.path.length === 0 ? issue.message : `"${issue.path.join('.')}" ${issue.message}`,
    )
    .join('; ');
}

/** Any JSON object (not a list): the container for per-service maps. */
export const JsonObject = z.record(z.string(), z.unknown());
