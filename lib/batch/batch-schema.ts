import { z } from 'zod';
import { SERVICE_KEYS } from '../services/service-key';
import { DownloadModeSchema } from '../settings/schema';
import { MAX_LINK_LENGTH } from '../services/match-service';
import type { BatchItem, BatchQueue } from './batch-queue';
import { MAX_ITEM_DOWNLOADS, MAX_QUEUE_ITEMS } from './batch-queue';
import type { InstanceBudget } from './instance-budget';
import type { HistoryEntry } from '../model/history-entry';
import { HISTORY_LIMIT } from './download-history';

const Time = z.number().int().nonnegative();
const Origin = z.string().min(1).max(300);
/** Download ids as the browser's downloads API gives them (integers). */
const DownloadIds = z.array(z.number().int().nonnegative()).max(MAX_ITEM_DOWNLOADS);

const BatchItemSchema = z.object({
  id: z.string().min(1).max(64),
  url: z.string().min(1).max(MAX_LINK_LENGTH),
  service: z.enum(SERVICE_KEYS),
  mode: DownloadModeSchema.optional(),
  state: z.enum(['waiting', 'running', 'done', 'failed', 'skipped']),
  reason: z.string().max(100).nullable(),
  tried: z.array(Origin).max(50),
  asking: z.array(Origin).max(50).optional(),
  filename: z.string().max(255).nullable(),
  servedBy: Origin.nullable(),
  downloads: DownloadIds.optional(),
  saved: DownloadIds.optional(),
  addedAt: Time,
  finishedAt: Time.nullable(),
}) satisfies z.ZodType<BatchItem>;

export const BatchQueueSchema = z.object({
  items: z.array(BatchItemSchema).max(MAX_QUEUE_ITEMS),
  endedAt: Time.nullable(),
}) satisfies z.ZodType<BatchQueue>;

const InstanceBudgetSchema = z.object({
  limit: z.number().int().nonnegative(),
  windowMs: z.number().int().positive(),
  remaining: z.number().int(),
  resetAt: Time.nullable(),
  blockedUntil: Time,
  openedAt: Time.nullable(),
  inFlight: z.number().int().nonnegative(),
  learned: z.boolean(),
}) satisfies z.ZodType<InstanceBudget>;

/** Budgets by instance origin; one corrupt entry drops alone (the default is a fresh budget). */
export const InstanceBudgetsSchema = z.record(Origin, InstanceBudgetSchema);

const HistoryEntrySchema = z.object({
  url: z.string().min(1).max(MAX_LINK_LENGTH),
  service: z.enum(SERVICE_KEYS),
  filename: z.string().max(255).nullable(),
  servedBy: Origin.nullable(),
  ok: z.boolean(),
  reason: z.string().max(100).nullable(),
  at: Time,
}) satisfies z.ZodType<HistoryEntry>;

/** Newest first, at most `HISTORY_LIMIT` (lib/batch/download-history.ts). */
export const HistorySchema = z.array(HistoryEntrySchema).max(HISTORY_LIMIT);
