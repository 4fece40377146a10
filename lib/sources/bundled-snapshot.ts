import { z } from 'zod';
import type { SourceEntry } from '../instances/instance';
import snapshot from './bundled-snapshot.json';
import { SourceEntrySchema } from './source-entry-schema';

/**
 * The committed snapshot (build-bundled-snapshot.ts, `npm run snapshot`), validated like any
 * stored data: an entry that does not match the schema is skipped rather than trusted. Parsed once.
 */
const FileSchema = z.object({
  date: z.string(),
  sources: z.array(z.object({ source: z.string(), date: z.string() })),
  entries: z.array(z.unknown()),
});

export interface BundledSnapshot {
  /** The capture date of the newest input list (YYYY-MM-DD): "instance list from <date>". */
  date: string | null;
  sources: { source: string; date: string }[];
  entries: SourceEntry[];
}

type Header = Pick<BundledSnapshot, 'date' | 'sources'> & { items: unknown[] };

let header: Header | null = null;
let cached: BundledSnapshot | null = null;

/** The file's date, sources and unchecked entries (the whole file must have the right shape). */
function bundledHeader(): Header {
  if (header) return header;
  const file = FileSchema.safeParse(snapshot);
  header = file.success
    ? { date: file.data.date, sources: file.data.sources, items: file.data.entries }
    : { date: null, sources: [], items: [] };
  return header;
}

/**
 * The capture date alone, without checking the entries: a snapshot for the popup carries it
 * on every answer, and checking 185 entries is the largest single cost of a worker's start
 * (docs/performance.md "Popup first render").
 */
export function bundledSnapshotDate(): string | null {
  return bundledHeader().date;
}

export function bundledSnapshot(): BundledSnapshot {
  if (cached) return cached;
  const { date, sources, items } = bundledHeader();
  const entries = items.flatMap((item) => {
    const parsed = SourceEntrySchema.safeParse(item);
    return parsed.success ? [parsed.data] : [];
  });
  cached = { date, sources, entries };
  return cached;
}
