import { z } from 'zod';
import type { ApiGeneration } from '../instances/instance';
import type { ServiceKey } from '../services/service-key';
import { serviceFromName } from '../services/service-names';
import { parseVersion } from '../instances/parse-version';
import { normaliseCodebase } from '../instances/codebase';

/**
 * What an instance's info endpoint says about it (docs/cobalt-api.md §1, §3.5, §7): `GET /` on v10+
 * (`{cobalt:{version, services, turnstileSitekey?}, git}`), `GET /api/serverInfo` on v7
 * (a flat `{version, …}`). Parsed loosely: forks add, drop and retype fields, so only what
 * the probe needs is read and everything else is ignored.
 */
export interface ServerInfo {
  generation: ApiGeneration;
  version: string | null;
  /** Enabled services in internal keys; null when the instance does not say (v7). */
  services: ServiceKey[] | null;
  turnstile: boolean;
  /**
   * `cobalt.url`: the API URL the instance says it serves from (its `API_URL`, where cobalt puts
   * its tunnels). lib/safety/download-target.ts accepts tunnels there when it is on the same
   * registrable domain. Null when absent, not a string or not an http(s) URL.
   */
  apiUrl: string | null;
  /**
   * `git.remote` (`owner/repo`, lib/instances/codebase.ts): the code the instance runs, a fork's
   * own repository for a fork. Null when absent (some operators remove `git`) or malformed.
   */
  codebase: string | null;
}

/** Longer than any real API URL; a bound for hostile input. */
const MAX_API_URL_LENGTH = 2048;

const ModernInfoSchema = z.object({
  cobalt: z.object({
    version: z.unknown().optional(),
    // A services list that is not a list of strings says nothing, rather than "nothing enabled".
    services: z.array(z.unknown()).nullable().optional().catch(null),
    turnstileSitekey: z.unknown().optional(),
    url: z.unknown().optional(),
  }),
  git: z.object({ remote: z.unknown().optional() }).optional().catch(undefined),
});

const LegacyInfoSchema = z.object({
  version: z.union([z.string(), z.number()]),
  cobalt: z.undefined().optional(),
});

/** `GET /` of a v10+ instance; null when the body is not one. */
export function parseServerInfo(json: unknown): ServerInfo | null {
  const parsed = ModernInfoSchema.safeParse(json);
  if (!parsed.success) return null;
  const { version, services, turnstileSitekey, url } = parsed.data.cobalt;
  const { git } = parsed.data;
  const reported = parseVersion(version);
  // The `cobalt` object is itself the v10+ marker (§1); a version that says otherwise is a
  // fork we cannot place.
  const modern = reported.generation === 'v10' || reported.generation === 'v11';
  return {
    generation: modern ? reported.generation : 'unknown',
    version: reported.version,
    services: services ? serviceKeys(services) : null,
    // Present only when Turnstile sessions are enabled (§3.5); any non-empty value counts.
    turnstile:
      turnstileSitekey !== undefined && turnstileSitekey !== null && turnstileSitekey !== '',
    apiUrl: apiUrl(url),
    codebase: normaliseCodebase(git?.remote),
  };
}

function apiUrl(value: unknown): string | null {
  if (typeof value !== 'string' || value.length > MAX_API_URL_LENGTH) return null;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null;
  }
}

/** `GET /api/serverInfo` of a v7 instance; null when the body is not one. */
export function parseLegacyServerInfo(json: unknown): ServerInfo | null {
  const parsed = LegacyInfoSchema.safeParse(json);
  if (!parsed.success) return null;
  const reported = parseVersion(parsed.data.version);
  return {
    generation: reported.generation === 'v7' ? 'v7' : 'unknown',
    version: reported.version,
    services: null,
    turnstile: false,
    apiUrl: null,
    codebase: null,
  };
}

function serviceKeys(names: readonly unknown[]): ServiceKey[] {
  const keys = new Set<ServiceKey>();
  for (const name of names) {
    const key = typeof name === 'string' ? serviceFromName(name) : null;
    if (key) keys.add(key);
  }
  return [...keys];
}
