import type { ValidationProblem } from '../storage/validation-problem';
import { toProblem } from '../storage/issue-messages';
import { repairValue } from '../storage/repair-value';
import { showValue } from '../storage/show-value';
import { isRecord } from './migrations/is-record';
import { CURRENT_SETTINGS_VERSION, migrateSettings } from './migrations/migrate-settings';
import { DEFAULT_SETTINGS, SettingsSchema, type Settings } from './schema';

/** The marker that tells our files from any other JSON (docs/settings.md "File format"). */
export const SETTINGS_FILE_FORMAT = 'cobalt-picker/settings';

/**
 * Largest file accepted. The largest valid settings (every list at its cap, long labels) is
 * well under 100 KB; anything bigger is the wrong file, and parsing it would only waste time.
 */
export const MAX_SETTINGS_FILE_BYTES = 256 * 1024;

/** The keys of the file envelope, in the order they are written. */
const FILE_KEYS = ['format', 'version', 'exportedAt', 'settings'] as const;

interface SettingsFile {
  format: typeof SETTINGS_FILE_FORMAT;
  version: number;
  /** ISO 8601; informational only. */
  exportedAt: string;
  settings: Settings;
}

export type ImportResult =
  | { ok: true; settings: Settings; migratedFrom?: number; warnings: ValidationProblem[] }
  | { ok: false; problems: ValidationProblem[] };

/** The file the options page offers for download: pretty JSON, API keys included. */
export function exportSettings(settings: Settings, now: number): string {
  const file: SettingsFile = {
    format: SETTINGS_FILE_FORMAT,
    version: CURRENT_SETTINGS_VERSION,
    exportedAt: new Date(now).toISOString(),
    settings,
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

/**
 * Reads a settings file strictly: unlike stored settings (repaired field by field), a file
 * with any invalid field is refused as a whole, with one problem per field saying what is
 * allowed, so nothing the user did not mean is applied. Older formats are migrated first.
 * Absent settings take their defaults (a hand-written file may hold only what it changes);
 * unknown keys are ignored with a warning (most likely a typo). Never throws.
 */
export function importSettings(json: string): ImportResult {
  const size = utf8Bytes(json);
  if (size > MAX_SETTINGS_FILE_BYTES) {
    return refuse(
      '',
      `This file is ${Math.ceil(size / 1024)} KB; a settings file is at most ${MAX_SETTINGS_FILE_BYTES / 1024} KB. Is it the right file?`,
    );
  }
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (error) {
    return refuse(
      '',
      `This file is not JSON: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  if (!isRecord(raw)) {
    return refuse(
      '',
      `This is not a cobalt-picker settings file: it holds ${showValue(raw)}, not an object.`,
    );
  }
  const file = raw;
  const format = Object.hasOwn(file, 'format') ? file.format : undefined;
  if (format !== SETTINGS_FILE_FORMAT) {
    const found = format === undefined ? 'has no "format"' : `has "format" ${showValue(format)}`;
    return refuse(
      'format',
      `This is not a cobalt-picker settings file: it ${found}, expected "${SETTINGS_FILE_FORMAT}".`,
    );
  }
  const version = Object.hasOwn(file, 'version') ? file.version : undefined;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return refuse(
      'version',
      `"version" must be a whole number from 1 to ${CURRENT_SETTINGS_VERSION}; found ${showValue(version)}.`,
    );
  }
  if (version > CURRENT_SETTINGS_VERSION) {
    return refuse(
      'version',
      `This file comes from a newer cobalt-picker (settings version ${version}); this one reads up to version ${CURRENT_SETTINGS_VERSION}. Update the extension, then import again.`,
    );
  }
  const settings = Object.hasOwn(file, 'settings') ? file.settings : undefined;
  if (!isRecord(settings)) {
    return refuse('settings', `"settings" must be an object; found ${showValue(settings)}.`);
  }

  const warnings = envelopeWarnings(file);
  const migrated = migrateSettings({ version, value: settings });
  if (migrated.problem !== undefined) return refuse('version', migrated.problem);
  const checked = repairValue(SettingsSchema, migrated.value, DEFAULT_SETTINGS);
  if (checked.issues.length > 0) {
    const problems = checked.issues.map((issue) => toProblem(issue, 'settings'));
    if (version < CURRENT_SETTINGS_VERSION) {
      problems.push({
        path: '',
        message: `This file uses settings version ${version}; the names above are the current ones (docs/settings.md, "Version history").`,
      });
    }
    return { ok: false, problems };
  }
  for (const path of checked.unknownKeys) {
    warnings.push({ path, message: `${path} is not a known setting; ignored.` });
  }
  return version < CURRENT_SETTINGS_VERSION
    ? { ok: true, settings: checked.value, migratedFrom: version, warnings }
    : { ok: true, settings: checked.value, warnings };
}

function envelopeWarnings(file: Record<string, unknown>): ValidationProblem[] {
  const warnings: ValidationProblem[] = [];
  const exportedAt = file.exportedAt;
  if (
    Object.hasOwn(file, 'exportedAt') &&
    (typeof exportedAt !== 'string' || Number.isNaN(Date.parse(exportedAt)))
  ) {
    warnings.push({
      path: 'exportedAt',
      message: `"exportedAt" is not a date (${showValue(exportedAt)}); ignored.`,
    });
  }
  for (const key of Object.keys(file)) {
    if (!(FILE_KEYS as readonly string[]).includes(key)) {
      warnings.push({ path: key, message: `"${key}" is not part of a settings file; ignored.` });
    }
  }
  return warnings;
}

function refuse(path: string, message: string): ImportResult {
  return { ok: false, problems: [{ path, message }] };
}

/** Size as stored on disk; a string longer than the cap in UTF-16 units is over it anyway. */
function utf8Bytes(text: string): number {
  return text.length > MAX_SETTINGS_FILE_BYTES
    ? text.length
    : new TextEncoder().encode(text).byteLength;
}
