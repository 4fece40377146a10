import { browser } from 'wxt/browser';

export async function tabUrl(tabId: number): Promise<string | null> {
  try {
    const tab = await browser.tabs.get(tabId);
    return tab.url ?? null;
  } catch {
    return null; // closed meanwhile
  }
}

export async function activeTabId(): Promise<number | null> {
  const [tab] = await browser.tabs.query({ active: true, lastFocusedWindow: true });
  return tab?.id ?? null;
}

/** A choice is needed and no popup is open (context menu, shortcut): the picker opens in a tab. */
export function openPicker(jobId: string): void {
  void browser.tabs.create({
    url: browser.runtime.getURL(`/popup.html?job=${encodeURIComponent(jobId)}`),
  });
}
