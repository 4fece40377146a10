// Talking to the extension the way its own pages do (lib/messages/protocol.ts), on either browser.
import { msg } from './messages.mjs';
import { waitFor } from './report.mjs';
import { ui } from './ui.mjs';

/**
 * Waits until the refresh the background starts on install has tried every enabled source.
 * (A 'sources/refresh' sent while that one is in flight joins it, and it was planned with the
 * settings of that moment: see docs/testing.md "Known product issues".)
 */
export async function waitForStartupRefresh(session) {
  await waitFor(
    async () => {
      const snap = await session.send('options/snapshot', {});
      const feeds = snap?.feeds ?? [];
      return (
        feeds.length > 0 && feeds.filter((f) => f.enabled).every((f) => f.lastAttempt !== null)
      );
    },
    { timeoutMs: 15_000, what: 'the start-up refresh to try every source' },
  );
}

/** Saves settings through the background ('settings/save'), which validates and stores them. */
export async function seedSettings(session, settings) {
  const res = await session.send('settings/save', { settings });
  if (!res || res.ok !== true) {
    throw new Error(`settings/save refused the e2e settings: ${JSON.stringify(res)}`);
  }
}

/** 'sources/refresh' → the feed status rows; throws unless `expectOk` sources succeeded. */
export async function refreshSources(session, { expectOk = true } = {}) {
  const feeds = await session.send('sources/refresh', {});
  if (!Array.isArray(feeds)) throw new Error(`sources/refresh answered ${JSON.stringify(feeds)}`);
  if (expectOk) {
    const custom = feeds.filter((f) => f.enabled);
    const bad = custom.filter((f) => !f.lastSuccess || f.lastError);
    if (custom.length === 0 || bad.length) {
      throw new Error(`a tracker refresh did not succeed: ${JSON.stringify(feeds)}`);
    }
  }
  return feeds;
}

/** storage.local of the extension (read-only look, for diagnostics and assertions). */
function readStorage(session, keys = null) {
  return session.control(
    (k) => (globalThis.browser ?? globalThis.chrome).storage.local.get(k),
    keys,
  );
}

/** Opens popup.html?tab=<tabId> and waits for its first real frame (not "loading"). */
export const openPopupForTab = (session, tabId) => openPopup(session, `tab=${tabId}`);

/** Opens popup.html?job=<jobId>: one job's view, as the background opens it. */
export const openPopupForJob = (session, jobId) =>
  openPopup(session, `job=${encodeURIComponent(jobId)}`);

async function openPopup(session, query) {
  const view = ui(await session.openPopup(query));
  await waitForRendered(view);
  return view;
}

async function waitForRendered(view) {
  const loading = msg('loading');
  await waitFor(
    async () => {
      const text = (await view.text()).trim();
      return text.length > 0 && text !== loading;
    },
    { timeoutMs: 10_000, what: 'the page to render its first snapshot' },
  ).catch(async (e) => {
    throw new Error(
      `${e.message}\npage text: ${(await view.text().catch(() => '')).slice(0, 400)}`,
    );
  });
}

/** The jobs the background persisted (storage item `jobs`, stored as {version, value}). */
export async function jobsInStorage(session) {
  const { jobs } = await readStorage(session, 'jobs');
  const value = jobs && !Array.isArray(jobs) ? jobs.value : jobs;
  return Array.isArray(value) ? value : [];
}

/** Opens the fake service page and its popup; returns both. */
export async function pageAndPopup(session, url) {
  const { page, tabId } = await session.openPage(url);
  const popup = await openPopupForTab(session, tabId);
  return { page, tabId, popup };
}

/** The toolbar badge text of a tab (MV3 `action`, the Firefox MV2 build's `browserAction`). */
export function badgeText(session, tabId) {
  return session.control((id) => {
    const api = globalThis.browser ?? globalThis.chrome;
    return (api.action ?? api.browserAction).getBadgeText({ tabId: id });
  }, tabId);
}
