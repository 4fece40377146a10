import { z } from 'zod';
import { SERVICE_KEYS } from '../services/service-key';
import { healthKey, type HealthRecord, type HealthTable, type LatencySample } from './health-state';
import { LATENCY_WINDOW } from './record-outcome';

const weight = z.number().finite().nonnegative();
const time = z.number().finite().nonnegative();

/** An `https://host[:port]` origin exactly as the rest of the engine stores it. */
const origin = z.string().refine((value) => {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value;
  } catch {
    return false;
  }
}, 'not an origin');

const LatencySampleSchema = z.object({
  ms: weight,
  lowerBound: z.literal(true).optional(),
  silent: z.literal(true).optional(),
}) satisfies z.ZodType<LatencySample>;

export const HealthRecordSchema = z.object({
  origin,
  service: z.enum(SERVICE_KEYS),
  successes: weight,
  failures: weight,
  updatedAt: time,
  quarantinedUntil: time.nullable(),
  lastOutcome: z.string().max(200).nullable(),
  latencyMs: weight.nullable(),
  consecutiveFailures: z.number().int().nonnegative().optional(),
  latencySamples: z.array(LatencySampleSchema).max(LATENCY_WINDOW).optional(),
}) satisfies z.ZodType<HealthRecord>;

/**
 * The persisted health table (so a restarted service worker remembers). Tolerant: a corrupt
 * record, or one stored under a key that does not match its own origin and service, is dropped
 * on its own; a value that is not an object at all yields an empty table. Never throws.
 */
export const HealthTableSchema = z
  .record(z.string(), z.unknown())
  .catch({})
  .transform((raw): HealthTable => {
    const table: HealthTable = {};
    for (const [key, value] of Object.entries(raw)) {
      const parsed = HealthRecordSchema.safeParse(value);
      if (parsed.success && key === healthKey(parsed.data.origin, parsed.data.service)) {
        table[key] = parsed.data;
      }
    }
    return table;
  });

/** Stored value → health table; garbage in, only the good records out. */
export function parseHealthTable(raw: unknown): HealthTable {
  return HealthTableSchema.parse(raw);
}
