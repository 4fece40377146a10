import type { PopupView } from '../model/popup-view';
import { POPUP_VIEW_FORMAT } from '../ui/usable-view';
import type { PopupSnapshot } from '../model/snapshots';
import type { RankedEntry } from '../rank/ranked-entry';
import { classifyPage } from '../services';
import type { PageInfo } from '../services/page-info';
import type { BatchManager } from './batch-manager';
import type { Ranking } from './engine-ranking';
import type { EngineContext } from './engine-state';
import { jobForPopup, popupSnapshot } from './snapshots';

/** What a popup snapshot is built from. */
export interface PopupParts {
  ctx: EngineContext;
  ranking: Ranking;
  batch: BatchManager;
}

export interface BuiltPopup {
  /** The tab's address, as the snapshot classified it. */
  url: string | null;
  page: PageInfo;
  ranked: RankedEntry[];
  snapshot: PopupSnapshot;
}

/**
 * The popup's snapshot for a tab (the active one when `asked` is null) or for job `jobId`,
 * built from the state in memory. No side effects: 'popup/snapshot' (handlers.ts) probes the
 * candidates afterwards, the stored view (popupViewOfActiveTab) does not.
 */
export async function buildPopup(
  parts: PopupParts,
  asked: number | null,
  jobId: string | undefined,
): Promise<BuiltPopup> {
  const { ctx, ranking } = parts;
  const { state } = ctx;
  const tabId = asked ?? (await ctx.deps.activeTabId());
  const url = tabId !== null ? await ctx.deps.tabUrl(tabId) : null;
  const page = classifyPage(url);
  const job = jobForPopup(state.jobs, tabId, jobId);
  const service =
    page.kind === 'supported' || page.kind === 'service-page'
      ? page.service
      : (job?.service ?? null);
  const ranked = service ? ranking.rankFor(service) : [];
  const snapshot = popupSnapshot({
    page,
    tabId,
    ranked,
    settings: state.settings,
    probes: state.probes,
    usingBundled: ranking.usingBundled(),
    job,
    recent: state.recent,
    batch: parts.batch.view(),
    history: state.history,
    notices: state.notices,
    service,
  });
  return { url, page, ranked, snapshot };
}

/** The popup's last view (lib/model/popup-view.ts) of the active tab; null with no tab. */
export async function popupViewOfActiveTab(parts: PopupParts): Promise<PopupView | null> {
  const tabId = await parts.ctx.deps.activeTabId();
  if (tabId === null) return null;
  const { url, snapshot } = await buildPopup(parts, tabId, undefined);
  return { format: POPUP_VIEW_FORMAT, url, snapshot };
}
