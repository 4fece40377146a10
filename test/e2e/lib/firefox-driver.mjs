// Debian Firefox ESR driven by puppeteer-core over WebDriver BiDi, the firefox-mv2 build
// installed as a temporary add-on (docs/testing.md "End-to-end"; https://pptr.dev/webdriver-bidi). Gotchas handled here:
// --remote-allow-system-access to open moz-extension:// pages, `goto` of such a page is never
// awaited (it does not resolve), and the moz-extension host is pinned with
// extensions.webextensions.uuids so every scenario knows it in advance.
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';
import { firefoxLoopbackPrefs } from './loopback.mjs';
import { answerFor, isPageRequest } from './pages.mjs';
import { FIREFOX, FIREFOX_EXT_DIR, FIREFOX_UUID, GECKO_ID } from './paths.mjs';
import { unwrapReply } from './reply.mjs';
import { sleep, waitFor, withTimeout } from './report.mjs';

/**
 * Firefox starts in ~4 s, so one browser serves the whole suite and each scenario gets the
 * extension freshly installed: uninstalling a temporary add-on clears its storage, and with
 * keepUuidOnUninstall its moz-extension:// host stays the pinned one. Pages of the previous
 * scenario are closed and the download folder is emptied in between. A browser that died is
 * relaunched. `fresh: true` launches one browser per scenario instead.
 */
export function firefoxLauncher({ guard, extDir = FIREFOX_EXT_DIR, fresh = false }) {
  let shared = null;
  return {
    async launch() {
      if (fresh || !shared?.browser.connected) {
        if (shared) await shared.dispose();
        shared = await startBrowser(guard);
      }
      const owner = shared;
      try {
        return await newSession(owner, extDir, fresh ? () => owner.dispose() : null);
      } catch (error) {
        await owner.dispose();
        if (shared === owner) shared = null;
        throw error;
      }
    },
    async dispose() {
      if (shared) await shared.dispose();
      shared = null;
    },
  };
}

async function startBrowser(guard) {
  const scratch = mkdtempSync(join(tmpdir(), 'cobalt-picker-e2e-firefox-'));
  const downloadsDir = join(scratch, 'downloads');
  mkdirSync(downloadsDir);
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    args: ['--remote-allow-system-access'],
    defaultViewport: { width: 400, height: 600 },
    extraPrefsFirefox: {
      ...firefoxLoopbackPrefs(guard.port),
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: FIREFOX_UUID }),
      'extensions.webextensions.keepUuidOnUninstall': true,
      'extensions.webextensions.keepStorageOnUninstall': false,
      // permissions.request() resolves as if the user accepted the prompt (it still needs the
      // click's user gesture); the "needs permission" scenario clicks "Allow access".
      'extensions.webextOptionalPermissionPrompts': false,
      'browser.download.dir': downloadsDir,
      'browser.download.folderList': 2,
      'browser.download.useDownloadDir': true,
      'browser.download.always_ask_before_handling_new_types': false,
      'browser.download.start_downloads_in_tmp_dir': false,
      'browser.download.alwaysOpenPanel': false,
      'browser.download.panel.shown': true,
      'browser.helperApps.neverAsk.saveToDisk':
        'application/json,video/mp4,audio/mpeg,image/jpeg,application/octet-stream',
    },
  });
  return {
    browser,
    downloadsDir,
    async dispose() {
      await withTimeout(browser.close(), 15_000, 'firefox close').catch(() => {
        browser.process()?.kill('SIGKILL');
      });
      rmSync(scratch, { recursive: true, force: true });
    },
  };
}

function emptyDir(dir) {
  for (const name of readdirSync(dir)) rmSync(join(dir, name), { recursive: true, force: true });
}

async function newSession(owner, extDir, disposeBrowser) {
  const { browser, downloadsDir } = owner;
  emptyDir(downloadsDir);
  const id = await browser.installExtension(extDir);
  const extOrigin = `moz-extension://${FIREFOX_UUID}`;
  const keep = new Set(await browser.pages());
  const session = new FirefoxSession({ browser, extOrigin, downloadsDir });
  session.closeSession = async () => {
    for (const page of await browser.pages())
      if (!keep.has(page)) await page.close().catch(() => {});
    await browser.uninstallExtension(id);
    emptyDir(downloadsDir);
    if (disposeBrowser) await disposeBrowser();
  };
  // Right after an install the add-on's pages may not be served yet: retry the first one.
  for (let attempt = 1; ; attempt++) {
    try {
      session.controlPage = await session.openRawExtensionPage('manifest.json');
      return session;
    } catch (error) {
      if (attempt >= 3) throw error;
      await sleep(300);
    }
  }
}

class FirefoxSession {
  constructor({ browser, extOrigin, downloadsDir }) {
    this.browserName = 'firefox';
    this.browser = browser;
    this.extOrigin = extOrigin;
    this.downloadsDir = downloadsDir;
    this.consoleErrors = [];
    this.dialogs = [];
    this.controlPage = null;
  }

  #watch(page) {
    page.on('pageerror', (e) => this.consoleErrors.push(`[page] ${e.message}`));
    page.on('dialog', (d) => {
      this.dialogs.push(d.message());
      void d.accept();
    });
  }

  control(fn, arg) {
    return withTimeout(this.controlPage.evaluate(fn, arg), 20_000, 'control page evaluate');
  }

  /** One protocol message, as the popup sends it: the reply's value (a refusal or failure throws). */
  async send(type, payload = {}) {
    const reply = await this.control(
      ({ type, payload }) => globalThis.browser.runtime.sendMessage({ type, payload }),
      { type, payload },
    );
    return unwrapReply(type, reply);
  }

  async openPage(url) {
    const page = await this.browser.newPage();
    this.#watch(page);
    await page.setRequestInterception(true);
    page.on('request', (request) => {
      try {
        if (request.isInterceptResolutionHandled()) return;
        if (!isPageRequest(request.url())) return void request.continue().catch(() => {});
        // BiDi has no resourceType(); a navigation is the document request.
        const kind = request.isNavigationRequest() ? 'document' : 'other';
        const answer = answerFor(request.url(), kind);
        if (answer) void request.respond(answer).catch(() => {});
        else void request.continue().catch(() => {}); // on to the egress guard, which refuses it
      } catch (error) {
        this.consoleErrors.push(`[interception] ${error.message}`);
      }
    });
    await withTimeout(page.goto(url, { waitUntil: 'load' }), 20_000, `goto ${url}`);
    const tabId = await this.tabIdOf(url);
    return { page: wrap(page), tabId };
  }

  async tabIdOf(url) {
    return waitFor(
      () =>
        this.control(
          (u) =>
            globalThis.browser.tabs
              .query({})
              .then((tabs) => tabs.find((t) => t.url === u)?.id ?? null),
          url,
        ),
      { timeoutMs: 5_000, what: `a tab at ${url}` },
    );
  }

  async openRawExtensionPage(path) {
    const page = await this.browser.newPage();
    this.#watch(page);
    const url = `${this.extOrigin}/${path}`;
    // BiDi navigation to moz-extension:// happens but never resolves: do not await it.
    page.goto(url).catch(() => {});
    // Polled by hand: the navigation replaces the execution context under a waitForFunction.
    try {
      await waitFor(
        () =>
          page
            .evaluate((u) => location.href === u && document.readyState === 'complete', url)
            .catch(() => false),
        { timeoutMs: 15_000, intervalMs: 100, what: `${url} to load` },
      );
    } catch (error) {
      await page.close().catch(() => {});
      throw error;
    }
    return page;
  }

  async openExtensionPage(path) {
    return wrap(await this.openRawExtensionPage(path));
  }

  openPopup(query = '') {
    return this.openExtensionPage(`popup.html${query ? `?${query}` : ''}`);
  }

  openOptions() {
    return this.openExtensionPage('options.html');
  }

  async close() {
    await withTimeout(this.closeSession(), 15_000, 'firefox session close');
  }
}

function wrap(page) {
  return {
    raw: page,
    evaluate: (fn, arg) => withTimeout(page.evaluate(fn, arg), 20_000, 'page evaluate'),
    async reload() {
      await page.evaluate(() => {
        window.__e2eStale = true;
        setTimeout(() => location.reload(), 0);
      });
      await waitFor(
        () =>
          page
            .evaluate(() => !window.__e2eStale && document.readyState === 'complete')
            .catch(() => false),
        { timeoutMs: 15_000, what: 'reload' },
      );
    },
    close: () => page.close().catch(() => {}),
    bringToFront: () => page.bringToFront(),
    async screenshot(path) {
      await page.screenshot({ path, fullPage: true });
    },
  };
}
