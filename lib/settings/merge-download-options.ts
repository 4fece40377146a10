import type { ServiceKey } from '../services/service-key';
import {
  DEFAULT_SETTINGS,
  type DownloadMode,
  type DownloadOptions,
  type DownloadOverrides,
  type Settings,
} from './schema';

/**
 * The options for one download, most specific last: cobalt's defaults ← the user's download
 * defaults ← the override for this service ← the mode the user clicked (audio / no audio).
 * An override key that is absent (or undefined) inherits.
 */
export function effectiveOptions(
  settings: Settings,
  service: ServiceKey,
  mode?: DownloadMode,
): DownloadOptions {
  const merged: DownloadOptions = {
    ...DEFAULT_SETTINGS.download,
    ...definedOnly(settings.download),
    ...definedOnly(settings.serviceOverrides[service] ?? {}),
  };
  return mode === undefined ? merged : { ...merged, downloadMode: mode };
}

/** Spreading `{ key: undefined }` would erase the inherited value. */
function definedOnly(options: DownloadOverrides): DownloadOverrides {
  const defined: DownloadOverrides = {};
  for (const [key, value] of Object.entries(options)) {
    if (value !== undefined) Object.assign(defined, { [key]: value });
  }
  return defined;
}
