import { render } from 'preact';
import { browser } from 'wxt/browser';
import { PopupRoot } from '../../components/popup/popup-root';
import { takeEarlySnapshot } from '../../components/popup/early-slot';
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
  // the same request starts here, from a chunk loaded only then.
  const early =
    takeEarlySnapshot() ??
    (await import('../../components/popup/early-snapshot')).startEarlySnapshot(
      location.search,
      browser,
    );
  const { jobId } = early;
  const tabId = await early.tabId;
  const api = createProtocolClient();

  // The stored view when there is one (the request waits for that read: early-snapshot.ts, and
  // PopupRoot's own request replaces the view), else the answer to the first request.
  const first = early.stored.then(
    (view) => view ?? readReply('popup/snapshot', early.reply).catch(() => null),
  );
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
