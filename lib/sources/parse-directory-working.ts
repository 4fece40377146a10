import { z } from 'zod';
import type { SourceEntry, SourceId } from '../instances/instance';
import type { FeedOutcome } from './feed-outcome';
import { mapServiceFlags, nameInfo } from './map-services';
import { normaliseOrigin, quote } from './normalise-origin';
import { describeType, describeZodError } from './tolerant-schema';

/**
 * cobalt.directory `GET /api/working?type=api` → `{ lastUpdatedUTC, data: { "<slug>":
 * ["https://host", …] } }` (docs/cobalt-api.md §6.2). The URLs include the scheme.
 *
 * Each origin becomes one entry. The tracker tests every instance on every service, so for an
 * origin that appears anywhere, each slug in `data` is a verdict: listed → works, not listed →
 * failed. Listing means the API answered (online). Version, trust, score and frontend are not
 * in this feed. (`?type=frontends` has the same shape but lists frontends; it cannot be told
 * apart, so only point a custom source at `type=api`.)
 *
 * Drop indices count the addresses in document order across all slugs.
 */
const WorkingFeed = z.object(
  {
    data: z.record(z.string(), z.unknown(), {
      error: (issue) =>
        issue.input === undefined ? 'is missing' : 'must map services to addresses',
    }),
  },
  { error: 'The feed is not an object with a "data" map of services' },
);

export function parseDirectoryWorkingFeed(json: unknown, source: SourceId): FeedOutcome {
  const parsed = WorkingFeed.safeParse(json);
  if (!parsed.success) return { ok: false, error: describeZodError(parsed.error) };
  const slugs = Object.keys(parsed.data.data);
  const tested: string[] = [];
  const listed = new Map<string, Set<string>>();
  const dropped: { index: number; reason: string }[] = [];
  let index = 0;
  for (const slug of slugs) {
    const urls = parsed.data.data[slug];
    if (!Array.isArray(urls)) {
      dropped.push({ index, reason: `"${slug}" is ${describeType(urls)}, not a list` });
      index += 1;
      continue;
    }
    tested.push(slug);
    for (const url of urls) {
      const origin =
        typeof url === 'string'
          ? normaliseOrigin(url)
          : { ok: false as const, reason: `address is ${describeType(url)}, not text` };
      if (origin.ok) {
        const services = listed.get(origin.origin) ?? new Set<string>();
        services.add(slug);
        listed.set(origin.origin, services);
      } else {
        dropped.push({ index, reason: `in ${quote(slug)}: ${origin.reason}` });
      }
      index += 1;
    }
  }
  // Every origin is judged on the same slugs: map them to service keys once per feed.
  const names = tested.map((slug) => nameInfo(slug));
  const entries: SourceEntry[] = [...listed].map(([origin, services]) => ({
    source,
    origin,
    version: null,
    generation: 'unknown',
    trust: null,
    online: true,
    turnstile: null,
    services: mapServiceFlags(names, (i) => services.has(tested[i] as string)),
    score: null,
    frontend: null,
  }));
  return { ok: true, format: 'directory-working', entries, dropped };
}
