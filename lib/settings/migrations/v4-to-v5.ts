import { isRecord } from './is-record';

/**
 * 4 → 5: `localProcessing` becomes "Processing on this device" (docs/local-processing.md).
 * Format 4's `disabled` (ask for nothing) is the new default `required`; its `forced` asked
 * instances for local-processing answers, which the extension could only save as `proxy`: now that
 * it can mux, the nearest choice is `prefer` (ask for the parts). Same in every per-service
 * override. Anything else is passed on unchanged for the check after it to report.
 */

const RENAMED_VALUES: Record<string, string> = { disabled: 'required', forced: 'prefer' };

function renameValue(options: unknown): unknown {
  if (!isRecord(options) || typeof options.localProcessing !== 'string') return options;
  const renamed = RENAMED_VALUES[options.localProcessing];
  return renamed ? { ...options, localProcessing: renamed } : options;
}

export function v4ToV5(previous: unknown): unknown {
  if (!isRecord(previous)) return previous;
  const next: Record<string, unknown> = { ...previous };
  if (next.download !== undefined) next.download = renameValue(next.download);
  if (isRecord(next.serviceOverrides)) {
    next.serviceOverrides = Object.fromEntries(
      Object.entries(next.serviceOverrides).map(([service, options]) => [
        service,
        renameValue(options),
      ]),
    );
  }
  return next;
}
