import { browser } from 'wxt/browser';

/**
 * Chromium silently drops a `User-Agent` set on fetch() (reference toolchain.md, verified), so
 * the descriptive UA the trackers ask for (reference §6.1, §9.21) is set by a
 * declarativeNetRequest session rule limited to this extension's own requests
 * (`initiatorDomains: [runtime.id]`): web pages are never touched. Firefox honours the fetch
 * header, so this is Chromium-only. Session rules vanish on browser restart: call on every
 * worker start.
 */
export const UA_RULE_ID = 1;

export async function installUserAgentRule(userAgent: string): Promise<void> {
  const dnr = (
    browser as unknown as { declarativeNetRequest?: typeof chrome.declarativeNetRequest }
  ).declarativeNetRequest;
  if (!dnr?.updateSessionRules) return; // Firefox build: the fetch header is enough.
  await dnr.updateSessionRules({
    removeRuleIds: [UA_RULE_ID],
    addRules: [
      {
        id: UA_RULE_ID,
        priority: 1,
        action: {
          type: 'modifyHeaders' as chrome.declarativeNetRequest.RuleActionType,
          requestHeaders: [
            {
              header: 'user-agent',
              operation: 'set' as chrome.declarativeNetRequest.HeaderOperation,
              value: userAgent,
            },
          ],
        },
        condition: {
          initiatorDomains: [browser.runtime.id],
          resourceTypes: ['xmlhttprequest' as chrome.declarativeNetRequest.ResourceType],
        },
      },
    ],
  });
}
