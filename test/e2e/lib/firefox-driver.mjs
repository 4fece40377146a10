// Debian Firefox ESR driven by puppeteer-core over WebDriver BiDi, the firefox-mv2 build
// installed as a temporary add-on (docs/testing.md "End-to-end"; https://pptr.dev/webdriver-bidi). Gotchas handled here:
// --remote-allow-system-access to open moz-extension:// pages, `goto` of such a page is never
// awaited (it does not resolve), and the moz-extension host is pinned with
// extensions.webextensions.uuids so every scenario knows it in advance.
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
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

/** Prefs every Firefox of the suite starts with (loopback only, downloads into `downloadsDir`). */
function browserPrefs(guard, downloadsDir) {
  return {
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
  };
}

/** Headless Firefox ESR with `prefs`; in `profileDir` when given (else a throwaway profile). */
function launchBrowser(prefs, profileDir) {
  return puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    args: ['--remote-allow-system-access'],
    defaultViewport: { width: 400, height: 600 },
    extraPrefsFirefox: prefs,
    ...(profileDir ? { userDataDir: profileDir } : {}),
  });
}

/** Quits Firefox the way a user does (a clean shutdown); a browser that hangs is killed. */
async function quitBrowser(browser) {
  await withTimeout(browser.close(), 15_000, 'firefox close').catch(() => {
    browser.process()?.kill('SIGKILL');
  });
}

async function startBrowser(guard) {
  const scratch = mkdtempSync(join(tmpdir(), 'cobalt-picker-e2e-firefox-'));
  const downloadsDir = join(scratch, 'downloads');
  mkdirSync(downloadsDir);
  const browser = await launchBrowser(browserPrefs(guard, downloadsDir));
  return {
    browser,
    downloadsDir,
    async dispose() {
      await quitBrowser(browser);
      rmSync(scratch, { recursive: true, force: true });
    },
  };
}

/**
 * A browser of its own whose profile has the add-on installed for good, not as a temporary
 * add-on: a temporary add-on is uninstalled when Firefox quits (its storage with it), so only
 * this install survives a restart the way a user's does. The build folder is named by an
 * extension proxy file, `<profile>/extensions/<gecko id>` holding its path
 * (DirectoryLocation._readLinkFile in
 * https://searchfox.org/mozilla-central/source/toolkit/mozapps/extensions/internal/XPIProvider.sys.mjs);
 * Firefox loads it from the profile at every start: unsigned, which ESR allows with
 * xpinstall.signatures.required=false, enabled without asking with extensions.autoDisableScopes=0.
 * `session.restartBrowser()` quits Firefox and starts it again on the same profile.
 */
export async function launchFirefoxInstalled({ guard, extDir = FIREFOX_EXT_DIR }) {
  const scratch = mkdtempSync(join(tmpdir(), 'cobalt-picker-e2e-firefox-installed-'));
  const downloadsDir = join(scratch, 'downloads');
  const profileDir = join(scratch, 'profile');
  mkdirSync(downloadsDir);
  mkdirSync(join(profileDir, 'extensions'), { recursive: true });
  writeFileSync(join(profileDir, 'extensions', GECKO_ID), `${extDir}\n`);
  const prefs = {
    ...browserPrefs(guard, downloadsDir),
    'xpinstall.signatures.required': false,
    'extensions.autoDisableScopes': 0,
  };
  const start = () => launchBrowser(prefs, profileDir);
  const session = new FirefoxSession({
    browser: await start(),
    extOrigin: `moz-extension://${FIREFOX_UUID}`,
    downloadsDir,
  });
  session.closeSession = async () => {
    await quitBrowser(session.browser);
    rmSync(scratch, { recursive: true, force: true });
  };
  session.restartBrowser = async () => {
    await quitBrowser(session.browser);
    session.browser = await start();
    await session.attachControlPage();
  };
  try {
    await session.attachControlPage();
  } catch (error) {
    await session.closeSession();
    throw error;
  }
  return session;
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
  await session.attachControlPage();
  return session;
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

  /** Opens the page `control()` and `send()` run in (again after a restart). */
  async attachControlPage() {
    // Right after an install or a start the add-on's pages may not be served yet: retry.
    for (let attempt = 1; ; attempt++) {
      try {
        this.controlPage = await this.openRawExtensionPage('manifest.json');
        return;
      } catch (error) {
        if (attempt >= 3) throw error;
        await sleep(300);
      }
    }
  }

  /**
   * Runs `fn(arg)` in the browser window itself (chrome://browser/content/browser.xhtml), the
   * privileged document that holds Firefox's own menus: WebDriver BiDi lists it with
   * `"moz:scope": "chrome"` when Firefox runs with --remote-allow-system-access
   * (https://searchfox.org/mozilla-central/source/remote/components/RemoteAgent.sys.mjs,
   * `allowSystemAccess`). `fn` is sent as source;
   * `arg` as JSON. Returns the JSON-serialisable result.
   */
  async chrome(fn, arg) {
    const { connection } = this.browser;
    const tree = await connection.send('browsingContext.getTree', { 'moz:scope': 'chrome' });
    const win = tree.result.contexts.find(
      (c) => c.url === 'chrome://browser/content/browser.xhtml',
    );
    if (!win) throw new Error('no browser window among the chrome contexts');
    const { result } = await withTimeout(
      connection.send('script.evaluate', {
        expression: `(async () => JSON.stringify(await (${fn})(${JSON.stringify(arg)})))()`,
        target: { context: win.context },
        awaitPromise: true,
      }),
      20_000,
      'chrome evaluate',
    );
    if (result.type === 'exception') {
      throw new Error(`in the browser window: ${result.exceptionDetails?.text ?? 'an exception'}`);
    }
    return result.result.type === 'string' ? JSON.parse(result.result.value) : undefined;
  }

  /**
   * The user's right-click on `selector` in `page`, then their click on the context-menu item
   * labelled `label`. The right-click is a real one (BiDi input actions), so Firefox opens its
   * own content-area menu (#contentAreaContextMenu) with the items the add-on registered for
   * what is under the pointer; the item is then chosen in that open menu as Firefox's own
   * tests do (`menupopup.activateItem`, opening the add-on's submenu first:
   * https://searchfox.org/mozilla-central/source/browser/components/extensions/test/browser/head.js),
   * so the add-on's real menus.onClicked fires with what Firefox passes (tab, frame, selection)
   * and the activeTab grant a menu click gives.
   */
  async contextMenuClick(page, selector, label) {
    const raw = page.raw ?? page;
    await raw.bringToFront();
    const box = await (await raw.$(selector))?.boundingBox();
    if (!box) throw new Error(`nothing to right-click at ${selector}`);
    await raw.mouse.click(box.x + Math.min(8, box.width / 2), box.y + box.height / 2, {
      button: 'right',
    });
    const menuState = (l) => {
      const menu = document.getElementById('contentAreaContextMenu');
      const item = [...menu.querySelectorAll('menuitem')].find((i) => i.label === l && !i.hidden);
      return { open: menu.state === 'open', item: item?.id ?? null };
    };
    const shown = await waitFor(
      async () => {
        const state = await this.chrome(menuState, label);
        return state.open ? state : null;
      },
      { timeoutMs: 5_000, what: 'the context menu to open' },
    );
    if (!shown.item) {
      const labels = await this.chrome(() =>
        [...document.querySelectorAll('#contentAreaContextMenu menuitem')]
          .filter((i) => !i.hidden)
          .map((i) => i.label),
      );
      await this.chrome(() => document.getElementById('contentAreaContextMenu').hidePopup());
      throw new Error(`the context menu has no item "${label}"; it has: ${labels.join(' | ')}`);
    }
    // Several items of one add-on sit in a submenu named after it: the user opens it first.
    const submenuOpen = () =>
      this.chrome((id) => {
        const menu = document.getElementById(id).parentElement.closest('menu');
        if (!menu) return true;
        if (menu.menupopup.state !== 'open') menu.openMenu(true);
        return menu.menupopup.state === 'open';
      }, shown.item);
    await waitFor(submenuOpen, { timeoutMs: 5_000, what: "the add-on's submenu to open" });
    await this.chrome((id) => {
      const item = document.getElementById(id);
      item.closest('menupopup').activateItem(item);
      return true;
    }, shown.item);
    await waitFor(
      () => this.chrome(() => document.getElementById('contentAreaContextMenu').state === 'closed'),
      { timeoutMs: 5_000, what: 'the context menu to close after the click' },
    );
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
