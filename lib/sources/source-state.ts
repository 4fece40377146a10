import { z } from 'zod';
import type { DroppedEntry, FeedFormat, SourceEntry, SourceId } from '../instances/instance';
import type { SourceDescriptor } from './builtin-sources';
import { type FeedFailure, FeedFailureSchema } from './feed-failure';
import { DAILY_REQUEST_LIMIT } from './refresh-limits';
import {
  DroppedEntrySchema,
  FeedFormatSchema,
  SourceEntrySchema,
  SourceIdSchema,
} from './source-entry-schema';

/**
 * Everything we remember about one feed between refreshes: the last good entries (kept through
 * any failure, docs/rules.md "Sources"), the validators for conditional requests, and the status the
 * options page shows in diagnostics (last success, last error, entry counts).
 * Times are epoch milliseconds.
 */
export interface SourceState {
  id: SourceId;
  url: string;
  /** Format of the last good feed. */
  format: FeedFormat | null;
  /** Validators of the last good feed, replayed as If-None-Match / If-Modified-Since. */
  etag: string | null;
  lastModified: string | null;
  lastSuccess: number | null;
  lastAttempt: number | null;
  /** Plain words; kept after a later success for diagnostics (`failures` says if it is current). */
  lastError: string | null;
  lastErrorAt: number | null;
  lastOutcome: 'updated' | 'not-modified' | 'failed' | null;
  /** The kind of the last failure (feed-failure.ts), for the pages' words; kept like lastError. */
  lastFailure: FeedFailure | null;
  /** Start of the current failing streak; null after a success (refresh-limits.ts). */
  failingSince: number | null;
  /** When the requests of the last 24 hours went out (at most DAILY_REQUEST_LIMIT). */
  recentAttempts: number[];
  /** The last good entries. */
  entries: SourceEntry[];
  /** Why entries of the last good feed were dropped (first MAX_DROPPED_KEPT). */
  dropped: DroppedEntry[];
  droppedCount: number;
  /** Consecutive failures; 0 after a success. */
  failures: number;
  /** Not due before this time. */
  nextAttempt: number;
}

/** Enough to diagnose a feed; a hostile feed of 100 000 nulls must not fill storage. */
export const MAX_DROPPED_KEPT = 100;

const Timestamp = z.number().int().min(0);

export const SourceStateSchema: z.ZodType<SourceState> = z.object({
  id: SourceIdSchema,
  url: z.url({ protocol: /^https?$/ }),
  format: FeedFormatSchema.nullable(),
  etag: z.string().nullable(),
  lastModified: z.string().nullable(),
  lastSuccess: Timestamp.nullable(),
  lastAttempt: Timestamp.nullable(),
  lastError: z.string().nullable(),
  lastErrorAt: Timestamp.nullable(),
  lastOutcome: z.enum(['updated', 'not-modified', 'failed']).nullable(),
  // States stored before these fields existed read as "nothing known".
  lastFailure: FeedFailureSchema.nullable().default(null),
  failingSince: Timestamp.nullable().default(null),
  recentAttempts: z.array(Timestamp).max(DAILY_REQUEST_LIMIT).default([]),
  entries: z.array(SourceEntrySchema),
  dropped: z.array(DroppedEntrySchema).max(MAX_DROPPED_KEPT),
  droppedCount: z.number().int().min(0),
  failures: z.number().int().min(0),
  nextAttempt: Timestamp,
});

export type ParsedSourceState = { ok: true; state: SourceState } | { ok: false; reason: string };

/** Stored value → state, or a clean rejection (the caller starts from the bundled snapshot). */
export function parseSourceState(value: unknown): ParsedSourceState {
  const parsed = SourceStateSchema.safeParse(value);
  if (parsed.success) return { ok: true, state: parsed.data };
  const first = parsed.error.issues[0];
  const where = first && first.path.length > 0 ? ` at "${first.path.join('.')}"` : '';
  return { ok: false, reason: `Stored feed state is corrupt${where}: ${first?.message ?? ''}` };
}

/** A source never fetched: due at once, nothing known. */
export function emptySourceState(source: SourceDescriptor): SourceState {
  return {
    id: source.id,
    url: source.url,
    format: null,
    etag: null,
    lastModified: null,
    lastSuccess: null,
    lastAttempt: null,
    lastError: null,
    lastErrorAt: null,
    lastOutcome: null,
    lastFailure: null,
    failingSince: null,
    recentAttempts: [],
    entries: [],
    dropped: [],
    droppedCount: 0,
    failures: 0,
    nextAttempt: 0,
  };
}
