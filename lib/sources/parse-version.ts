import type { ApiGeneration } from '../instances/instance';

/**
 * A reported version → (raw version, API generation). Versions come from a config the
 * instance owner controls and may not even be strings (cobalt.directory calls `.toString()`),
 * so the major is read with `^v?(\d+)\.` and anything else is unknown (docs/cobalt-api.md §1).
 * v7 ended at 7.15 and the next release was 10.0.0: no 8.x or 9.x exists (§1), so those majors
 * (and anything before 7) are not a generation we know how to speak.
 */

export interface ParsedVersion {
  version: string | null;
  generation: ApiGeneration;
}

const MAJOR = /^v?(\d+)\./i;
const V7 = 7;
const V10 = 10;
const V11 = 11;
/** Placeholders the trackers write instead of a version (§6.1, §6.2). */
const PLACEHOLDERS = new Set(['', 'offline', 'unknown', 'n/a', 'none', 'null']);
/** Longer strings are not versions; keep them out of storage and the UI. */
const MAX_VERSION_LENGTH = 64;

const UNKNOWN: ParsedVersion = { version: null, generation: 'unknown' };

export function parseVersion(raw: unknown): ParsedVersion {
  let text: string;
  if (typeof raw === 'string') text = raw.trim();
  else if (typeof raw === 'number' && Number.isFinite(raw)) text = String(raw);
  else return UNKNOWN;
  if (PLACEHOLDERS.has(text.toLowerCase()) || text.length > MAX_VERSION_LENGTH) return UNKNOWN;
  return { version: text, generation: generationOf(text) };
}

export function generationOf(version: string): ApiGeneration {
  const match = MAJOR.exec(version);
  if (!match?.[1]) return 'unknown';
  const major = Number(match[1]);
  if (major === V7) return 'v7';
  if (major === V10) return 'v10';
  if (major >= V11) return 'v11';
  return 'unknown';
}
