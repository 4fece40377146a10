import { z } from 'zod';
import { EMPTY_QUEUE } from '../batch/batch-queue';
import { BatchQueueSchema, HistorySchema, InstanceBudgetsSchema } from '../batch/batch-schema';
import { HealthRecordSchema } from '../health/health-table-schema';
import { healthV1ToV2 } from '../health/health-v1-to-v2';
import { SourceStateSchema } from '../sources/source-state';
import {
  CURRENT_SETTINGS_VERSION,
  SETTINGS_MIGRATIONS,
} from '../settings/migrations/migrate-settings';
import { DEFAULT_SETTINGS, SettingsSchema } from '../settings/schema';
import { defineItem, type StorageItem } from '../storage/define-item';
import { ProbeTableSchema } from '../probe/probe-table-schema';
import { RecentDownloadsSchema } from './recent-downloads-schema';
import { StoredJobsSchema } from './stored-job-schema';

/**
 * Every persisted item, declared once (style anchors §8.6). All live in `storage.local`:
 * never synced (API keys stay on this machine, PRIVACY.md), and unlike `storage.session`
 * they outlive a browser restart, so an interrupted job is failed clearly rather than lost.
 * test/unit/storage/items.test.ts checks keys are unique and every item has a version,
 * a valid fallback and a migration for every step.
 */

/** The user's settings (lib/settings). Format history: docs/settings.md. */
export const settingsItem = defineItem({
  key: 'local:settings',
  version: CURRENT_SETTINGS_VERSION,
  schema: SettingsSchema,
  fallback: DEFAULT_SETTINGS,
  migrations: SETTINGS_MIGRATIONS,
});

/** Per-feed state (last good entries, validators, status), keyed by source id. */
export const SOURCE_STATES_KEY = 'local:sources';

/**
 * The feed-state item over a given state schema (lib/sources owns that format). Each
 * source's state is checked on its own, so one corrupt feed state drops alone.
 */
export function defineSourceStatesItem<S>(
  stateSchema: z.ZodType<S>,
): StorageItem<Record<string, S>> {
  return defineItem({
    key: SOURCE_STATES_KEY,
    version: 1,
    schema: z.record(z.string().min(1), stateSchema),
    fallback: {},
    migrations: {},
  });
}

/** Feed states, with the schema of lib/sources/source-state.ts. */
export const sourceStatesItem = defineSourceStatesItem(SourceStateSchema);

/** Probe results by origin (lib/probe). */
export const probeCacheItem = defineItem({
  key: 'local:probeCache',
  version: 1,
  schema: ProbeTableSchema,
  fallback: {},
  migrations: {},
});

/** `${origin}|${service}`, as lib/health `healthKey` builds it. */
const HealthKeySchema = z
  .string()
  .regex(/^https?:\/\/[^|\s]+\|[a-z]+$/, 'is not an "origin|service" key');

/**
 * Outcome memory per (instance, service) (lib/health). One corrupt record drops alone.
 * Format 2: latency samples are `{ ms, lowerBound? }` objects (lib/health/health-v1-to-v2.ts).
 */
export const healthItem = defineItem({
  key: 'local:health',
  version: 2,
  schema: z.record(HealthKeySchema, HealthRecordSchema),
  fallback: {},
  migrations: { 2: healthV1ToV2 },
});

/** Active and recently finished download jobs (lib/app/job.ts), so a worker restart can recover. */
export const jobsItem = defineItem({
  key: 'local:jobs',
  version: 1,
  schema: StoredJobsSchema,
  fallback: [],
  migrations: {},
});

/** Recent downloads for the popup, newest first, capped at `RECENT_LIMIT`. */
export const recentItem = defineItem({
  key: 'local:recent',
  version: 1,
  schema: RecentDownloadsSchema,
  fallback: [],
  migrations: {},
});

/**
 * The batch queue (lib/batch/batch-queue.ts): it outlives the worker stopping and the browser
 * restarting; items that were running come back as waiting (`recoverQueue`).
 */
export const batchQueueItem = defineItem({
  key: 'local:batchQueue',
  version: 1,
  schema: BatchQueueSchema,
  fallback: EMPTY_QUEUE,
  migrations: {},
});

/**
 * What each instance's rate limit has left (lib/batch/instance-budget.ts), so a restart mid-batch
 * does not forget requests already spent in the current window.
 */
export const instanceBudgetsItem = defineItem({
  key: 'local:instanceBudgets',
  version: 1,
  schema: InstanceBudgetsSchema,
  fallback: {},
  migrations: {},
});

/**
 * The download history (lib/batch/download-history.ts): the last 500 downloads with their link,
 * so a batch or the popup can ask before downloading a link again. Cleared by the user.
 */
export const historyItem = defineItem({
  key: 'local:history',
  version: 1,
  schema: HistorySchema,
  fallback: [],
  migrations: {},
});

/** Every persisted item (for meta-tests and diagnostics; code uses the named items). */
export const STORAGE_ITEMS: readonly StorageItem<unknown>[] = [
  settingsItem,
  sourceStatesItem,
  probeCacheItem,
  healthItem,
  jobsItem,
  recentItem,
  batchQueueItem,
  instanceBudgetsItem,
  historyItem,
];

/** Every key in use. */
export const STORAGE_KEYS = STORAGE_ITEMS.map((item) => item.key);
