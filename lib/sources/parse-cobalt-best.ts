import { z } from 'zod';
import type { SourceId } from '../instances/instance';
import { clampScore } from './clamp-score';
import { coerceFlag } from './coerce-flag';
import { collectEntries, type EntryResult, type FeedOutcome } from './feed-outcome';
import { feedItems } from './feed-items';
import { mapServices } from './map-services';
import { trustFromNumber } from './map-trust';
import { frontendOrigin, normaliseOrigin } from './normalise-origin';
import { parseVersion } from '../instances/parse-version';
import {
  describeZodError,
  entryObject,
  JsonObject,
  lenient,
  optionalText,
} from './tolerant-schema';

/**
 * instances.cobalt.best `instances.json` (docs/cobalt-api.md §6.3; no source repository was found, so
 * the shape comes from its consumers and is parsed defensively):
 * - `online` is `{api, frontend}` in the old feed (with `nodomain`) and a plain bool in the
 *   newer one (switched around July 2025);
 * - `trust` is an int (mapped in map-trust.ts), `score` an int 0–100;
 * - `services` values are of any type (the consumer types them `dynamic`);
 * - `frontend` is nullable; `status` (string), `git`, `info`, `name` are extra.
 * Other consumers read `url` instead of `api` and a `status` string for liveness: both are
 * accepted as fallbacks.
 */
const CobaltBestEntry = entryObject({
  api: z.string({ error: 'must be text' }).optional(),
  url: lenient(z.string()),
  protocol: optionalText(),
  frontend: lenient(z.string().nullable()),
  online: lenient(
    z.union([z.boolean(), z.object({ api: lenient(z.union([z.boolean(), z.string()])) })]),
  ),
  status: lenient(z.string()),
  version: lenient(z.union([z.string(), z.number()])),
  /** Kept raw: a present but unreadable value must become `unknown`, not "no data". */
  trust: z.unknown().optional(),
  score: lenient(z.number()),
  turnstile: lenient(z.boolean()),
  services: lenient(JsonObject),
});

function parseCobaltBestEntry(item: unknown, source: SourceId): EntryResult {
  const parsed = CobaltBestEntry.safeParse(item);
  if (!parsed.success) return { ok: false, reason: describeZodError(parsed.error) };
  const entry = parsed.data;
  const host = entry.api ?? entry.url;
  if (host === undefined) return { ok: false, reason: '"api" is missing' };
  const origin = normaliseOrigin(host, entry.protocol);
  if (!origin.ok) return origin;
  const online =
    typeof entry.online === 'boolean'
      ? entry.online
      : coerceFlag(entry.online?.api ?? entry.status);
  const { version, generation } = parseVersion(entry.version);
  return {
    ok: true,
    entry: {
      source,
      origin: origin.origin,
      version,
      generation,
      trust: trustFromNumber(entry.trust),
      online,
      turnstile: entry.turnstile ?? null,
      services: mapServices(entry.services),
      score: clampScore(entry.score),
      frontend: frontendOrigin(entry.frontend),
    },
  };
}

export function parseCobaltBestFeed(json: unknown, source: SourceId): FeedOutcome {
  const items = feedItems(json);
  if (items === null) return { ok: false, error: 'The feed is not a list of instances' };
  return collectEntries('cobalt-best', items, (item) => parseCobaltBestEntry(item, source));
}
