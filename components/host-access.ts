import { browser } from 'wxt/browser';

/**
 * Host access for one origin the user just added (a custom list URL or their own instance),
 * asked for at that moment rather than for all sites at install (README "Permissions").
 * cobalt instances answer with `Access-Control-Allow-Origin: *`, so they work without it; it
 * lets the extension read lists from hosts that send no CORS headers, see `Retry-After`, and
 * (Chromium) name itself with the User-Agent rule there. Must be called inside the click or
 * submit handler: browsers only show the prompt for a user gesture. Fire-and-forget: a refusal
 * changes nothing else.
 */
type Requester = (origins: string[]) => void;

const browserRequester: Requester = (origins) => {
  const permissions = (browser as Partial<typeof browser>).permissions;
  void permissions?.request({ origins }).catch(() => undefined);
};

let requester: Requester = browserRequester;

/** Tests inject their own. */
export function setHostAccessRequester(next: Requester | null): void {
  requester = next ?? browserRequester;
}

export function requestHostAccess(url: string): void {
  let origin: string;
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return;
    origin = parsed.origin;
  } catch {
    return;
  }
  requester([`${origin}/*`]);
}

/**
 * Host access for an instance that needs it (its answers carry no `Access-Control-Allow-Origin`
 * for us, lib/probe/probe-instance.ts), asked on the click of its "Allow access" button
 * (components/popup/instance-row.tsx). With it the browser no longer applies the CORS check to
 * the extension's own requests there (docs/cobalt-api.md §3.2). Call it synchronously in the
 * click handler (user gesture). Resolves whether access is held afterwards; a refusal or an API
 * error is false.
 *
 * Unlike requestHostAccess the pattern leaves the port out: Firefox match patterns cannot carry
 * one, and in Chromium a pattern without one covers every port
 * (https://developer.chrome.com/docs/extensions/develop/concepts/match-patterns,
 * https://developer.mozilla.org/en-US/docs/Mozilla/Add-ons/WebExtensions/Match_patterns).
 */
export function requestOriginAccess(origin: string): Promise<boolean> {
  const permissions = (browser as Partial<typeof browser>).permissions;
  let pattern: string;
  try {
    const url = new URL(origin);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return Promise.resolve(false);
    pattern = `${url.protocol}//${url.hostname}/*`;
  } catch {
    return Promise.resolve(false);
  }
  if (!permissions) return Promise.resolve(false);
  return permissions.request({ origins: [pattern] }).catch(() => false);
}
