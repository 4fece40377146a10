import type { TrustLevel } from '../instances/instance';

/**
 * Tracker trust → our TrustLevel. `null` means "this source carries no trust data" (merged as
 * `listed`); any value that is present but not understood becomes `unknown`, never `safe` and
 * never null, so a drifting feed can only make the policy stricter.
 */

/** hyper.lol labels, set by hand by the tracker owner; `offline` replaces the label (§6.1). */
const LABELS: Record<string, TrustLevel> = {
  safe: 'safe',
  unknown: 'unknown',
  not_safe: 'not_safe',
  unsafe: 'not_safe',
  offline: 'offline',
};

export function trustFromLabel(value: unknown): TrustLevel | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'number') return trustFromNumber(value);
  if (typeof value !== 'string') return 'unknown';
  const label = value
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
  // The final CobaltTester input list has one entry with an empty label (samples/): unlabelled.
  // Own keys only: a label such as "constructor" must not find Object.prototype.
  return Object.hasOwn(LABELS, label) ? (LABELS[label] ?? 'unknown') : 'unknown';
}

/**
 * instances.cobalt.best publishes `trust` as an int (docs/cobalt-api.md §6.3, secondary evidence only).
 * Mapping, chosen to fail closed:
 * - ≥ 80 → `safe`: the third-party consumers seen treat "trust ≥ 80" as trusted (§6.3);
 * - 1–79 → `unknown`: some trust, not enough to vouch; the default policy excludes it;
 * - ≤ 0 → `not_safe`: the bottom of the scale is the tracker saying "do not use".
 * Non-numbers that still arrive here (drift: a string label) go through the label mapping.
 */
export const TRUST_SAFE_MIN = 80;
const TRUST_NOT_SAFE_MAX = 0;

export function trustFromNumber(value: unknown): TrustLevel | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string') {
    const numeric = Number(value);
    return value.trim() !== '' && Number.isFinite(numeric)
      ? trustFromNumber(numeric)
      : trustFromLabel(value);
  }
  if (typeof value !== 'number' || !Number.isFinite(value)) return 'unknown';
  if (value >= TRUST_SAFE_MIN) return 'safe';
  if (value <= TRUST_NOT_SAFE_MAX) return 'not_safe';
  return 'unknown';
}
