import type { ProbeResult } from './probe-result';

/**
 * The version string a request is built for (lib/cobalt/build-request reads the keys from it).
 * A probe that answered speaks for the instance now; when it could not place the generation
 * (a `cobalt` object claiming 7.x, a version that does not parse), the request gets the
 * minimal `{url}` body on `POST /` (docs/cobalt-api.md §1: the `cobalt` object is the v10+ marker)
 * rather than whatever the raw string would suggest. Without a usable probe, the tracker's.
 */
export function requestVersion(
  probe: ProbeResult | undefined,
  trackerVersion: string | null,
): string | null {
  if (!probe?.ok) return trackerVersion;
  return probe.generation === 'unknown' ? null : probe.version;
}
