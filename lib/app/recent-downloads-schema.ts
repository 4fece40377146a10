import { z } from 'zod';
import type { RecentDownload } from '../model/recent-download';
import { SERVICE_KEYS } from '../services/service-key';

/** The popup shows the last few downloads; more would be clutter and storage for nothing. */
export const RECENT_LIMIT = 20;

const RecentDownloadSchema = z.object({
  at: z.number().nonnegative(),
  service: z.enum(SERVICE_KEYS),
  filename: z.string().max(255).nullable(),
  servedBy: z.string().max(300).nullable(),
  ok: z.boolean(),
  errorKey: z.string().max(100).optional(),
}) satisfies z.ZodType<RecentDownload>;

/** Newest first; a corrupt list keeps its first (newest) `RECENT_LIMIT` entries. */
export const RecentDownloadsSchema = z.array(RecentDownloadSchema).max(RECENT_LIMIT);
