import type { Envelope } from '../../lib/messages/protocol';

/**
 * The popup's first 'popup/snapshot' request, started by entrypoints/popup-boot.ts: a small
 * classic script that popup.html runs from its <head>, before the parser even reaches the
 * popup's module graph, so the background answers while those modules are still loading
 * (docs/performance.md "Popup first render"). entrypoints/popup/main.tsx takes it over.
 *
 * The two are separate bundles (a classic IIFE and the module graph), so the hand-over goes
 * through one property of the page's window, named and typed here and nowhere else.
 */
export interface EarlySnapshot {
  /** The tab the popup acts on: `?tab=`, none for `?job=`, else the active tab. */
  tabId: Promise<number | null>;
  /** `?job=`: one job shown as a page. */
  jobId: string | null;
  /** What `runtime.sendMessage` resolved to: an unchecked Reply (protocol-client.ts reads it). */
  reply: Promise<unknown>;
}

/** The slice of the browser API the request needs (wxt/browser in the page; fakes in tests). */
export interface EarlyBrowser {
  runtime: { sendMessage(message: unknown): Promise<unknown> };
  tabs: { query(query: { active: true; currentWindow: true }): Promise<{ id?: number }[]> };
}

const SLOT = '__cobaltPickerEarlySnapshot';
type Slot = { [SLOT]?: EarlySnapshot };

function readTabParam(params: URLSearchParams): number | null {
  const raw = params.get('tab');
  if (raw === null || !/^\d+$/.test(raw)) return null;
  return Number(raw);
}

async function activeTabId(browser: EarlyBrowser): Promise<number | null> {
  try {
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    return tab?.id ?? null;
  } catch {
    return null;
  }
}

/**
 * Sends the first snapshot request for the popup at `search` (its location.search):
 * `?tab=` lets automated tests aim the popup at a tab; `?job=` shows one job as a page;
 * otherwise the active tab (one `tabs.query` first).
 */
export function startEarlySnapshot(search: string, browser: EarlyBrowser): EarlySnapshot {
  const params = new URLSearchParams(search);
  const jobId = params.get('job');
  const send = (tabId: number | null): Promise<unknown> => {
    const envelope: Envelope<'popup/snapshot'> = {
      type: 'popup/snapshot',
      payload: { tabId, jobId },
    };
    // The executor runs now, so the message leaves now; a synchronous throw becomes a rejection.
    return new Promise((resolve) => resolve(browser.runtime.sendMessage(envelope)));
  };
  let tabId: Promise<number | null>;
  let reply: Promise<unknown>;
  if (params.has('tab') || jobId) {
    const known = params.has('tab') ? readTabParam(params) : null;
    tabId = Promise.resolve(known);
    reply = send(known);
  } else {
    tabId = activeTabId(browser);
    reply = tabId.then(send);
  }
  // Nobody may be listening yet: a failure is read (and shown) when main.tsx takes it over.
  reply.catch(() => undefined);
  return { tabId, jobId, reply };
}

/** For popup-boot.ts: leaves the request where main.tsx looks for it. */
export function publishEarlySnapshot(early: EarlySnapshot, scope: object = globalThis): void {
  (scope as Slot)[SLOT] = early;
}

/** For main.tsx: the request popup-boot.ts started (once), or null if it did not run. */
export function takeEarlySnapshot(scope: object = globalThis): EarlySnapshot | null {
  const slot = scope as Slot;
  const early = slot[SLOT] ?? null;
  delete slot[SLOT];
  return early;
}
