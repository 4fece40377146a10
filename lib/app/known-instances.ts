import type { Instance, SourceEntry } from '../instances/instance';
import { mergeEntries } from '../instances/merge-entries';
import type { SourceState } from '../sources/source-state';

/**
 * The instances the engine knows: every enabled source's last good entries, merged by origin
 * with the bundled snapshot underneath (lib/instances/merge-entries: live sources win over
 * bundled facts). `usingBundled` is true until some enabled source has answered once, which
 * the popup says plainly (first run offline).
 */
export function knownInstances(
  bundled: readonly SourceEntry[],
  states: readonly SourceState[],
): { instances: Instance[]; usingBundled: boolean } {
  const entries: SourceEntry[] = [...bundled];
  let live = false;
  for (const state of states) {
    if (state.lastSuccess !== null) live = true;
    for (const entry of state.entries) entries.push(entry);
  }
  return { instances: mergeEntries(entries), usingBundled: !live };
}
