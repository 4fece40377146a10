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

let cached: BundledSnapshot | null = null;

export function bundledSnapshot(): BundledSnapshot {
  if (cached) return cached;
  const file = FileSchema.safeParse(snapshot);
  const entries = (file.success ? file.data.entries : []).flatMap((item) => {
    const parsed = SourceEntrySchema.safeParse(item);
    return parsed.success ? [parsed.data] : [];
  });
  cached = file.success
    ? { date: file.data.date, sources: file.data.sources, entries }
    : { date: null, sources: [], entries };
  return cached;
}
