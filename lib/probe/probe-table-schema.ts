import { z } from 'zod';
import type { ApiGeneration } from '../instances/instance';
import type { ProbeResult, ProbeTable } from './probe-result';
import { SERVICE_KEYS } from '../services/service-key';
import { StoredOriginSchema } from '../storage/stored-origin-schema';

/** Longest plain-words probe error kept: enough for a diagnostics line. */
const MAX_ERROR_CHARS = 500;

const ApiGenerationSchema = z.enum([
  'v7',
  'v10',
  'v11',
  'unknown',
]) satisfies z.ZodType<ApiGeneration>;

const ProbeResultSchema = z.object({
  origin: StoredOriginSchema,
  at: z.number().nonnegative(),
  ok: z.boolean(),
  latencyMs: z.number().nonnegative().nullable(),
  generation: ApiGenerationSchema,
  version: z.string().max(64).nullable(),
  services: z.array(z.enum(SERVICE_KEYS)).nullable(),
  turnstile: z.boolean(),
  apiUrl: z.string().max(2048).nullable().optional(),
  codebase: z.string().max(140).nullable().optional(),
  needsHostAccess: z.boolean().optional(),
  error: z.string().max(MAX_ERROR_CHARS).optional(),
}) satisfies z.ZodType<ProbeResult>;

/** The probe cache: one result per origin (lib/probe decides how long each stays fresh). */
export const ProbeTableSchema = z.record(
  StoredOriginSchema,
  ProbeResultSchema,
) satisfies z.ZodType<ProbeTable>;
