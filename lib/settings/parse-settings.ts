import { toReplacement, type Replacement } from '../storage/issue-messages';
import { repairValue } from '../storage/repair-value';
import { DEFAULT_SETTINGS, SettingsSchema, type Settings } from './schema';

/** How the whole value is named in messages when it is replaced as one. */
const ROOT_LABEL = 'settings';

export interface ParsedSettings {
  settings: Settings;
  /** Every value that was replaced by its default, in plain words (shown as a notice). */
  replaced: Replacement[];
}

/**
 * Lenient read of stored settings (current version; migrate first). Each invalid leaf, or an
 * invalid container, is replaced by its own default and reported; everything else is kept.
 * Invalid list entries and override entries are removed one by one. Unknown keys are dropped
 * silently: they change nothing the extension does, and a notice about them would only alarm.
 * (Imports, which a person may have edited by hand, warn about them: settings-file.ts.)
 * `undefined` (nothing stored yet) gives the defaults without a report. Never throws.
 */
export function parseSettings(raw: unknown): ParsedSettings {
  const repaired = repairValue(SettingsSchema, raw, DEFAULT_SETTINGS);
  return {
    settings: repaired.value,
    replaced: repaired.issues.map((issue) => toReplacement(issue, ROOT_LABEL)),
  };
}
