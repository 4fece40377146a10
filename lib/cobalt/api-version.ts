import type { ApiGeneration } from '../instances/instance';
import { keysFor, type KeyRule } from './request-keys';

/**
 * Which API an instance speaks, from the version string it reports (docs/cobalt-api.md §1).
 * Version strings are owner-controlled and forks report anything, so parsing is forgiving on
 * the prefix (`v10.2`, `7.15-dev`, `11.7.1`) and anything else is `unknown`, which gets the
 * minimal `{url}` body on `POST /` (docs/cobalt-api.md §2: it works on every v10+ version).
 */

export type KnownGeneration = Exclude<ApiGeneration, 'unknown'>;

export interface ApiVersion {
  generation: KnownGeneration;
  major: number;
  minor: number;
}

export interface UnknownApiVersion {
  generation: 'unknown';
}

export type ParsedApiVersion = ApiVersion | UnknownApiVersion;

export const UNKNOWN_VERSION: UnknownApiVersion = Object.freeze({ generation: 'unknown' });

/** `^v?(\d+)\.` as docs/cobalt-api.md §1 reads the major, plus the minor, which gates keys (10.2, 11.2). */
const VERSION_RE = /^v?(\d{1,4})\.(\d{1,4})(?![\d])/i;
/** Longer strings are not versions (and are not worth a regex). */
const MAX_VERSION_LENGTH = 64;
/** The last v7-generation major: 8.x and 9.x were never released (docs/cobalt-api.md §1). */
const LAST_LEGACY_MAJOR = 7;
const V10_MAJOR = 10;

export function parseApiVersion(raw: unknown): ParsedApiVersion {
  // cobalt.directory calls .toString() on the value because it may not be a string (§1).
  if (typeof raw !== 'string' && typeof raw !== 'number') return UNKNOWN_VERSION;
  const text = String(raw).trim();
  if (text.length > MAX_VERSION_LENGTH) return UNKNOWN_VERSION;
  const match = VERSION_RE.exec(text);
  if (!match) return UNKNOWN_VERSION;
  const major = Number(match[1]);
  const minor = Number(match[2]);
  const generation = generationOf(major);
  return generation ? { generation, major, minor } : UNKNOWN_VERSION;
}

function generationOf(major: number): KnownGeneration | null {
  if (major >= 1 && major <= LAST_LEGACY_MAJOR) return 'v7';
  if (major === V10_MAJOR) return 'v10';
  // 11 and anything newer speak `POST /`; capabilities() decides what a future major may get.
  if (major > V10_MAJOR) return 'v11';
  return null;
}

/** Accepts a raw version string or an already parsed one. */
export function toApiVersion(
  version: string | null | undefined | ParsedApiVersion,
): ParsedApiVersion {
  if (version && typeof version === 'object') return version;
  return parseApiVersion(version);
}

/** `a >= b` on (major, minor). */
export function isAtLeast(version: ApiVersion, major: number, minor = 0): boolean {
  return version.major > major || (version.major === major && version.minor >= minor);
}

export interface Capabilities {
  generation: ApiGeneration;
  /** `POST /api/json` on v7, `POST /` on everything else (docs/cobalt-api.md §1). */
  endpointPath: '/' | '/api/json';
  /** Accepted keys besides `url`, with their names and defaults; empty = minimal body. */
  keys: readonly KeyRule[];
}

/** Which request keys a version accepts, under which names (docs/cobalt-api.md §2, §7). */
export function capabilities(version: string | null | undefined | ParsedApiVersion): Capabilities {
  const parsed = toApiVersion(version);
  if (parsed.generation === 'unknown')
    return { generation: 'unknown', endpointPath: '/', keys: [] };
  return {
    generation: parsed.generation,
    endpointPath: parsed.generation === 'v7' ? '/api/json' : '/',
    keys: keysFor(parsed),
  };
}
