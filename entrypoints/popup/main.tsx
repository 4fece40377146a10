import { render } from 'preact';
import { browser } from 'wxt/browser';
import { PopupRoot } from '../../components/popup/popup-root';
import { createProtocolClient } from '../../components/protocol-client';
import { uiLocale } from '../../platform/i18n';
import type { PopupSnapshot } from '../../lib/model/snapshots';
import '../../components/popup/popup.css';

/** How long the first frame waits for the snapshot before drawing "loading" instead. */
const FIRST_FRAME_WAIT_MS = 120;

function readTabParam(params: URLSearchParams): number | null {
  const raw = params.get('tab');
  if (raw === null || !/^\d+$/.test(raw)) return null;
  return Number(raw);
}

async function activeTabId(): Promise<number | null> {
  try {
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    return tab?.id ?? null;
  } catch {
    return null;
  }
}

async function main(): Promise<void> {
  const root = document.getElementById('app')!;
  document.documentElement.lang = uiLocale();
  const params = new URLSearchParams(location.search);
  const jobId = params.get('job');
  // ?tab= lets automated tests aim the popup at a tab; ?job= shows one job as a page.
  const tabId = params.has('tab') ? readTabParam(params) : jobId ? null : await activeTabId();
  const api = createProtocolClient();

  const first = api.send('popup/snapshot', { tabId, jobId }).catch(() => null);
  const initial = await Promise.race<PopupSnapshot | null>([
    first,
    new Promise((resolve) => setTimeout(() => resolve(null), FIRST_FRAME_WAIT_MS)),
  ]);
  if (jobId) document.body.classList.add('as-page');

  render(
    <PopupRoot
      api={api}
      tabId={tabId}
      jobId={jobId}
      initial={initial}
      openOptions={(hash) => {
        // A fragment needs the page's own address: openOptionsPage() takes none.
        if (hash) void browser.tabs.create({ url: browser.runtime.getURL('/options.html') + hash });
        else void browser.runtime.openOptionsPage();
        if (!jobId) window.close();
      }}
      openTab={(url) => {
        // Only ever from the user's click in the popup (PopupActions.openWebApp).
        void browser.tabs.create({ url });
      }}
    />,
    root,
  );
}

void main();
