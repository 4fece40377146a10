import { addToHistory } from '../batch/download-history';
import type { HistoryEntry } from '../model/history-entry';
import type { EngineContext } from './engine-state';
import { historyItem } from './stored-items';

/** A finished download (single or batch) goes into the stored history of the last 500. */
export async function remember(ctx: EngineContext, entry: HistoryEntry): Promise<void> {
  ctx.state.history = addToHistory(ctx.state.history, entry);
  await ctx.store.write(historyItem, ctx.state.history);
  ctx.deps.broadcast({ type: 'changed', what: 'recent' });
}
