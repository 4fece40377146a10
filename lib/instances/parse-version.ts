import type { ApiGeneration } from './instance';

/**
 * The one reading of a version an instance or a tracker reports → the API generation it speaks
 * (docs/cobalt-api.md §1), and for known generations the (major, minor) that gate request keys
 * (lib/cobalt/request-keys.ts). Feeds, probes and the request builder all read versions here, so
 * the generation an instance is ranked under is the one its request is built for.
 *
 * Versions come from a config the instance owner controls and may not even be strings
 * (cobalt.directory calls `.toString()`), so the text is read as `v?MAJOR.MINOR…` and anything
 * else is unknown (the minimal `{url}` body on `POST /`).
 *
 * cobalt's public API history, by major (https://github.com/imputnet/cobalt, `package.json` and
 * `docs/API.md` by release):
 * - 1–6 (2022 – 2023-07): `unknown`. Before 4.3 (2022-11) there was no POST API at all; 4.3–6.x
 *   posted to `/api/json` with key sets that changed between releases (4.x `vFormat` and
 *   `vQuality: "hig"`, 6.x numeric `vQuality`) and that we never checked against a server. These
 *   releases are long superseded; a 1–6 version seen today is far more likely a fork's own
 *   numbering than a cobalt we know how to talk to, so it gets the same treatment as any version
 *   we cannot place rather than the v7 body and the v7 opt-in.
 * - 7 (7.0 2023-08 → 7.15): `v7`, the legacy `POST /api/json` (docs/cobalt-api.md §7).
 * - 8, 9: never released (`package.json` went 7.15 → 10.0.0): `unknown`.
 * - 10 (2024-09 → 2025-04): `v10`, `POST /`.
 * - 11 and newer: `v11`, `POST /`; a major newer than any known gets the minimal body
 *   (lib/cobalt/request-keys.ts `LATEST_KNOWN_MAJOR`).
 */

type KnownGeneration = Exclude<ApiGeneration, 'unknown'>;

export type ParsedVersion =
  | { version: string | null; generation: 'unknown' }
  | { version: string; generation: KnownGeneration; major: number; minor: number };

/** A version whose generation we know: what request keys are gated on. */
export type KnownVersion = Extract<ParsedVersion, { major: number }>;

/** Major and minor, at most four digits each: `12345.1` is not a version. */
const VERSION_RE = /^v?(\d{1,4})\.(\d{1,4})(?!\d)/i;
/** Placeholders the trackers write instead of a version (docs/cobalt-api.md §6.1, §6.2). */
const PLACEHOLDERS = new Set(['', 'offline', 'unknown', 'n/a', 'none', 'null']);
/** Longer strings are not versions; keep them out of storage and the UI. */
const MAX_VERSION_LENGTH = 64;
const V7 = 7;
const V10 = 10;

const NO_VERSION: ParsedVersion = Object.freeze({ version: null, generation: 'unknown' });

/** `version` is the trimmed text (kept for display even when its generation is unknown). */
export function parseVersion(raw: unknown): ParsedVersion {
  let text: string;
  if (typeof raw === 'string') text = raw.trim();
  else if (typeof raw === 'number' && Number.isFinite(raw)) text = String(raw);
  else return NO_VERSION;
  if (PLACEHOLDERS.has(text.toLowerCase()) || text.length > MAX_VERSION_LENGTH) return NO_VERSION;
  const match = VERSION_RE.exec(text);
  const major = Number(match?.[1]);
  const minor = Number(match?.[2]);
  const generation = match ? generationOf(major) : null;
  return generation
    ? { version: text, generation, major, minor }
    : { version: text, generation: 'unknown' };
}

function generationOf(major: number): KnownGeneration | null {
  if (major === V7) return 'v7';
  if (major === V10) return 'v10';
  if (major > V10) return 'v11';
  return null;
}
