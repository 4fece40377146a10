// Debian Chromium + playwright-core, the unpacked MV3 build loaded with --load-extension
// (docs/testing.md "End-to-end"; https://playwright.dev/docs/chrome-extensions). One fresh profile per scenario.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumLoopbackArgs } from './loopback.mjs';
import { answerFor, isPageRequest } from './pages.mjs';
import { CHROME_EXT_DIR, CHROMIUM } from './paths.mjs';
import { unwrapReply } from './reply.mjs';
import { sleep, waitFor, withTimeout } from './report.mjs';

const POPUP_VIEWPORT = { width: 400, height: 600 };

/**
 * @param {{guard: {port: number}, extDir?: string}} options
 */
export async function launchChromium({ guard, extDir = CHROME_EXT_DIR }) {
  const profile = mkdtempSync(join(tmpdir(), 'cobalt-picker-e2e-chromium-'));
  const downloadsDir = join(profile, 'downloads');
  mkdirSync(join(profile, 'Default'), { recursive: true });
  mkdirSync(downloadsDir);
  // With CDP Browser.setDownloadBehavior {behavior:'default'} (below), files land here under
  // the name the extension asked for (toolchain.md "downloads").
  writeFileSync(
    join(profile, 'Default', 'Preferences'),
    JSON.stringify({
      download: {
        default_directory: downloadsDir,
        prompt_for_download: false,
        directory_upgrade: true,
      },
      savefile: { default_directory: downloadsDir },
      // No preconnects/prefetches: the browser itself must not reach for the page hosts.
      net: { network_prediction_options: 2 },
    }),
  );
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: false, // the new headless mode is passed as a flag
    viewport: POPUP_VIEWPORT,
    args: [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--no-default-browser-check',
      '--disable-features=Translate,OptimizationHints,MediaRouter,DialMediaRouteProvider,AutofillServerCommunication',
      ...chromiumLoopbackArgs(guard.port),
      `--disable-extensions-except=${extDir}`,
      `--load-extension=${extDir}`,
    ],
  });
  const closers = [() => rmSync(profile, { recursive: true, force: true })];
  try {
    let [worker] = context.serviceWorkers();
    worker ??= await context.waitForEvent('serviceworker', { timeout: 15_000 });
    // (Node's URL gives origin "null" for chrome-extension: URLs.)
    const extOrigin = `chrome-extension://${new URL(worker.url()).host}`;

    // Service pages are answered in the browser. Playwright also sees the extension worker's
    // requests here: anything that is not a page document goes on to the network, i.e. to the
    // egress guard, which logs and refuses it (so the log shows what the extension tried).
    await context.route(
      (url) => isPageRequest(url.href),
      (route) => {
        const answer = answerFor(route.request().url(), route.request().resourceType());
        return answer ? route.fulfill(answer) : route.continue();
      },
    );

    // A privileged page in the extension's origin with no UI of its own, to send messages and
    // read storage the way the popup and options pages do.
    const control = await context.newPage();
    await control.goto(`${extOrigin}/manifest.json`);
    const cdp = await context.newCDPSession(control);
    await cdp.send('Browser.setDownloadBehavior', { behavior: 'default', eventsEnabled: false });

    return new ChromiumSession({ context, worker, extOrigin, downloadsDir, control, cdp, closers });
  } catch (error) {
    await withTimeout(context.close(), 10_000, 'close').catch(() => {});
    for (const close of closers) close();
    throw error;
  }
}

class ChromiumSession {
  constructor({ context, worker, extOrigin, downloadsDir, control, cdp, closers }) {
    this.browserName = 'chromium';
    this.context = context;
    this.worker = worker;
    this.extOrigin = extOrigin;
    this.downloadsDir = downloadsDir;
    this.controlPage = control;
    this.cdp = cdp;
    this.closers = closers;
    this.consoleErrors = [];
    this.dialogs = [];
    context.on('page', (page) => this.#watch(page));
    worker.on('console', (m) => {
      if (m.type() === 'error') this.consoleErrors.push(`[worker] ${m.text()}`);
    });
  }

  #watch(page) {
    page.on('pageerror', (e) => this.consoleErrors.push(`[${page.url()}] ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error' && page.url().startsWith(this.extOrigin)) {
        this.consoleErrors.push(`[${new URL(page.url()).pathname}] ${m.text()}`);
      }
    });
    page.on('dialog', (d) => {
      this.dialogs.push(d.message());
      void d.accept();
    });
  }

  /** Runs fn(arg) in the control page (extension origin: chrome.* available). */
  control(fn, arg) {
    return withTimeout(this.controlPage.evaluate(fn, arg), 20_000, 'control page evaluate');
  }

  /** One protocol message, as the popup sends it: the reply's value (a refusal or failure throws). */
  async send(type, payload = {}) {
    const reply = await this.control(
      ({ type, payload }) => globalThis.chrome.runtime.sendMessage({ type, payload }),
      { type, payload },
    );
    return unwrapReply(type, reply);
  }

  /** Runs fn(arg) in the extension's service worker (the real listeners live there). */
  inWorker(fn, arg) {
    return withTimeout(
      this.liveWorker().then((w) => w.evaluate(fn, arg)),
      20_000,
      'worker evaluate',
    );
  }

  async liveWorker() {
    const workers = this.context.serviceWorkers().filter((w) => w.url().startsWith(this.extOrigin));
    if (workers.length) return workers[workers.length - 1];
    return this.context.waitForEvent('serviceworker', { timeout: 10_000 });
  }

  /** Opens a (fake) service page in a new tab; returns the page and its tab id. */
  async openPage(url) {
    const page = await this.context.newPage();
    await page.goto(url, { waitUntil: 'load' });
    const tabId = await this.tabIdOf(url);
    return { page: wrap(page), tabId };
  }

  async tabIdOf(url) {
    return waitFor(
      () =>
        this.control(
          (u) =>
            globalThis.chrome.tabs
              .query({})
              .then((tabs) => tabs.find((t) => t.url === u)?.id ?? null),
          url,
        ),
      { timeoutMs: 5_000, what: `a tab at ${url}` },
    );
  }

  /** popup.html?<query> in a tab of its own, sized like the real popup. */
  async openPopup(query = '') {
    return this.openExtensionPage(`popup.html${query ? `?${query}` : ''}`);
  }

  async openOptions() {
    return this.openExtensionPage('options.html');
  }

  /** A tab the extension opened itself (e.g. popup.html?job=… for a picker), once it has loaded. */
  async waitForOpenedPage(test, { timeoutMs = 10_000 } = {}) {
    const page = await waitFor(() => this.context.pages().find((p) => test(p.url())) ?? null, {
      timeoutMs,
      what: 'a page the extension opens',
    });
    await page.waitForLoadState('load');
    return wrap(page);
  }

  async openExtensionPage(path) {
    const page = await this.context.newPage();
    await page.setViewportSize(POPUP_VIEWPORT);
    await page.goto(`${this.extOrigin}/${path}`, { waitUntil: 'load' });
    return wrap(page);
  }

  /**
   * Stops the MV3 service worker the way Chromium does when it idles (CDP ServiceWorker domain,
   * from an extension page: from a web page the command hangs) and waits until CDP reports the
   * extension's worker as stopped.
   */
  async stopWorker() {
    const statuses = [];
    const onUpdate = (event) => {
      for (const v of event.versions) {
        if (v.scriptURL.startsWith(this.extOrigin)) statuses.push(v.runningStatus);
      }
    };
    this.cdp.on('ServiceWorker.workerVersionUpdated', onUpdate);
    try {
      await this.cdp.send('ServiceWorker.enable');
      await this.cdp.send('ServiceWorker.stopAllWorkers');
      await waitFor(() => statuses.includes('stopped'), {
        timeoutMs: 5_000,
        what: 'CDP to report the worker stopped',
      });
    } finally {
      this.cdp.off('ServiceWorker.workerVersionUpdated', onUpdate);
      await this.cdp.send('ServiceWorker.disable').catch(() => {});
    }
  }

  async close() {
    await withTimeout(this.context.close(), 15_000, 'chromium close').catch(() => {});
    for (const close of this.closers) close();
  }
}

function wrap(page) {
  return {
    raw: page,
    evaluate: (fn, arg) => withTimeout(page.evaluate(fn, arg), 20_000, 'page evaluate'),
    reload: () => page.reload({ waitUntil: 'load' }),
    close: () => page.close().catch(() => {}),
    bringToFront: () => page.bringToFront(),
    /** A viewport-sized shot (what the user sees first), in the given colour scheme. */
    async screenshot(path, { colorScheme = 'light', viewport = POPUP_VIEWPORT } = {}) {
      const before = page.viewportSize();
      await page.setViewportSize(viewport);
      await page.emulateMedia({ colorScheme });
      await page.evaluate(() => window.scrollTo(0, 0));
      await sleep(200);
      await page.screenshot({ path, fullPage: false });
      await page.emulateMedia({ colorScheme: null });
      if (before) await page.setViewportSize(before);
    },
  };
}
