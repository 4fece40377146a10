import type { FeedFormat, FeedParseResult, SourceEntry } from '../instances/instance';

/**
 * What every feed parser returns: the parsed feed, or one plain-words error when the feed as a
 * whole is unusable (not JSON, wrong shape). Parsers never throw (docs/rules.md "Sources").
 */
export type FeedOutcome = ({ ok: true } & FeedParseResult) | { ok: false; error: string };

export type EntryResult = { ok: true; entry: SourceEntry } | { ok: false; reason: string };

/** Runs the per-entry parser over a list, keeping good entries and recording each drop. */
export function collectEntries(
  format: FeedFormat,
  items: readonly unknown[],
  parseOne: (item: unknown) => EntryResult,
): FeedOutcome {
  const entries: SourceEntry[] = [];
  const dropped: FeedParseResult['dropped'] = [];
  items.forEach((item, index) => {
    const result = parseOne(item);
    if (result.ok) entries.push(result.entry);
    else dropped.push({ index, reason: result.reason });
  });
  return { ok: true, format, entries, dropped };
}
