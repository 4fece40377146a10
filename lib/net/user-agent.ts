import { version } from '../../package.json';
import type { FetchLike } from './http';

/**
 * The User-Agent rule, in one place: the extension names itself on its own requests, because the
 * trackers ask for it (instances.hyper.lol blocks generic agents, docs/cobalt-api.md §6.1, §9 item 21).
 *
 * How it reaches the wire depends on the browser:
 * - Firefox honours a `User-Agent` set on fetch: the engine's fetch is wrapped (withUserAgent).
 * - Chromium drops a fetch `User-Agent` silently, so the header is set by one
 *   declarativeNetRequest session rule (userAgentRule) limited to this extension's own requests
 *   (`initiatorDomains: [extension id]`): web pages are never touched. Session rules vanish on
 *   browser restart, so the background installs it on every start (platform/user-agent-rule.ts
 *   only applies what this module builds).
 */
export const USER_AGENT = `cobalt-picker/${version} (+https://github.com/cobalt-picker/cobalt-picker)`;

/** The UA the engine sets on fetch: only where the browser honours the header (Firefox). */
export function fetchUserAgent(browserHonoursFetchHeader: boolean): string | undefined {
  return browserHonoursFetchHeader ? USER_AGENT : undefined;
}

/** A fetch that sends `userAgent` on every request; unchanged when there is none. */
export function withUserAgent(fetchImpl: FetchLike, userAgent: string | undefined): FetchLike {
  if (!userAgent) return fetchImpl;
  return (input, init) => {
    const headers = new Headers(init?.headers);
    headers.set('User-Agent', userAgent);
    return fetchImpl(input, { ...init, headers });
  };
}

export const UA_RULE_ID = 1;

/** The declarativeNetRequest session rule that sets USER_AGENT on the extension's own requests. */
export function userAgentRule(extensionId: string) {
  return {
    id: UA_RULE_ID,
    priority: 1,
    action: {
      type: 'modifyHeaders' as const,
      requestHeaders: [{ header: 'user-agent', operation: 'set' as const, value: USER_AGENT }],
    },
    condition: {
      initiatorDomains: [extensionId],
      resourceTypes: ['xmlhttprequest' as const],
    },
  };
}
