import { z } from 'zod';
import type { SourceId } from '../instances/instance';
import { clampScore } from './clamp-score';
import { coerceFlag } from './coerce-flag';
import { collectEntries, type EntryResult, type FeedOutcome } from './feed-outcome';
import { feedItems } from './feed-items';
import { mapServices } from './map-services';
import { trustFromLabel } from './map-trust';
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
 * instances.hyper.lol `instances.json` (CobaltTester), every generation in docs/cobalt-api.md §6.1:
 * - 2023-12: `url`, `status`, `frontEnd`;
 * - 2024-04-01: `api`, `api_status`, `frontend_status`; `cors` briefly a bool;
 * - 2024-04-20+: `api_online`, `frontEnd: "None"`, `protocol` (04-25), `score` (04-27);
 * - 2024-05-06: `services` (with `ok.ru` / `vk.com` keys until about May 2024);
 * - 2024-08-15: `trust` (`"offline"` when offline), `frontend_online` removed;
 * - 2024-10-11: `turnstile`, `frontend_online` back.
 * Offline entries carry `version: "Offline"`, `score: -1`, `trust: "offline"`. org.json drops
 * null keys, so any key may be missing. The documented example misspells `services` as
 * `sevices` (web/api.md @ aa43c31): both are read.
 * The same parser reads the CobaltTester input list (`api, frontEnd, protocol, trust`).
 */
const HyperEntry = entryObject({
  api: z.string({ error: 'must be text' }).optional(),
  /** 2023-12 name of `api`. */
  url: lenient(z.string()),
  protocol: optionalText(),
  frontEnd: lenient(z.string()),
  api_online: lenient(z.union([z.boolean(), z.string()])),
  /** 2024-04 name of `api_online`. */
  api_status: lenient(z.union([z.boolean(), z.string()])),
  /** 2023-12 name of `api_online`. */
  status: lenient(z.union([z.boolean(), z.string()])),
  version: lenient(z.union([z.string(), z.number()])),
  score: lenient(z.number()),
  /** Kept raw: a present but unreadable label must become `unknown`, not "no data". */
  trust: z.unknown().optional(),
  turnstile: lenient(z.boolean()),
  services: lenient(JsonObject),
  sevices: lenient(JsonObject),
});

function parseHyperEntry(item: unknown, source: SourceId): EntryResult {
  const parsed = HyperEntry.safeParse(item);
  if (!parsed.success) return { ok: false, reason: describeZodError(parsed.error) };
  const entry = parsed.data;
  const host = entry.api ?? entry.url;
  if (host === undefined) return { ok: false, reason: '"api" is missing' };
  const origin = normaliseOrigin(host, entry.protocol);
  if (!origin.ok) return origin;
  const online = coerceFlag(entry.api_online ?? entry.api_status ?? entry.status);
  const { version, generation } = parseVersion(entry.version);
  return {
    ok: true,
    entry: {
      source,
      origin: origin.origin,
      version,
      generation,
      trust: trustFromLabel(entry.trust),
      online,
      // Before 2024-10-11 the key did not exist: absent is "not known", not "no Turnstile".
      turnstile: entry.turnstile ?? null,
      services: mapServices(entry.services ?? entry.sevices),
      score: clampScore(entry.score),
      frontend: frontendOrigin(entry.frontEnd),
    },
  };
}

export function parseHyperFeed(json: unknown, source: SourceId): FeedOutcome {
  const items = feedItems(json);
  if (items === null) return { ok: false, error: 'The feed is not a list of instances' };
  return collectEntries('hyper', items, (item) => parseHyperEntry(item, source));
}
