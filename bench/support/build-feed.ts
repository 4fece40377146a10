import type { FeedFormat } from '../../lib/instances/instance';
import { readFeedFixture } from '../../test/support/tracker-server';

/** A distinct made-up host per entry (97 made-up domains). */
function host(i: number): string {
  return `api-${i}.bench-instance-${i % 97}.example`;
}

/**
 * A tracker feed of a real size from the real captures in test/fixtures/feeds (which hold a few
 * entries each): `entries` entries of one format, built by cycling through the capture's entries.
 * Used by bench/feed-parse.ts and by the popup bench's live-user profile
 * (bench/support/live-profile.ts).
 */
export function buildFeed(format: FeedFormat, entries: number): string {
  if (format === 'directory-working') {
    const template = JSON.parse(readFeedFixture('directory-working.json')) as {
      data: Record<string, unknown>;
    };
    const slugs = Object.keys(template.data);
    const data: Record<string, string[]> = Object.fromEntries(slugs.map((s) => [s, []]));
    // Each origin works for one to four services.
    for (let i = 0; i < entries; i++) {
      for (let k = 0; k <= i % 4; k++)
        data[slugs[(i + k) % slugs.length]!]!.push(`https://${host(i)}`);
    }
    return JSON.stringify({ lastUpdatedUTC: '2026-05-04T12:10:00.000Z', data });
  }
  const fixture = {
    hyper: 'hyper-2024-10-final.json',
    'directory-tests': 'directory-tests.json',
    'cobalt-best': 'cobalt-best-new.json',
  }[format];
  const parsed = JSON.parse(readFeedFixture(fixture)) as unknown;
  const templates = (
    Array.isArray(parsed) ? parsed : (parsed as { data: unknown[] }).data
  ) as Record<string, unknown>[];
  const items = Array.from({ length: entries }, (_, i) => {
    const template = templates[i % templates.length]!;
    const entry = { ...template };
    if ('api' in entry) entry.api = host(i);
    if ('url' in entry) entry.url = `https://${host(i)}/`;
    return entry;
  });
  return JSON.stringify(Array.isArray(parsed) ? items : { ...(parsed as object), data: items });
}
