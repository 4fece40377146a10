import { showValue } from './show-value';

/** One step from version n-1 to n: pure, tolerant of garbage (the validator reports it later). */
type Migration = (previous: unknown) => unknown;

/** Steps keyed by the version they produce: `{ 2: v1ToV2, 3: v2ToV3 }`. */
export type Migrations = Readonly<Record<number, Migration>>;

export type MigrationOutcome =
  { ok: true; value: unknown; applied: number[] } | { ok: false; reason: string };

/**
 * Brings a stored value from `version` up to `target`, one numbered step at a time.
 * Refuses (never throws) when the version is unreadable, newer than `target` (written by a
 * newer release: guessing at its meaning could destroy the user's data), or a step is missing.
 */
export function runMigrations(
  version: unknown,
  value: unknown,
  target: number,
  migrations: Migrations,
): MigrationOutcome {
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return { ok: false, reason: `has an unreadable version (${showValue(version)})` };
  }
  if (version > target) {
    return {
      ok: false,
      reason: `was written by a newer version of cobalt-picker (format ${version}; this one reads up to ${target})`,
    };
  }
  let current = value;
  const applied: number[] = [];
  for (let next = version + 1; next <= target; next++) {
    const step = migrations[next];
    if (!step) return { ok: false, reason: `has no migration from format ${next - 1} to ${next}` };
    try {
      current = step(current);
    } catch (error) {
      // Migrations are written not to throw; this keeps a bug from becoming a crash loop.
      return { ok: false, reason: `could not be upgraded to format ${next} (${String(error)})` };
    }
    applied.push(next);
  }
  return { ok: true, value: current, applied };
}
