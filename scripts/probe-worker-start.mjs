// What a stopped service worker does before it answers the popup, on the popup's own timeline.
//
// Usage: node scripts/bench.mjs --only='^extension$'   (builds .bench/extension/chrome-mv3)
//        node scripts/probe-worker-start.mjs [opens]    (default 5)
//
// A diagnostic for docs/performance.md "Popup first render", not a benchmark with a budget: it
// copies the production build to a temporary folder and adds timing marks to the copy only
// (the start and end of background.js's top level, each storage.local.get, each popup/snapshot
// answer; the start of popup-boot.js and of the popup's module graph), loads it in Debian's
// Chromium like bench/support/popup-render.ts (nothing leaves 127.0.0.1), stops the worker
// through CDP before each open, and prints one JSON line per open, in ms from the popup's
// navigation start, then a JSON summary of medians.
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const BUILD = join(process.cwd(), '.bench', 'extension', 'chrome-mv3');
const OPENS = Number(process.argv[2] ?? 5);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const WORKER_MARKS = `self.__probe={origin:performance.timeOrigin,start:performance.now(),events:[]};
(()=>{const mark=(name)=>self.__probe.events.push([name,performance.now()]);
const listen=chrome.runtime.onMessage.addListener.bind(chrome.runtime.onMessage);
chrome.runtime.onMessage.addListener=(fn)=>listen((m,s,reply)=>fn(m,s,(x)=>{mark('reply '+(m&&m.type));reply(x);}));
const get=chrome.storage.local.get.bind(chrome.storage.local);
chrome.storage.local.get=(...a)=>{mark('get>');const p=get(...a);p.then(()=>mark('get<'));return p;};})();
`;

function instrumentedCopy() {
  const dir = mkdtempSync(join(tmpdir(), 'cobalt-picker-probe-'));
  cpSync(BUILD, dir, { recursive: true });
  const background = join(dir, 'background.js');
  writeFileSync(
    background,
    `${WORKER_MARKS}${readFileSync(background, 'utf8')}\nself.__probe.end=performance.now();\n`,
  );
  const prepend = (file, mark) =>
    writeFileSync(file, `performance.mark(${JSON.stringify(mark)});${readFileSync(file, 'utf8')}`);
  prepend(join(dir, 'popup-boot.js'), 'probe:boot');
  const chunk = readdirSync(join(dir, 'chunks')).find((f) => /^popup-.*\.js$/.test(f));
  prepend(join(dir, 'chunks', chunk), 'probe:modules');
  return dir;
}

const median = (xs) => {
  const s = xs.filter((x) => x !== null).sort((a, b) => a - b);
  return s.length === 0 ? null : s[Math.floor((s.length - 1) / 2)];
};

const ext = instrumentedCopy();
const profile = mkdtempSync(join(tmpdir(), 'cobalt-picker-probe-profile-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: false,
  viewport: { width: 400, height: 600 },
  args: [
    '--headless=new',
    '--no-sandbox',
    '--disable-gpu',
    '--no-first-run',
    '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
    '--disable-background-networking',
    '--disable-component-update',
    `--disable-extensions-except=${ext}`,
    `--load-extension=${ext}`,
  ],
});
try {
  let [worker] = context.serviceWorkers();
  worker ??= await context.waitForEvent('serviceworker');
  const origin = `chrome-extension://${new URL(worker.url()).host}`;
  // Keeps the extension's process alive while the worker is stopped, as the bench does.
  const control = await context.newPage();
  await control.goto(`${origin}/manifest.json`);
  const cdp = await context.newCDPSession(control);
  await sleep(1500);
  const rows = [];
  for (let i = 0; i < OPENS; i++) {
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    await sleep(500);
    // The new worker, when Playwright sees it start; it may already be up (a tab event woke it).
    const started = context.waitForEvent('serviceworker', { timeout: 3000 }).catch(() => null);
    const page = await context.newPage();
    await page.goto(`${origin}/popup.html?tab=1`, { waitUntil: 'commit' });
    await page.waitForSelector('main.popup .head', { timeout: 10_000 });
    await sleep(300);
    const popup = await page.evaluate(() => {
      const at = (name) => performance.getEntriesByName(name)[0]?.startTime ?? null;
      return {
        origin: performance.timeOrigin,
        boot: at('probe:boot'),
        modules: at('probe:modules'),
        firstData: at('first-data'),
      };
    });
    const running = (await started) ?? context.serviceWorkers().at(-1);
    const probe = await running.evaluate(() => self.__probe);
    const rel = (ms) => Math.round(probe.origin + ms - popup.origin);
    const times = (name) => probe.events.filter(([n]) => n === name).map(([, ms]) => rel(ms));
    const gets = times('get>');
    const done = times('get<');
    const row = {
      workerStart: rel(probe.start),
      workerTopLevelEnd: rel(probe.end),
      storageGets: gets.length,
      storageFirstGet: gets[0] ?? null,
      storageLastAnswer: done.at(-1) ?? null,
      firstSnapshotReply: times('reply popup/snapshot')[0] ?? null,
      popupBootScript: Math.round(popup.boot),
      popupModules: Math.round(popup.modules),
      popupFirstData: Math.round(popup.firstData),
    };
    console.log(JSON.stringify(row));
    rows.push(row);
    await page.close();
  }
  const summary = Object.fromEntries(
    Object.keys(rows[0]).map((key) => [key, median(rows.map((r) => r[key]))]),
  );
  console.log(JSON.stringify({ opens: OPENS, medians: summary }));
} finally {
  await context.close().catch(() => undefined);
  rmSync(profile, { recursive: true, force: true });
  rmSync(ext, { recursive: true, force: true });
}
