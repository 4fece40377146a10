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

export async function installMenus(patterns: string[]): Promise<void> {
  await browser.contextMenus.removeAll();
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
}

export interface MenuClick {
  mode: DownloadMode;
  /** The URL the user clicked on: link, media source, or the page. */
  url: string | null;
  tabId: number | null;
}

/** Menu click info → what to download; null for items that are not ours. */
export function readMenuClick(
  info: { menuItemId: string | number; linkUrl?: string; srcUrl?: string; pageUrl?: string },
  tab: { id?: number } | undefined,
): MenuClick | null {
  const [base, where] = String(info.menuItemId).split(':');
  const item = MENU_ITEMS.find((m) => m.id === base);
  if (!item) return null;
  const url = where === 'page' ? info.pageUrl : (info.linkUrl ?? info.srcUrl ?? info.pageUrl);
  return { mode: item.mode, url: url ?? null, tabId: tab?.id ?? null };
}
