import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { log, sleep } from './bench-io';

/**
 * Popup first render in Debian's Chromium: the real toolbar popup, opened the way a click opens
 * it, with nothing attached to it.
 *
 * Why not Playwright pages, as before: Playwright attaches to every page and sets up its own
 * script worlds and bindings in each while the page starts, and a page opened as a tab fires
 * tabs.onCreated/onActivated, which wake the service worker (entrypoints/background paints the
 * badge) before the popup has asked for anything. A user's popup has neither: no automation, and
 * a click on the toolbar icon sends the worker no event, so after an idle stop it is the popup's
 * own first message that wakes it. Measured side by side on one build, the Playwright tab took a
 * median 166 ms with the worker running; this harness, 95 ms (docs/performance.md "Popup first
 * render").
 *
 * So Chromium is started here with `--remote-debugging-pipe`. The DevTools protocol attaches to
 * one page only: a control page of the extension, which opens the YouTube tab and calls
 * chrome.action.openPopup() (Chromium 127+), and through which the service worker is stopped.
 * After a worker-stopped open has been measured, the harness attaches to the woken worker to read
 * its marks. The popup itself is never attached.
 *
 * The pages report their own timeline: a temporary copy of the production build gets a few lines
 * prepended to popup-boot.js (the popup's first script; no extra file to load). They mark when
 * the first 'popup/snapshot' request is sent and answered, watch the DOM for the snapshot's page
 * header (`main.popup .head`, drawn only from a snapshot, never in the "loading" state), and mark
 * `bench:first-data` in the next animation frame's callback after a zero timeout, i.e. once that
 * frame has been produced. After the page's load event the marks go by POST to a server on
 * 127.0.0.1 that this harness runs, and the popup closes itself. The clock is the popup's
 * navigation start (performance.timeOrigin); the time from the click to that start is the
 * browser's and is not counted. background.js gets marks too (WORKER_MARKS).
 *
 * The YouTube tab: every host name but 127.0.0.1 resolves to NOTFOUND, so the tab shows Chromium's
 * error page at the YouTube address. The snapshot only reads the tab's URL (lib/app/handlers.ts
 * popupFor), so the popup draws the same header it would on the real page. Nothing leaves
 * 127.0.0.1.
 */

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const PAGE_URL = 'https://www.youtube.com/watch?v=benchVideo01';
const DATA_SELECTOR = 'main.popup .head';
const APP_MARK = 'first-data';
const BENCH_MARK = 'bench:first-data';

/** The floor: an empty popup page with one small classic script, first frame. */
const BLANK_PAGE = 'bench-blank.html';
/** How long the worker is left idle before it is stopped (Chromium: after 30 s without events). */
const IDLE_MS = 2000;
const POPUP_PAGE = 'popup.html';
const CONTROL_PAGE = 'bench-control.html';

/**
 * Posts the page's marks once its load event has passed (so DOMContentLoaded is known) and, when
 * the page sent a snapshot request, its answer has come (a frame drawn from the stored view comes
 * before it: lib/app/popup-view-writer.ts), or 5 s have passed.
 */
const REPORT = (port: number) => `const report = () => {
    const sent = performance.getEntriesByName('bench:snapshot-sent').length > 0;
    const waitFrom = performance.now();
    const send = () => setTimeout(() => {
      const answered = performance.getEntriesByName('bench:snapshot-answered').length > 0;
      if (sent && !answered && performance.now() - waitFrom < 5000) return send();
      const nav = performance.getEntriesByType('navigation')[0];
      const at = (name) => { const e = performance.getEntriesByName(name)[0]; return e ? e.startTime : null; };
      // Then the popup closes itself, as a popup does when the user clicks away.
      fetch('http://127.0.0.1:${port}/sample', { method: 'POST', body: JSON.stringify({
        firstDataMs: at(${JSON.stringify(BENCH_MARK)}),
        snapshotSentMs: at('bench:snapshot-sent'),
        snapshotAnsweredMs: at('bench:snapshot-answered'),
        dataInDomMs: at('bench:data-in-dom'),
        elements: document.getElementsByTagName('*').length,
        appMarkMs: at(${JSON.stringify(APP_MARK)}),
        domContentLoadedMs: nav.domContentLoadedEventEnd,
        timeOrigin: performance.timeOrigin,
      }) }).finally(() => window.close());
    }, 50);
    if (document.readyState === 'complete') send(); else addEventListener('load', send);
  };
  const frame = () => {
    performance.mark('bench:data-in-dom');
    requestAnimationFrame(() => setTimeout(() => { performance.mark(${JSON.stringify(BENCH_MARK)}); report(); }, 0));
  };`;

const POPUP_PREFIX = (port: number) => `(() => {
  ${REPORT(port)}
  const runtime = globalThis.chrome && globalThis.chrome.runtime;
  const send = runtime.sendMessage;
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
  let seen = false;
  const observer = new MutationObserver(() => {
    if (seen || !document.querySelector(${JSON.stringify(DATA_SELECTOR)})) return;
    seen = true;
    observer.disconnect();
    frame();
  });
  observer.observe(document, { childList: true, subtree: true });
})();
`;

/**
 * Marks in background.js, read after a worker-stopped open: when the woken worker's script
 * started and finished its top level, its storage reads, and its answer to the popup.
 */
const WORKER_MARKS = `self.__bench = { origin: performance.timeOrigin, start: performance.now(), events: [] };
(() => {
  const mark = (name) => self.__bench.events.push([name, performance.now()]);
  const onMessage = chrome.runtime.onMessage;
  const listen = onMessage.addListener.bind(onMessage);
  onMessage.addListener = (fn) => listen((m, s, reply) => fn(m, s, (x) => { mark('reply ' + (m && m.type)); reply(x); }));
  const get = chrome.storage.local.get.bind(chrome.storage.local);
  chrome.storage.local.get = (...a) => { mark('get>'); const p = get(...a); p.then(() => mark('get<')); return p; };
})();
`;

/** Lines WORKER_MARKS adds before background.js's own first line (profiles are offset by them). */
export const WORKER_MARK_LINES = WORKER_MARKS.split('\n').length - 1;

const BLANK_SCRIPT = (port: number) => `(() => {
  ${REPORT(port)}
  document.addEventListener('DOMContentLoaded', frame);
})();
`;

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
  /** The page's performance.timeOrigin (epoch ms), to put the worker's marks on its clock. */
  timeOrigin: number;
  /** Worker-stopped opens only: the woken worker's marks, on the page's clock. */
  worker?: WorkerMarks;
}

interface WorkerMarks {
  scriptStartMs: number;
  topLevelEndMs: number;
  storageFirstGetMs: number | null;
  storageLastAnswerMs: number | null;
  snapshotReplyMs: number | null;
}

export interface RenderResult {
  warm: RenderSample[];
  cold: RenderSample[];
  /** An empty popup page, opened the same way: what the browser alone costs. */
  blank: RenderSample[];
  /**
   * Worker-stopped opens with V8's sampling profiler attached to the woken worker from its first
   * instruction (after the timed opens; the profiler slows what it samples, so these are never
   * timed): where the worker's own time goes.
   */
  profiles: CpuProfile[];
  chromiumVersion: string;
}

/** What the pages post to the harness's server, in arrival order. */
class Inbox {
  private readonly queued = new Map<string, string[]>();
  readonly server: Server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      // The pages are chrome-extension:// origins; a plain-text POST needs only this header.
      res.writeHead(204, { 'access-control-allow-origin': '*' });
      res.end();
      this.deliver(req.url ?? '/', body);
    });
  });
  private readonly takers = new Map<string, ((body: string) => void)[]>();

  private deliver(path: string, body: string): void {
    const taker = this.takers.get(path)?.shift();
    if (taker) taker(body);
    else this.queued.set(path, [...(this.queued.get(path) ?? []), body]);
  }

  next(path: string, timeoutMs: number): Promise<string> {
    const queued = this.queued.get(path)?.shift();
    if (queued !== undefined) return Promise.resolve(queued);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no POST ${path} within ${timeoutMs} ms`)),
        timeoutMs,
      );
      const take = (body: string) => {
        clearTimeout(timer);
        resolve(body);
      };
      this.takers.set(path, [...(this.takers.get(path) ?? []), take]);
    });
  }

  async listen(): Promise<number> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return (this.server.address() as AddressInfo).port;
  }
}

interface CdpEvent {
  method: string;
  params: Record<string, unknown>;
  sessionId?: string;
}

/** A V8 CPU profile as `Profiler.stop` returns it (the fields read here). */
export interface CpuProfile {
  nodes: {
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
    children?: number[];
  }[];
  samples: number[];
  timeDeltas: number[];
}

/**
 * The DevTools protocol over Chromium's --remote-debugging-pipe (fd 3 in, fd 4 out; messages are
 * JSON text ended by a NUL byte), browser-level unless a sessionId is given.
 */
class Pipe {
  private nextId = 1;
  private readonly listeners = new Set<(event: CdpEvent) => void>();
  private buffer = '';
  private readonly pending = new Map<
    number,
    { resolve: (v: unknown) => void; reject: (e: Error) => void }
  >();

  constructor(
    private readonly input: Writable,
    output: Readable,
  ) {
    output.setEncoding('utf8');
    output.on('data', (chunk: string) => {
      this.buffer += chunk;
      let end: number;
      while ((end = this.buffer.indexOf('\0')) >= 0) {
        const message = JSON.parse(this.buffer.slice(0, end)) as {
          id?: number;
          method?: string;
          result?: unknown;
          error?: { message: string };
        };
        this.buffer = this.buffer.slice(end + 1);
        if (message.id === undefined && message.method !== undefined) {
          for (const listener of this.listeners) listener(message as CdpEvent);
          continue;
        }
        const waiter = message.id !== undefined ? this.pending.get(message.id) : undefined;
        if (!waiter || message.id === undefined) continue;
        this.pending.delete(message.id);
        if (message.error) waiter.reject(new Error(message.error.message));
        else waiter.resolve(message.result);
      }
    });
  }

  /** Calls `listener` with every event until the returned function is called. */
  on(listener: (event: CdpEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  send<T>(method: string, params: object = {}, sessionId?: string): Promise<T> {
    const id = this.nextId++;
    this.input.write(`${JSON.stringify({ id, method, params, sessionId })}\0`);
    return new Promise<T>((resolve, reject) =>
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject }),
    );
  }
}

function launch(extDir: string, profile: string): { child: ChildProcess; cdp: Pipe } {
  const child = spawn(
    CHROMIUM,
    [
      '--headless=new',
      '--remote-debugging-pipe',
      `--user-data-dir=${profile}`,
      '--window-size=400,600',
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
      'about:blank',
    ],
    { stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'] },
  );
  return { child, cdp: new Pipe(child.stdio[3] as Writable, child.stdio[4] as Readable) };
}

interface TargetInfo {
  targetId: string;
  type: string;
  url: string;
}

async function extensionOrigin(cdp: Pipe): Promise<string> {
  for (let i = 0; i < 150; i++) {
    const { targetInfos } = await cdp.send<{ targetInfos: TargetInfo[] }>('Target.getTargets');
    const worker = targetInfos.find(
      (t) => t.type === 'service_worker' && t.url.startsWith('chrome-extension://'),
    );
    if (worker) return `chrome-extension://${new URL(worker.url).host}`;
    await sleep(100);
  }
  throw new Error("the extension's service worker never started");
}

/**
 * Runs `wake` (an open that wakes the stopped worker) with the worker caught at its start:
 * browser-level auto-attach to service workers, paused until the profiler runs, so the profile
 * covers its script's first instruction to the popup's answer and 300 ms after.
 */
async function profiledWake(cdp: Pipe, wake: () => Promise<unknown>): Promise<CpuProfile> {
  let session: Promise<string> | null = null;
  const off = cdp.on((event) => {
    const info = event.params.targetInfo as TargetInfo | undefined;
    if (event.method !== 'Target.attachedToTarget' || info?.type !== 'service_worker') return;
    if (session) return;
    const id = event.params.sessionId as string;
    session = (async () => {
      await cdp.send('Profiler.enable', {}, id);
      await cdp.send('Profiler.setSamplingInterval', { interval: 100 }, id);
      await cdp.send('Profiler.start', {}, id);
      await cdp.send('Runtime.runIfWaitingForDebugger', {}, id);
      return id;
    })();
  });
  const filter = [{ type: 'service_worker', exclude: false }, { exclude: true }];
  await cdp.send('Target.setAutoAttach', {
    autoAttach: true,
    waitForDebuggerOnStart: true,
    flatten: true,
    filter,
  });
  try {
    await wake();
    if (!session) throw new Error('the woken worker was never attached');
    const id = await session;
    await sleep(300);
    const { profile } = await cdp.send<{ profile: CpuProfile }>('Profiler.stop', {}, id);
    await cdp.send('Target.detachFromTarget', { sessionId: id }).catch(() => undefined);
    return profile;
  } finally {
    off();
    await cdp.send('Target.setAutoAttach', {
      autoAttach: false,
      waitForDebuggerOnStart: false,
      flatten: true,
    });
  }
}

/** Attaches to the worker only after the open it woke for is measured, and reads its marks. */
async function workerMarks(cdp: Pipe, pageOrigin: number): Promise<WorkerMarks | undefined> {
  const { targetInfos } = await cdp.send<{ targetInfos: TargetInfo[] }>('Target.getTargets');
  const worker = targetInfos.find((t) => t.type === 'service_worker');
  if (!worker) return undefined;
  const { sessionId } = await cdp.send<{ sessionId: string }>('Target.attachToTarget', {
    targetId: worker.targetId,
    flatten: true,
  });
  try {
    const { result } = await cdp.send<{
      result: {
        value?: { origin: number; start: number; end: number; events: [string, number][] };
      };
    }>('Runtime.evaluate', { expression: 'self.__bench', returnByValue: true }, sessionId);
    const marks = result.value;
    if (!marks) return undefined;
    const rel = (ms: number) => Math.round((marks.origin + ms - pageOrigin) * 10) / 10;
    const at = (name: string) => marks.events.filter(([n]) => n === name).map(([, ms]) => rel(ms));
    return {
      scriptStartMs: rel(marks.start),
      topLevelEndMs: rel(marks.end),
      storageFirstGetMs: at('get>')[0] ?? null,
      storageLastAnswerMs: at('get<').at(-1) ?? null,
      snapshotReplyMs: at('reply popup/snapshot')[0] ?? null,
    };
  } finally {
    await cdp.send('Target.detachFromTarget', { sessionId }).catch(() => undefined);
  }
}

/** A copy of the build with the report scripts in it; the build itself is left as it is. */
function instrumentedCopy(extDir: string, port: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'cobalt-picker-bench-ext-'));
  cpSync(extDir, dir, { recursive: true });
  const background = join(dir, 'background.js');
  writeFileSync(
    background,
    `${WORKER_MARKS}${readFileSync(background, 'utf8')}\nself.__bench.end = performance.now();\n`,
  );
  const boot = join(dir, 'popup-boot.js');
  writeFileSync(boot, POPUP_PREFIX(port) + readFileSync(boot, 'utf8'));
  writeFileSync(join(dir, 'bench-blank.js'), BLANK_SCRIPT(port));
  writeFileSync(
    join(dir, BLANK_PAGE),
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>blank</title><script src="/bench-blank.js"></script></head><body><p>blank</p></body></html>',
  );
  writeFileSync(
    join(dir, CONTROL_PAGE),
    '<!doctype html><meta charset="utf-8"><title>control</title><p>control</p>',
  );
  return dir;
}

/**
 * `seed`: what chrome.storage.local should hold (bench/support/live-profile.ts), written before
 * the first open, the worker then stopped so that it starts from it; none = the fresh install's
 * own state (no tracker reachable, so the bundled list stands in).
 */
export async function measurePopupRender(
  extDir: string,
  runs: number,
  coldRuns: number,
  profiledRuns: number,
  seed?: Record<string, unknown>,
): Promise<RenderResult> {
  const inbox = new Inbox();
  const port = await inbox.listen();
  const ext = instrumentedCopy(extDir, port);
  const profile = mkdtempSync(join(tmpdir(), 'cobalt-picker-bench-chromium-'));
  const { child, cdp } = launch(ext, profile);
  try {
    const { product } = await cdp.send<{ product: string }>('Browser.getVersion');
    const origin = await extensionOrigin(cdp);
    // The control page: an extension page, the only one attached. It opens and closes tabs with
    // chrome.tabs (the protocol's Target.createTarget does not open extension pages), and it
    // keeps the extension's process alive while the worker is stopped.
    const { targetId: control } = await cdp.send<{ targetId: string }>('Target.createTarget', {
      url: 'about:blank',
    });
    const { sessionId } = await cdp.send<{ sessionId: string }>('Target.attachToTarget', {
      targetId: control,
      flatten: true,
    });
    await cdp.send('Page.navigate', { url: `${origin}/${CONTROL_PAGE}` }, sessionId);
    const inControl = async <T>(expression: string): Promise<T> => {
      const { result, exceptionDetails } = await cdp.send<{
        result: { value: T };
        exceptionDetails?: { text: string };
      }>('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true }, sessionId);
      if (exceptionDetails) throw new Error(`control page: ${exceptionDetails.text}`);
      return result.value;
    };
    for (let i = 0; i < 100; i++) {
      const ready = await inControl<boolean>(
        `location.href.endsWith('/${CONTROL_PAGE}') && document.readyState === 'complete'`,
      ).catch(() => false);
      if (ready) break;
      await sleep(50);
    }
    const stopWorker = async () => {
      await cdp.send('ServiceWorker.enable', {}, sessionId);
      await cdp.send('ServiceWorker.stopAllWorkers', {}, sessionId);
      await cdp.send('ServiceWorker.disable', {}, sessionId).catch(() => undefined);
    };
    if (seed) {
      // Let the install's own start-up writes land first, then replace them.
      await sleep(1500);
      await inControl(`chrome.storage.local.set(${JSON.stringify(seed)})`);
      await stopWorker();
    }
    // The YouTube tab, in front: the popup reads the active tab, as it does for a user.
    await inControl(`chrome.tabs.create({ url: ${JSON.stringify(PAGE_URL)}, active: true })`);
    // Let the start-up work (install, first feed refresh attempts: NOTFOUND) settle.
    await sleep(1500);

    /** Opens the toolbar popup the way a click does, showing `page`, and waits for its marks. */
    const open = async (page: string = POPUP_PAGE): Promise<RenderSample> => {
      await inControl(
        `chrome.action.setPopup({ popup: ${JSON.stringify(page)} }).then(() => chrome.action.openPopup())`,
      );
      const sample = JSON.parse(await inbox.next('/sample', 15_000)) as RenderSample;
      for (let i = 0; i < 100; i++) {
        const { targetInfos } = await cdp.send<{ targetInfos: TargetInfo[] }>('Target.getTargets');
        if (!targetInfos.some((t) => t.url.startsWith(`${origin}/${page}`))) break;
        await sleep(20);
      }
      return sample;
    };

    // One discarded open (first load of the popup's files), then the measured ones.
    log(`popup render warm-up: ${JSON.stringify(await open())}`);
    await open(BLANK_PAGE);
    const warm: RenderSample[] = [];
    const blank: RenderSample[] = [];
    for (let i = 0; i < runs; i++) {
      // Interleaved, so both see the same machine load.
      warm.push(await open());
      log(`popup render ${i}: ${JSON.stringify(warm.at(-1))}`);
      blank.push(await open(BLANK_PAGE));
      await sleep(100);
    }
    // Cold: the service worker stopped first, as Chromium does after 30 s idle. By then the
    // worker's trailing work is done (the answers of the probes the last open asked for, and the
    // popup's stored view, written 300 ms after the last change: lib/app/popup-view-writer.ts);
    // IDLE_MS stands in for those 30 s.
    const cold: RenderSample[] = [];
    for (let i = 0; i < coldRuns; i++) {
      await sleep(IDLE_MS);
      await stopWorker();
      await sleep(300);
      const sample = await open();
      sample.worker = await workerMarks(cdp, sample.timeOrigin);
      cold.push(sample);
      log(`popup render, worker stopped first ${i}: ${JSON.stringify(cold.at(-1))}`);
    }
    const profiles: CpuProfile[] = [];
    for (let i = 0; i < profiledRuns; i++) {
      await sleep(IDLE_MS);
      await stopWorker();
      await sleep(300);
      profiles.push(await profiledWake(cdp, () => open()));
      log(`popup render, worker stopped first, profiled ${i}: done`);
    }
    return { warm, cold, blank, profiles, chromiumVersion: product };
  } finally {
    // Browser.close may go unanswered: the browser exits first.
    const exited = new Promise((resolve) => child.once('exit', resolve));
    cdp.send('Browser.close').catch(() => undefined);
    await Promise.race([exited, sleep(5000)]);
    child.kill('SIGKILL');
    inbox.server.close();
    rmSync(profile, { recursive: true, force: true });
    rmSync(ext, { recursive: true, force: true });
  }
}
