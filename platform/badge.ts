import { browser } from 'wxt/browser';

/** What the toolbar badge shows for one tab (computed in lib/app/badge-state.ts). */
export interface BadgeState {
  text: string;
  color: string;
  title: string;
}

export async function setBadge(tabId: number, state: BadgeState): Promise<void> {
  // MV3 `action`, MV2 (Firefox build) `browserAction`.
  const action =
    browser.action ??
    (browser as unknown as { browserAction: typeof browser.action }).browserAction;
  await Promise.all([
    action.setBadgeText({ tabId, text: state.text }),
    action.setBadgeBackgroundColor({ tabId, color: state.color }),
    action.setTitle({ tabId, title: state.title }),
  ]).catch(() => undefined); // The tab may have closed meanwhile; nothing to do.
}
