import { browser } from 'wxt/browser';

/**
 * Chromium silently drops a `User-Agent` set on fetch() (reference toolchain.md, verified), so
 * the descriptive UA the trackers ask for (docs/cobalt-api.md §6.1, §9 item 21) is set by a
 * declarativeNetRequest session rule limited to this extension's own requests
 * (`initiatorDomains: [runtime.id]`): web pages are never touched. Firefox honours the fetch
 * header, so this is Chromium-only. Session rules vanish on browser restart: call on every
 * worker start.
 */
export const UA_RULE_ID = 1;

export async function installUserAgentRule(userAgent: string): Promise<void> {
  // Firefox build: no DNR permission is requested, and the fetch header is enough.
  const dnr = (browser as Partial<typeof browser>).declarativeNetRequest;
  if (!dnr?.updateSessionRules) return;
  await dnr.updateSessionRules({
    removeRuleIds: [UA_RULE_ID],
    addRules: [
      {
        id: UA_RULE_ID,
        priority: 1,
        action: {
          type: 'modifyHeaders',
          requestHeaders: [
            {
              header: 'user-agent',
              operation: 'set',
              value: userAgent,
            },
          ],
        },
        condition: {
          initiatorDomains: [browser.runtime.id],
          resourceTypes: ['xmlhttprequest'],
        },
      },
    ],
  });
}
