import { browser } from 'wxt/browser';
import { tData } from './i18n';
import type { DownloadMode } from '../lib/settings/schema';

/**
 * Context-menu items (ids documented in docs/testing.md). Shown only where the target is a link
 * cobalt can handle: `targetUrlPatterns` for links/media and `documentUrlPatterns` for pages,
 * both generated from the one service table (lib/services menuUrlPatterns()).
 */
export const MENU_ITEMS: { id: string; mode: DownloadMode; titleKey: string }[] = [
  { id: 'cobalt-download', mode: 'auto', titleKey: 'menuDownload' },
  { id: 'cobalt-download-audio', mode: 'audio', titleKey: 'menuAudioOnly' },
  { id: 'cobalt-download-mute', mode: 'mute', titleKey: 'menuWithoutAudio' },
];

/**
 * On a selection: queue every link it holds. The title cannot carry the count: neither browser
 * tells an extension what a selection holds before the click without a content script on every
 * page (Chromium's menus have no onShown; Firefox's onShown gives the text, not the links'
 * addresses), so the links are read on the click (platform/selection.ts) and the batch's
 * notification and the popup's queue say how many.
 */
export const SELECTION_MENU_ID = 'cobalt-download-selection';

/**
 * "Open in a cobalt web app": hands the link to the best web app for its service
 * (lib/app/web-app-handoff.ts) in one new tab, only on this click.
 */
export const WEB_APP_MENU = {
  id: 'cobalt-web-app',
  titleKey: 'menuOpenWebApp',
  /** Said in a notification when no web app is known for the clicked link. */
  noneKey: 'notifyNoWebApp',
};

export async function installMenus(patterns: string[]): Promise<void> {
  await browser.contextMenus.removeAll();
  browser.contextMenus.create({
    id: SELECTION_MENU_ID,
    title: tData('menuDownloadSelection'),
    contexts: ['selection'],
  });
  for (const item of MENU_ITEMS) {
    const title = tData(item.titleKey);
    // Link and media targets: the target's own URL must be a service link.
    browser.contextMenus.create({
      id: `${item.id}:target`,
      title,
      contexts: ['link', 'video', 'audio', 'image'],
      targetUrlPatterns: patterns,
    });
    // The page itself: offered on service pages only.
    browser.contextMenus.create({
      id: `${item.id}:page`,
      title,
      contexts: ['page'],
      documentUrlPatterns: patterns,
    });
  }
  browser.contextMenus.create({
    id: `${WEB_APP_MENU.id}:target`,
    title: tData(WEB_APP_MENU.titleKey),
    contexts: ['link', 'video', 'audio', 'image'],
    targetUrlPatterns: patterns,
  });
  browser.contextMenus.create({
    id: `${WEB_APP_MENU.id}:page`,
    title: tData(WEB_APP_MENU.titleKey),
    contexts: ['page'],
    documentUrlPatterns: patterns,
  });
}

export interface MenuClick {
  mode: DownloadMode;
  /** The URL the user clicked on: link, media source, or the page. */
  url: string | null;
  tabId: number | null;
}

type ClickInfo = {
  menuItemId: string | number;
  linkUrl?: string;
  srcUrl?: string;
  pageUrl?: string;
};

/** The link a menu click is about: the link or media source on a target, else the page. */
function clickedUrl(info: ClickInfo, where: string | undefined): string | null {
  return (where === 'page' ? info.pageUrl : (info.linkUrl ?? info.srcUrl ?? info.pageUrl)) ?? null;
}

/** A click on "Open in a cobalt web app" → the link to hand over; null for other items. */
export function readWebAppClick(info: ClickInfo): string | null {
  const [base, where] = String(info.menuItemId).split(':');
  return base === WEB_APP_MENU.id ? clickedUrl(info, where) : null;
}

/** Menu click info → what to download; null for items that are not ours. */
export function readMenuClick(info: ClickInfo, tab: { id?: number } | undefined): MenuClick | null {
  const [base, where] = String(info.menuItemId).split(':');
  const item = MENU_ITEMS.find((m) => m.id === base);
  if (!item) return null;
  return { mode: item.mode, url: clickedUrl(info, where), tabId: tab?.id ?? null };
}
