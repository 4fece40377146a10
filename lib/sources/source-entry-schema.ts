import { z } from 'zod';
import type { DroppedEntry, SourceEntry, SourceId } from '../instances/instance';
import { SERVICE_KEYS } from '../services/service-key';
import { normaliseOrigin } from './normalise-origin';

/**
 * zod schemas for our own stored shapes (the persisted source state and the bundled snapshot).
 * Unlike feed parsing these are strict: we wrote the data, so anything off means corruption,
 * and the caller falls back (docs/rules.md "Sources": keep the last good snapshot).
 */

export const SourceIdSchema: z.ZodType<SourceId> = z.union([
  z.enum(['hyper', 'directory', 'cobalt-best', 'bundled', 'user']),
  z.templateLiteral(['custom:', z.string().min(1)]),
]);

/** Only the canonical form `normaliseOrigin` produces is accepted. */
const OriginSchema = z.string().refine((value) => {
  const result = normaliseOrigin(value);
  return result.ok && result.origin === value;
}, 'must be a canonical origin');

const NullableScore = z.number().min(0).max(100).nullable();

export const SourceEntrySchema: z.ZodType<SourceEntry> = z.object({
  source: SourceIdSchema,
  origin: OriginSchema,
  version: z.string().nullable(),
  generation: z.enum(['v7', 'v10', 'v11', 'unknown']),
  trust: z.enum(['safe', 'unknown', 'listed', 'not_safe', 'offline']).nullable(),
  online: z.boolean().nullable(),
  turnstile: z.boolean().nullable(),
  services: z.partialRecord(z.enum(SERVICE_KEYS), z.boolean()),
  score: NullableScore,
  frontend: OriginSchema.nullable(),
  codebase: z.string().max(140).nullable().optional(),
  needsKey: z.literal(true).optional(),
});

export const DroppedEntrySchema: z.ZodType<DroppedEntry> = z.object({
  index: z.number().int().min(0),
  reason: z.string(),
});

export const FeedFormatSchema = z.enum([
  'hyper',
  'directory-tests',
  'directory-working',
  'cobalt-best',
]);
