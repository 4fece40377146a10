/**
 * Stored health table, format 1 → 2 (lib/storage/items.ts `healthItem`).
 *
 * Format 1 kept `latencySamples` as plain numbers: the last five successful answer times.
 * Format 2 keeps objects, `{ ms }` for a complete answer and `{ ms, lowerBound: true }` for an
 * attempt cancelled because another instance answered first (see health-state.ts), so the hedge
 * can learn from losers too. Every format-1 sample was a complete answer: each number becomes
 * `{ ms }`, in the same order. Anything malformed is passed on unchanged, for the schema to drop
 * that record alone.
 */
export function healthV1ToV2(previous: unknown): unknown {
  if (!isPlainObject(previous)) return previous;
  const next: Record<string, unknown> = {};
  for (const [key, record] of Object.entries(previous)) {
    next[key] = upgradeRecord(record);
  }
  return next;
}

function upgradeRecord(record: unknown): unknown {
  if (!isPlainObject(record) || !Array.isArray(record.latencySamples)) return record;
  const samples = record.latencySamples.map((ms: unknown) =>
    typeof ms === 'number' ? { ms } : ms,
  );
  return { ...record, latencySamples: samples };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
