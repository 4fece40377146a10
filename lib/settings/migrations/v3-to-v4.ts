import { isRecord } from './is-record';

/** `fallback.hedgeMs` as format 3 defaulted it. */
export const V3_DEFAULT_HEDGE_MS = 2000;

/** …and as format 4 does (lib/settings/schema.ts). */
export const V4_DEFAULT_HEDGE_MS = 20_000;

/**
 * 3 → 4: `fallback.hedgeMs` stays the longest wait before a slow attempt gets a parallel one,
 * but the chain now learns each instance's normal answer time and hedges at its 95th percentile
 * (lib/submit/hedge-delay.ts), so the ceiling only guards against a runaway estimate. Format 3's
 * default of 2 s was a fixed hedge in disguise: with real cobalt answers taking 1.5 s typically and
 * 6 s one time in twenty, it handed the page URL to a second instance on a large share of
 * downloads. A stored 2000 (the old default, which nearly everyone kept) becomes the new default;
 * any other value was chosen by the user and is kept, as is anything malformed (the check after
 * the migration reports it).
 */
export function v3ToV4(previous: unknown): unknown {
  if (!isRecord(previous) || !isRecord(previous.fallback)) return previous;
  if (previous.fallback.hedgeMs !== V3_DEFAULT_HEDGE_MS) return previous;
  return { ...previous, fallback: { ...previous.fallback, hedgeMs: V4_DEFAULT_HEDGE_MS } };
}
