import type { Instance } from '../instances/instance';
import type { RankReason } from '../model/rank-reason';
import type { ServiceKey } from '../services/service-key';
import type { Settings } from '../settings/schema';
import { checkFilters } from './check-filters';
import { evidenceFor, rankContext, userInstance, type RankContext } from './rank-context';
import type { RankedEntry, RankState } from './ranked-entry';
import { scoreInstance } from './score-instance';

/**
 * The instances for one service, best first (docs/rules.md "Ranking"): hard filters, then a score;
 * pinned instances first in the user's order, then by score, ties by origin. Excluded
 * instances follow (by origin), each with the reasons it is out, so the UI can show them.
 *
 * Pure and deterministic: the output depends on the inputs, never on their order or the clock
 * (`now` is a parameter). The user's pinned and own origins are ranked even when no tracker
 * lists them.
 */
export function rank(
  service: ServiceKey,
  state: RankState,
  settings: Settings,
  now: number,
): RankedEntry[] {
  const ctx = rankContext(service, state, settings, now);
  const included: RankedEntry[] = [];
  const excluded: RankedEntry[] = [];
  let listedChoices: Set<string> | null = null;
  for (const instance of state.instances) {
    if (ctx.mine.has(instance.origin) || ctx.pinIndex.has(instance.origin)) {
      (listedChoices ??= new Set()).add(instance.origin);
    }
    const entry = rankOne(instance, state, ctx);
    (entry.excluded ? excluded : included).push(entry);
  }
  for (const origin of userChoices(ctx)) {
    if (listedChoices?.has(origin)) continue;
    const entry = rankOne(userInstance(origin), state, ctx);
    (entry.excluded ? excluded : included).push(entry);
  }
  included.sort((a, b) => compareIncluded(a, b, ctx.pinIndex));
  excluded.sort(compareOrigin);
  for (const entry of excluded) included.push(entry);
  return included;
}

function rankOne(instance: Instance, state: RankState, ctx: RankContext): RankedEntry {
  const ev = evidenceFor(instance, state, ctx);
  const reasons: RankReason[] = [];
  const excluded = checkFilters(instance, ev, ctx, reasons);
  return {
    origin: instance.origin,
    score: excluded ? null : scoreInstance(instance, ev, ctx, reasons),
    excluded,
    reasons,
    pinned: ev.pinIndex !== undefined,
    hasKey: ev.hasKey,
    instance,
  };
}

function* userChoices(ctx: RankContext): Iterable<string> {
  yield* ctx.pinIndex.keys();
  for (const origin of ctx.mine) if (!ctx.pinIndex.has(origin)) yield origin;
}

function compareIncluded(
  a: RankedEntry,
  b: RankedEntry,
  pinIndex: ReadonlyMap<string, number>,
): number {
  if (a.pinned || b.pinned) {
    if (!b.pinned) return -1;
    if (!a.pinned) return 1;
    return (pinIndex.get(a.origin) ?? 0) - (pinIndex.get(b.origin) ?? 0);
  }
  return (b.score ?? 0) - (a.score ?? 0) || compareOrigin(a, b);
}

function compareOrigin(a: RankedEntry, b: RankedEntry): number {
  return a.origin < b.origin ? -1 : a.origin > b.origin ? 1 : 0;
}
