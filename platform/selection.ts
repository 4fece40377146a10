import { browser } from 'wxt/browser';

/**
 * What the user selected in a tab, read once on their click of "Download the links in this
 * selection": the address of every link the selection touches, then the selected text (links
 * written out as text count too). It runs with the `activeTab` grant the menu click gives
 * (https://developer.chrome.com/docs/extensions/develop/concepts/activeTab), through
 * `scripting.executeScript` (Chromium MV3; Firefox MV2 has it since 102:
 * https://developer.mozilla.org/en-US/docs/Mozilla/Add-ons/WebExtensions/API/scripting), so no
 * content script runs on every page. The result is plain text; lib/batch/extract-links.ts
 * keeps only the links cobalt can handle.
 */
export async function readSelectionLinks(tabId: number, frameId?: number): Promise<string> {
  const [injected] = await browser.scripting.executeScript({
    target: { tabId, ...(frameId !== undefined ? { frameIds: [frameId] } : {}) },
    func: () => {
      const selection = window.getSelection();
      if (!selection) return '';
      const hrefs: string[] = [];
      for (let i = 0; i < selection.rangeCount; i += 1) {
        const range = selection.getRangeAt(i);
        const root = range.commonAncestorContainer;
        const scope = root instanceof Element ? root : root.parentElement;
        const closest = scope?.closest('a[href]');
        if (closest instanceof HTMLAnchorElement) hrefs.push(closest.href);
        for (const a of scope?.querySelectorAll('a[href]') ?? []) {
          if (a instanceof HTMLAnchorElement && range.intersectsNode(a)) hrefs.push(a.href);
        }
      }
      return [...hrefs, selection.toString()].join('\n');
    },
  });
  const text: unknown = injected?.result;
  return typeof text === 'string' ? text : '';
}
