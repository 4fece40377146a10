import { z } from 'zod';
import type { Job } from '../app/job';
import type { JobState } from '../model/job-view';
import type { LocalProgress } from '../model/local-progress';
import type { TrailEntry } from '../model/trail';
import type { UserError } from '../model/user-error';
import { SERVICE_KEYS } from '../services/service-key';
import { DownloadModeSchema } from '../settings/schema';

/**
 * Every field of `Job` must be here: a field the schema lacks is stripped on every read and
 * write (test/unit/storage/items.test.ts checks the keys match at compile time).
 *
 * Active jobs survive a stopped MV3 worker (lib/app/job.ts `recoverJob` resumes or fails
 * them). Bounds are generous: they only stop a corrupt value from growing without limit.
 */
const JOBS_LIMIT = 100;
const MAX_URL_CHARS = 4096;
const MAX_LIST = 1000;
const MAX_TEXT = 500;

const text = z.string().max(MAX_TEXT);
const time = z.number().nonnegative();

const JobStateSchema = z.enum([
  'running',
  'picker',
  'processing',
  'downloading',
  'done',
  'failed',
]) satisfies z.ZodType<JobState>;

const TrailEntrySchema = z.object({
  origin: text,
  outcome: z.enum(['running', 'ok', 'failed', 'skipped', 'cancelled']),
  code: text.optional(),
  messageKey: text.optional(),
  ms: time,
}) satisfies z.ZodType<TrailEntry>;

const UserErrorSchema = z.object({
  kind: z.enum(['content', 'instances', 'setup', 'input', 'internal']),
  titleKey: text,
  detailKey: text,
  params: z.array(text).max(20).optional(),
  code: text.optional(),
}) satisfies z.ZodType<UserError>;

const url = z.string().max(MAX_URL_CHARS);

const PickerSchema = z.object({
  status: z.literal('picker'),
  items: z
    .array(
      z.object({
        type: z.enum(['photo', 'video', 'gif']),
        url,
        thumb: url.nullable(),
      }),
    )
    .max(MAX_LIST),
  audio: url.nullable(),
  audioFilename: text.nullable(),
});

const bytes = z.number().nonnegative();

const LocalProgressSchema = z.discriminatedUnion('phase', [
  z.object({
    phase: z.literal('fetching'),
    tunnels: z.array(z.object({ received: bytes, total: bytes.nullable() })).max(8),
  }),
  z.object({ phase: z.literal('muxing'), percent: z.number().min(0).max(100) }),
]) satisfies z.ZodType<LocalProgress>;

const StoredJobSchema = z.object({
  id: z.string().min(1).max(64),
  tabId: z.number().int().nullable(),
  service: z.enum(SERVICE_KEYS),
  mode: DownloadModeSchema,
  url,
  state: JobStateSchema,
  startedAt: time,
  updatedAt: time,
  trail: z.array(TrailEntrySchema).max(MAX_LIST),
  servedBy: text.nullable(),
  picker: PickerSchema.nullable(),
  filenames: z.array(text).max(MAX_LIST),
  downloadIds: z.array(z.number().int()).max(MAX_LIST),
  error: UserErrorSchema.nullable(),
  resumes: z.number().int().nonnegative(),
  openPickerInTab: z.boolean().optional(),
  endedDownloads: z.array(z.number().int()).max(MAX_LIST).optional(),
  local: LocalProgressSchema.optional(),
  localFile: z.boolean().optional(),
}) satisfies z.ZodType<Job>;

export const StoredJobsSchema = z.array(StoredJobSchema).max(JOBS_LIMIT);
