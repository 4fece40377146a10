import type { PopupView } from '../model/popup-view';
import type { PopupSnapshot } from '../model/snapshots';

/** Bumped when PopupView or PopupSnapshot changes shape: a view of another format is ignored. */
export const POPUP_VIEW_FORMAT = 1;

/** The popup's last view's name in `storage.session` (lib/model/popup-view.ts). */
export const POPUP_VIEW_NAME = 'popupView';

/**
 * The stored popup view's snapshot, when it is of this format and of this tab at this address;
 * else null. What the browser held under the name (lib/model/popup-view.ts) is checked by hand,
 * as the popup checks a Reply (components/protocol-client.ts): zod stays out of the popup
 * bundle, and only our own background writes `storage.session`, which pages outside the
 * extension cannot reach (https://developer.chrome.com/docs/extensions/reference/api/storage#property-session).
 */
export function usableView(
  stored: unknown,
  tabId: number | null,
  url: string | null | undefined,
): PopupSnapshot | null {
  if (typeof stored !== 'object' || stored === null || tabId === null || url === undefined)
    return null;
  const view = stored as Partial<PopupView>;
  if (view.format !== POPUP_VIEW_FORMAT || view.url !== url) return null;
  const snapshot = view.snapshot;
  return typeof snapshot === 'object' && snapshot !== null && snapshot.tabId === tabId
    ? snapshot
    : null;
}
