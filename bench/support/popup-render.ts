import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { log, sleep } from './bench-io';

/**
 * Popup first render in Debian's Chromium (playwright-core, the recipe of
 * test/e2e/lib/chromium-driver.mjs and docs/testing.md): the unpacked production build loaded with
 * --load-extension, a YouTube watch page in a tab (answered inside the browser by request
 * interception; nothing leaves 127.0.0.1: every other host name resolves to NOTFOUND), then
 * `popup.html?tab=<that tab>` opened again and again in a fresh tab sized like the popup.
 *
 * The clock: from the popup's navigation start (performance.timeOrigin, the zero of its
 * performance timeline) to the first frame that shows snapshot data. An init script watches the
 * DOM for the snapshot's page header (`main.popup .head`, drawn only from a snapshot, never in
 * the "loading" state), then marks `bench:first-data` in the next animation frame's callback,
 * after a zero timeout, i.e. once that frame has been produced. When the popup sets its own
 * `first-data` mark (docs/performance.md), that one is read too and reported beside it.
 */

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const PAGE_URL = 'https://www.youtube.com/watch?v=benchVideo01';
const VIEWPORT = { width: 400, height: 600 };
const DATA_SELECTOR = 'main.popup .head';
const APP_MARK = 'first-data';
const BENCH_MARK = 'bench:first-data';

/** The floor: an empty page of the extension, first frame after DOMContentLoaded. */
const BLANK_PAGE = 'bench-blank.html';
const BLANK_HTML =
  '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>blank</title></head><body><p>blank</p></body></html>';

const INIT_SCRIPT = `(() => {
  if (location.pathname.endsWith('/${BLANK_PAGE}')) {
    document.addEventListener('DOMContentLoaded', () => {
      performance.mark('bench:data-in-dom');
      requestAnimationFrame(() => setTimeout(() => performance.mark(${JSON.stringify(BENCH_MARK)}), 0));
    });
    return;
  }
  if (!location.pathname.endsWith('/popup.html')) return;
  // Timeline of the first snapshot request, for the breakdown (the popup's protocol client
  // calls chrome.runtime.sendMessage; wrapped here, before any of the popup's code runs).
  try {
    const runtime = globalThis.chrome && globalThis.chrome.runtime;
    const send = runtime && runtime.sendMessage;
    if (send) {
      let first = true;
      runtime.sendMessage = function (...args) {
        const mine = first && args[0] && args[0].type === 'popup/snapshot';
        if (mine) { first = false; performance.mark('bench:snapshot-sent'); }
        const answer = send.apply(this, args);
        if (mine && answer && typeof answer.then === 'function') {
          answer.then(() => performance.mark('bench:snapshot-answered'), () => undefined);
        }
        return answer;
      };
    }
  } catch {}
  let seen = false;
  const check = () => {
    if (seen || !document.querySelector(${JSON.stringify(DATA_SELECTOR)})) return;
    seen = true;
    observer.disconnect();
    performance.mark('bench:data-in-dom');
    requestAnimationFrame(() => setTimeout(() => performance.mark(${JSON.stringify(BENCH_MARK)}), 0));
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { childList: true, subtree: true });
})();`;

export interface RenderSample {
  /** navigation start → first frame with data (ms). */
  firstDataMs: number;
  /** navigation start → the popup sent its first 'popup/snapshot' message (its code is running). */
  snapshotSentMs: number | null;
  /** navigation start → the background's answer arrived. */
  snapshotAnsweredMs: number | null;
  /** navigation start → the snapshot's data is in the DOM (Preact rendered it). */
  dataInDomMs: number | null;
  /** Elements in the document once the data frame is done. */
  elements: number;
  /** The popup's own `first-data` mark, when it sets one. */
  appMarkMs: number | null;
  /** navigation start → DOMContentLoaded. */
  domContentLoadedMs: number;
}

export interface RenderResult {
  warm: RenderSample[];
  cold: RenderSample[];
  /** An empty extension page, opened the same way: what the browser alone costs. */
  blank: RenderSample[];
  chromiumVersion: string;
}

function pageHtml(url: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Bench video - YouTube</title><link rel="icon" href="data:,"></head><body><h1>${url}</h1></body></html>`;
}

async function launch(extDir: string, profile: string): Promise<BrowserContext> {
  return chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: false, // the new headless mode is passed as a flag
    viewport: VIEWPORT,
    args: [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--no-default-browser-check',
      '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-domain-reliability',
      '--disable-client-side-phishing-detection',
      '--no-pings',
      '--disable-quic',
      '--disable-features=Translate,OptimizationHints,MediaRouter,DialMediaRouteProvider,AutofillServerCommunication',
      `--disable-extensions-except=${extDir}`,
      `--load-extension=${extDir}`,
    ],
  });
}

async function sample(page: Page, url: string): Promise<RenderSample> {
  await page.goto(url, { waitUntil: 'commit' });
  await page.waitForFunction((name) => performance.getEntriesByName(name).length > 0, BENCH_MARK, {
    timeout: 15_000,
    polling: 20,
  });
  return page.evaluate(
    ({ bench, app }) => {
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      const at = (name: string) => performance.getEntriesByName(name)[0]?.startTime ?? null;
      return {
        firstDataMs: performance.getEntriesByName(bench)[0]!.startTime,
        snapshotSentMs: at('bench:snapshot-sent'),
        snapshotAnsweredMs: at('bench:snapshot-answered'),
        dataInDomMs: at('bench:data-in-dom'),
        elements: document.getElementsByTagName('*').length,
        appMarkMs: performance.getEntriesByName(app)[0]?.startTime ?? null,
        domContentLoadedMs: nav.domContentLoadedEventEnd,
      };
    },
    { bench: BENCH_MARK, app: APP_MARK },
  );
}

export async function measurePopupRender(
  extDir: string,
  runs: number,
  coldRuns: number,
): Promise<RenderResult> {
  writeFileSync(join(extDir, BLANK_PAGE), BLANK_HTML);
  const profile = mkdtempSync(join(tmpdir(), 'cobalt-picker-bench-chromium-'));
  const context = await launch(extDir, profile);
  try {
    let [worker] = context.serviceWorkers();
    worker ??= await context.waitForEvent('serviceworker', { timeout: 15_000 });
    const extOrigin = `chrome-extension://${new URL(worker.url()).host}`;
    await context.route(
      (url) => url.protocol === 'https:' && url.hostname !== '127.0.0.1',
      (route) =>
        route.request().resourceType() === 'document'
          ? route.fulfill({
              status: 200,
              contentType: 'text/html; charset=utf-8',
              body: pageHtml(route.request().url()),
            })
          : route.abort(),
    );
    await context.addInitScript(INIT_SCRIPT);

    const control = await context.newPage();
    await control.goto(`${extOrigin}/manifest.json`);
    const cdp = await context.newCDPSession(control);
    const video = await context.newPage();
    await video.goto(PAGE_URL, { waitUntil: 'load' });
    let tabId: number | null = null;
    for (let i = 0; i < 50 && tabId === null; i++) {
      tabId = await control.evaluate((u) => {
        const { chrome } = globalThis as unknown as {
          chrome: { tabs: { query(q: object): Promise<{ id?: number; url?: string }[]> } };
        };
        return chrome.tabs.query({}).then((tabs) => tabs.find((t) => t.url === u)?.id ?? null);
      }, PAGE_URL);
      if (tabId === null) await sleep(100);
    }
    if (tabId === null) throw new Error('the video tab never showed up in chrome.tabs');
    // Let the start-up work (install, first feed refresh attempts: NOTFOUND) settle.
    await sleep(1500);
    const popupUrl = `${extOrigin}/popup.html?tab=${tabId}`;

    const open = async (url = popupUrl): Promise<RenderSample> => {
      const page = await context.newPage();
      await page.setViewportSize(VIEWPORT);
      await page.bringToFront();
      try {
        return await sample(page, url);
      } finally {
        await page.close();
      }
    };

    // One discarded open (first load of the popup's files), then the measured ones.
    const first = await open();
    log(`popup render warm-up: ${JSON.stringify(first)}`);
    const warm: RenderSample[] = [];
    const blank: RenderSample[] = [];
    await open(`${extOrigin}/${BLANK_PAGE}`);
    for (let i = 0; i < runs; i++) {
      // Interleaved, so both see the same machine load.
      warm.push(await open());
      log(`popup render ${i}: ${JSON.stringify(warm.at(-1))}`);
      blank.push(await open(`${extOrigin}/${BLANK_PAGE}`));
      await sleep(100);
    }
    // Cold: the service worker stopped first, as Chromium does after 30 s idle.
    const cold: RenderSample[] = [];
    for (let i = 0; i < coldRuns; i++) {
      await cdp.send('ServiceWorker.enable');
      await cdp.send('ServiceWorker.stopAllWorkers');
      await cdp.send('ServiceWorker.disable').catch(() => undefined);
      await sleep(300);
      cold.push(await open());
      log(`popup render, worker stopped first ${i}: ${JSON.stringify(cold.at(-1))}`);
    }
    const chromiumVersion =
      context.browser()?.version() ?? (await control.evaluate(() => navigator.userAgent));
    return { warm, cold, blank, chromiumVersion };
  } finally {
    await context.close().catch(() => undefined);
    rmSync(profile, { recursive: true, force: true });
  }
}
