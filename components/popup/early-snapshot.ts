import type { Envelope } from '../../lib/messages/protocol';
import type { PopupSnapshot } from '../../lib/model/snapshots';
import { POPUP_VIEW_NAME, usableView } from '../../lib/ui/usable-view';

/**
 * The popup's first 'popup/snapshot' request and the background's stored view, started by
 * entrypoints/popup-boot.ts: a small classic script that popup.html runs from its <head>, before
 * the parser even reaches the popup's module graph, so the view is read (or, with none, the
 * background answers) while those modules are still loading (docs/performance.md "Popup first
 * render"). entrypoints/popup/main.tsx takes both over.
 *
 * The two are separate bundles (a classic IIFE and the module graph): the hand-over goes through
 * one property of the page's window (early-slot.ts). main.tsx loads this module itself only when
 * popup-boot.js did not run, so the popup's module graph does not carry it twice.
 */
export interface EarlySnapshot {
  /** The tab the popup acts on: `?tab=`, none for `?job=`, else the active tab. */
  tabId: Promise<number | null>;
  /** `?job=`: one job shown as a page. */
  jobId: string | null;
  /**
   * What `runtime.sendMessage` resolved to: an unchecked Reply (protocol-client.ts reads it);
   * undefined when no request was sent because the stored view is drawn instead.
   */
  reply: Promise<unknown>;
  /**
   * The background's stored view of this tab at its current address (lib/model/popup-view.ts),
   * drawn while the live answer is on its way; null when there is none (or for `?job=`).
   */
  stored: Promise<PopupSnapshot | null>;
}

interface TabLike {
  id?: number;
  url?: string;
}

/** The slice of the browser API the request needs (wxt/browser in the page; fakes in tests). */
export interface EarlyBrowser {
  runtime: { sendMessage(message: unknown): Promise<unknown> };
  tabs: {
    query(query: { active: true; currentWindow: true }): Promise<TabLike[]>;
    get(tabId: number): Promise<TabLike>;
  };
  /** `session` is missing where the browser has no storage.session. */
  storage: { session?: { get(name: string): Promise<Record<string, unknown>> } };
}

function readTabParam(params: URLSearchParams): number | null {
  const raw = params.get('tab');
  if (raw === null || !/^\d+$/.test(raw)) return null;
  return Number(raw);
}

/** `run()`'s promise, with a synchronous throw turned into its rejection. */
function call<T>(run: () => Promise<T>): Promise<T> {
  return new Promise((resolve) => resolve(run()));
}

async function activeTab(browser: EarlyBrowser): Promise<TabLike> {
  try {
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    return tab ?? {};
  } catch {
    return {};
  }
}

/**
 * Sends the first snapshot request for the popup at `search` (its location.search):
 * `?tab=` lets automated tests aim the popup at a tab; `?job=` shows one job as a page;
 * otherwise the active tab (one `tabs.query` first). Beside it, reads the background's stored
 * view of that tab (lib/app/popup-view-writer.ts). When there is one, it is drawn first and the
 * live request is left to PopupRoot, whose answer replaces it.
 */
export function startEarlySnapshot(search: string, browser: EarlyBrowser): EarlySnapshot {
  const params = new URLSearchParams(search);
  const jobId = params.get('job');
  const send = (tabId: number | null): Promise<unknown> => {
    const envelope: Envelope<'popup/snapshot'> = {
      type: 'popup/snapshot',
      payload: { tabId, jobId },
    };
    // The message leaves now; a synchronous throw becomes a rejection.
    return call(() => browser.runtime.sendMessage(envelope));
  };
  const known = params.has('tab') ? readTabParam(params) : null;
  const active = params.has('tab') || jobId ? null : activeTab(browser);
  const tabId = active ? active.then((t) => t.id ?? null) : Promise.resolve(known);
  // The tab and its address: the active tab, else asked for by id (?tab=); none for ?job=.
  const tab = active ?? (known !== null && !jobId ? call(() => browser.tabs.get(known)) : null);
  // Read beside the tab query, not after it: both are a round trip to the browser.
  const session = browser.storage.session;
  const view = tab && session && call(() => session.get(POPUP_VIEW_NAME));
  const stored =
    tab && view
      ? Promise.all([view, tab])
          .then(([got, t]) => usableView(got[POPUP_VIEW_NAME], t.id ?? null, t.url))
          .catch(() => null)
      : Promise.resolve(null);
  // With a view to draw, no request leaves yet: PopupRoot asks once the view is on screen, so
  // the stopped worker's start does not compete with that first frame for the CPU.
  const reply = Promise.all([tabId, stored]).then(([id, drawn]) => (drawn ? undefined : send(id)));
  // Nobody may be listening yet: a failure is read (and shown) when main.tsx takes it over.
  reply.catch(() => undefined);
  return { tabId, jobId, reply, stored };
}
