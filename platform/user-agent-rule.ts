import { browser } from 'wxt/browser';
import { userAgentRule } from '../lib/net/user-agent';

/**
 * Applies the User-Agent session rule that lib/net/user-agent.ts builds (the string, the rule
 * and why both browsers differ live there). Firefox builds request no DNR permission and send
 * the header on fetch instead, so nothing happens there.
 */
export async function installUserAgentRule(): Promise<void> {
  const dnr = (browser as Partial<typeof browser>).declarativeNetRequest;
  if (!dnr?.updateSessionRules) return;
  const rule = userAgentRule(browser.runtime.id);
  await dnr.updateSessionRules({ removeRuleIds: [rule.id], addRules: [rule] });
}
