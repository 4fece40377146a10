import { isIpHost } from '../instances/is-ip-host';
import { isLocalOrigin } from '../safety/local-origin';

/**
 * Facts about a stored origin (`scheme://host[:port]`, lowercase, no path) that the policy
 * filters need. They depend on the origin string alone, so they are memoised across rank()
 * calls: computing them for thousands of instances per call would cost a large part of the
 * ranking budget.
 */
export interface OriginFacts {
  http: boolean;
  ipOnly: boolean;
  official: boolean;
  /** On the user's own machine or network (lib/safety/local-origin.ts). */
  local: boolean;
}

/**
 * Memo bound: more origins than all trackers list together (a few hundred to 2,000), so a
 * steady state never evicts; past it the memo restarts rather than growing without end.
 */
const MEMO_LIMIT = 10_000;
const memo = new Map<string, OriginFacts>();

export function originFacts(origin: string): OriginFacts {
  let facts = memo.get(origin);
  if (facts === undefined) {
    if (memo.size >= MEMO_LIMIT) memo.clear();
    const host = hostOf(origin);
    facts = {
      http: origin.startsWith('http://'),
      ipOnly: isIpHost(host),
      official: isOfficialHost(host),
      local: isLocalOrigin(origin),
    };
    memo.set(origin, facts);
  }
  return facts;
}

/** The host part without the port (`[::1]` keeps its brackets). */
export function hostOf(origin: string): string {
  const start = origin.indexOf('://');
  const hostPort = start < 0 ? origin : origin.slice(start + 3);
  if (hostPort.startsWith('[')) {
    const end = hostPort.indexOf(']');
    return end < 0 ? hostPort : hostPort.slice(0, end + 1);
  }
  const colon = hostPort.indexOf(':');
  return colon < 0 ? hostPort : hostPort.slice(0, colon);
}

/**
 * The official hosted API and its backends: bot-protected and "not intended to be used in
 * other projects without explicit permission" (docs/cobalt-api.md §0 item 3), so only with the user's key.
 */
export function isOfficialHost(host: string): boolean {
  return host === 'api.cobalt.tools' || host === 'imput.net' || host.endsWith('.imput.net');
}
