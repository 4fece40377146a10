import { runMigrations, type Migrations } from '../../storage/run-migrations';
import { DEFAULT_SETTINGS } from '../schema';
import { v1ToV2 } from './v1-to-v2';
import { v2ToV3 } from './v2-to-v3';
import { v3ToV4 } from './v3-to-v4';
import { v4ToV5 } from './v4-to-v5';

/** The settings format this release reads and writes (docs/settings.md "Version history"). */
export const CURRENT_SETTINGS_VERSION = 5;

/** Keyed by the format each step produces. */
export const SETTINGS_MIGRATIONS: Migrations = { 2: v1ToV2, 3: v2ToV3, 4: v3ToV4, 5: v4ToV5 };

export interface MigratedSettings {
  version: typeof CURRENT_SETTINGS_VERSION;
  /** Current-format settings, still unvalidated: run `parseSettings` (lenient) or an import check. */
  value: unknown;
  /** Formats stepped through, in order (`[2, 3, 4, 5]` from format 1). */
  applied: number[];
  /** Set when the stored settings could not be migrated; `value` is then the defaults. */
  problem?: string;
}

/**
 * Stored settings of any earlier format → current format. A newer or unreadable format is
 * refused gracefully: the defaults are used and the refusal is reported, never thrown.
 */
export function migrateSettings(stored: { version: number; value: unknown }): MigratedSettings {
  const outcome = runMigrations(
    stored.version,
    stored.value,
    CURRENT_SETTINGS_VERSION,
    SETTINGS_MIGRATIONS,
  );
  if (outcome.ok) {
    return { version: CURRENT_SETTINGS_VERSION, value: outcome.value, applied: outcome.applied };
  }
  return {
    version: CURRENT_SETTINGS_VERSION,
    value: structuredClone(DEFAULT_SETTINGS),
    applied: [],
    problem: `The stored settings value ${outcome.reason}; using the defaults.`,
  };
}
