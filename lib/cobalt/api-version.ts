import type { ApiGeneration } from '../instances/instance';
import { parseVersion, type ParsedVersion } from '../instances/parse-version';
import { keysFor, type KeyRule } from './request-keys';

/**
 * What an instance's reported version lets us send (docs/cobalt-api.md §1, §2). The version is
 * read by lib/instances/parse-version.ts, the one parser feeds and probes use too, so an
 * instance is asked in the generation it was ranked under; anything it cannot place is
 * `unknown`, which gets the minimal `{url}` body on `POST /` (it works on every v10+ version).
 */

export interface Capabilities {
  generation: ApiGeneration;
  /** `POST /api/json` on v7, `POST /` on everything else (docs/cobalt-api.md §1). */
  endpointPath: '/' | '/api/json';
  /** Accepted keys besides `url`, with their names and defaults; empty = minimal body. */
  keys: readonly KeyRule[];
}

/** Which request keys a version accepts, under which names (docs/cobalt-api.md §2, §7). */
export function capabilities(version: string | null | undefined | ParsedVersion): Capabilities {
  const parsed = version && typeof version === 'object' ? version : parseVersion(version);
  if (parsed.generation === 'unknown')
    return { generation: 'unknown', endpointPath: '/', keys: [] };
  return {
    generation: parsed.generation,
    endpointPath: parsed.generation === 'v7' ? '/api/json' : '/',
    keys: keysFor(parsed),
  };
}
