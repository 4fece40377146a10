import type { Instance, SourceEntry } from '../instances/instance';
import { mergeEntries } from '../instances/merge-entries';
import type { SourceState } from '../sources/source-state';

/** True once an enabled source has answered: the bundled snapshot no longer stands in. */
export function hasLiveList(states: readonly SourceState[]): boolean {
  return states.some((state) => state.lastSuccess !== null);
}

/**
 * The instances the engine knows: every enabled source's last good entries, merged by origin.
 * The bundled snapshot (old input lists, no liveness or service data) only stands in until an
 * enabled source has answered once, so the first run works offline; after that it would only
 * add stale hosts the user never chose, so it is left out. `usingBundled` tells the popup.
 * `bundled` is read only when it stands in: checking its few hundred entries against their
 * schema is the largest single cost of a worker's start (docs/performance.md "Popup first
 * render"), and a worker woken for the popup usually has live lists.
 */
export function knownInstances(
  bundled: () => readonly SourceEntry[],
  states: readonly SourceState[],
): { instances: Instance[]; usingBundled: boolean } {
  const live = hasLiveList(states);
  const entries: SourceEntry[] = live ? [] : [...bundled()];
  for (const state of states) for (const entry of state.entries) entries.push(entry);
  return { instances: mergeEntries(entries), usingBundled: !live };
}
