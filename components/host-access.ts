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
