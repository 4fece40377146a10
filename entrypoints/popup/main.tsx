import { render } from 'preact';
import { browser } from 'wxt/browser';
import { PopupRoot } from '../../components/popup/popup-root';
import { startEarlySnapshot, takeEarlySnapshot } from '../../components/popup/early-snapshot';
import { createProtocolClient, readReply } from '../../components/protocol-client';
import { uiLocale } from '../../platform/i18n';
import type { PopupSnapshot } from '../../lib/model/snapshots';
import '../../components/popup/popup.css';

/** How long the first frame waits for the snapshot before drawing "loading" instead. */
const FIRST_FRAME_WAIT_MS = 120;

async function main(): Promise<void> {
  const root = document.getElementById('app')!;
  document.documentElement.lang = uiLocale();
  // popup-boot.js (in <head>) has normally sent the first request already; if it did not run,
  // the same request starts here.
  const early = takeEarlySnapshot() ?? startEarlySnapshot(location.search, browser);
  const { jobId } = early;
  const tabId = await early.tabId;
  const api = createProtocolClient();

  const first = readReply('popup/snapshot', early.reply).catch(() => null);
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
