import type { SourceEntry } from '../instances/instance';
import snapshot from './bundled-snapshot.json';
import { SourceEntrySchema } from './source-entry-schema';

/**
 * The committed snapshot (build-bundled-snapshot.ts), validated like any stored data: an entry
 * that does not match the schema is skipped rather than trusted. Parsed once.
 */
let cached: SourceEntry[] | null = null;

export function bundledSnapshot(): SourceEntry[] {
  cached ??= (snapshot as unknown[]).flatMap((item) => {
    const parsed = SourceEntrySchema.safeParse(item);
    return parsed.success ? [parsed.data] : [];
  });
  return cached;
}
