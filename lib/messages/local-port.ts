import { z } from 'zod';
import type { LocalProgress } from '../model/local-progress';
import type { MuxPlan } from '../mux/local-plan';
import type { LocalProcessorOutcome, LocalProcessorRequest } from '../mux/local-processor';

/**
 * The port between the Chromium service worker and the offscreen document that muxes
 * (platform/local-processor.ts ↔ entrypoints/offscreen): one port per job. Both ends check
 * what arrives, as for every message (docs/rules.md "Architecture").
 */
export const LOCAL_PORT_NAME = 'local-processing';

export type ToProcessor =
  { type: 'start'; request: LocalProcessorRequest } | { type: 'cancel' } | { type: 'release' };

export type FromProcessor =
  | { type: 'ready' }
  | { type: 'progress'; progress: LocalProgress }
  | { type: 'done'; outcome: LocalProcessorOutcome };

const text = z.string().max(2048);
const bytes = z.number().nonnegative();

const PlanSchema = z.object({
  kind: z.literal('mux'),
  type: z.enum(['merge', 'mute', 'remux']),
  tunnels: z.array(text).min(1).max(2),
  container: z.enum(['mp4', 'webm', 'mkv']),
  mime: text,
  filename: text,
  keepAudio: z.boolean(),
  metadata: z.record(z.string(), text),
}) satisfies z.ZodType<MuxPlan>;

const ToProcessorSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('start'),
    request: z.object({ jobId: z.string().min(1).max(64), plan: PlanSchema, instanceOrigin: text }),
  }),
  z.object({ type: z.literal('cancel') }),
  z.object({ type: z.literal('release') }),
]) satisfies z.ZodType<ToProcessor>;

const FromProcessorSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  z.object({
    type: z.literal('progress'),
    progress: z.discriminatedUnion('phase', [
      z.object({
        phase: z.literal('fetching'),
        tunnels: z.array(z.object({ received: bytes, total: bytes.nullable() })).max(2),
      }),
      z.object({ phase: z.literal('muxing'), percent: z.number().min(0).max(100) }),
    ]),
  }),
  z.object({
    type: z.literal('done'),
    outcome: z.union([
      z.object({ ok: z.literal(true), url: z.string().startsWith('blob:').max(512), size: bytes }),
      z.object({
        ok: z.literal(false),
        code: z.enum(['cancelled', 'tunnel', 'mux', 'storage']),
        message: text,
      }),
    ]),
  }),
]) satisfies z.ZodType<FromProcessor>;

export function parseToProcessor(raw: unknown): ToProcessor | null {
  const parsed = ToProcessorSchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

export function parseFromProcessor(raw: unknown): FromProcessor | null {
  const parsed = FromProcessorSchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}
