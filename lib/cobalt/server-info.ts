import { z } from 'zod';
import type { ApiGeneration } from '../instances/instance';
import type { ServiceKey } from '../services/service-key';
import { serviceFromName } from '../services/service-names';
import { parseApiVersion } from './api-version';

/**
 * What `GET /` says about an instance (docs/cobalt-api.md §1, §3.5, §7): its API generation and version,
 * the services it enables, and whether it uses Turnstile (then it is unusable from an extension
 * without a key, docs/cobalt-api.md §3.6). Tolerant: forks strip `git`, report numbers as versions, add
 * keys; one bad service name is skipped, not fatal.
 */

export interface ServerInfo {
  generation: ApiGeneration;
  /** As reported (trimmed, bounded), or null. */
  version: string | null;
  /** Internal keys of the enabled services; null when the instance does not say (v7). */
  services: ServiceKey[] | null;
  /** Names no layer knows (a fork's extra service, a newer cobalt): for diagnostics. */
  unknownServices: string[];
  turnstile: boolean;
  /** 10.x only (`cobalt.durationLimit`, seconds); null elsewhere. */
  durationLimitSeconds: number | null;
}

export type ServerInfoResult = { ok: true; info: ServerInfo } | { ok: false; reason: string };

const MAX_VERSION_LENGTH = 64;
const MAX_SERVICES = 200;
const MAX_SERVICE_NAME_LENGTH = 64;

/** cobalt.directory calls `.toString()` on versions: they are not always strings (§1). */
const Version = z
  .union([z.string(), z.number()])
  .transform((value) => String(value).trim().slice(0, MAX_VERSION_LENGTH));

const ModernInfo = z.object({
  cobalt: z.looseObject({
    version: Version.optional().catch(undefined),
    services: z.array(z.unknown()).max(MAX_SERVICES).optional().catch(undefined),
    turnstileSitekey: z.unknown().optional(),
    durationLimit: z.number().nonnegative().optional().catch(undefined),
  }),
});

const LegacyInfo = z.looseObject({ version: Version });

/** Parses the JSON of `GET /` (after redirects: v7 answers from `/api/serverInfo`). */
export function parseServerInfo(body: unknown): ServerInfoResult {
  const modern = ModernInfo.safeParse(body);
  if (modern.success) {
    const { cobalt } = modern.data;
    const parsed = parseApiVersion(cobalt.version);
    // a `cobalt` object means v10+ whatever the string claims; a v7-looking one is a fork's
    // guess we cannot trust, so it gets the minimal body on POST / (generation unknown)
    const generation = parsed.generation === 'v7' ? 'unknown' : parsed.generation;
    const { services, unknownServices } = mapServices(cobalt.services);
    return {
      ok: true,
      info: {
        generation,
        version: cobalt.version ? cobalt.version : null,
        services,
        unknownServices,
        turnstile: typeof cobalt.turnstileSitekey === 'string' && cobalt.turnstileSitekey !== '',
        durationLimitSeconds: cobalt.durationLimit ?? null,
      },
    };
  }
  if (typeof body === 'object' && body !== null && 'cobalt' in body) {
    return { ok: false, reason: 'a `cobalt` member that is not an object' };
  }
  const legacy = LegacyInfo.safeParse(body);
  if (legacy.success) {
    return {
      ok: true,
      info: {
        // only the v7 serverInfo has a top-level version (docs/cobalt-api.md §1 detection)
        generation: 'v7',
        version: legacy.data.version || null,
        services: null,
        unknownServices: [],
        turnstile: false,
        durationLimitSeconds: null,
      },
    };
  }
  return { ok: false, reason: 'not cobalt server info' };
}

function mapServices(names: unknown[] | undefined): {
  services: ServiceKey[] | null;
  unknownServices: string[];
} {
  if (!names) return { services: null, unknownServices: [] };
  const services = new Set<ServiceKey>();
  const unknownServices: string[] = [];
  for (const name of names) {
    if (typeof name !== 'string' || name.length > MAX_SERVICE_NAME_LENGTH) continue;
    const key = serviceFromName(name);
    if (key) services.add(key);
    else unknownServices.push(name);
  }
  return { services: [...services], unknownServices };
}
