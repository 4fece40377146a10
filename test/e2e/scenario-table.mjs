// Every e2e scenario, listed once, in the order the suites run them (test/e2e/chromium.mjs and
// firefox.mjs take their own). A scenario runs in both browsers unless `only` names one:
// the link/page context menus and the keyboard command dispatch Chromium's events, which
// Firefox's have no `dispatch` for, and the worker-stop ones stop the MV3 worker Firefox's
// build does not have; Firefox has its own ways to the same ends (a real context menu click in
// the selection batch, a browser restart, the permission grant). docs/testing.md lists them.
import * as batch from './scenarios/batch.mjs';
import * as download from './scenarios/download.mjs';
import * as landscape from './scenarios/landscape.mjs';
import * as lifecycle from './scenarios/lifecycle.mjs';
import * as local from './scenarios/local.mjs';
import * as options from './scenarios/options.mjs';
import * as permission from './scenarios/permission.mjs';
import * as sources from './scenarios/sources.mjs';

const CHROMIUM = { only: 'chromium' };
const FIREFOX = { only: 'firefox' };

/** [name, scenario, { only }?] */
const SCENARIOS = [
  [
    'first run offline: the bundled snapshot is used and the popup says so',
    sources.firstRunBundled,
  ],
  ['tracker refresh (hyper.lol format) changes the ranking shown', sources.trackerRanking('hyper')],
  [
    'tracker refresh (cobalt.directory /api/tests) changes the ranking shown',
    sources.trackerRanking('directory'),
    CHROMIUM,
  ],
  [
    'tracker refresh (cobalt.directory /api/working) changes the ranking shown',
    sources.trackerRanking('directoryWorking'),
    CHROMIUM,
  ],
  [
    'tracker refresh (instances.cobalt.best format) changes the ranking shown',
    sources.trackerRanking('cobaltBest'),
    CHROMIUM,
  ],
  [
    'popup download on a supported page: the file lands with the right name and bytes',
    download.popupDownload,
  ],
  [
    'failover: hang, refuse, rate limit, key needed; the trail shows it and the file lands',
    download.failover,
  ],
  [
    'three healthy 2.5 s instances: only the first sees the page URL, none fails, the next download goes there too',
    download.slowHealthyInstances,
  ],
  ['popup closed and reopened mid-chain shows the progress', download.reopenMidChain],
  ['picker: choose two of three items; both files land', download.picker],
  [
    'a redirect to a LAN address and a tunnel on another site are refused; the next instance serves',
    download.refusedTargets,
  ],
  [
    'a tunnel that breaks at 50 %: the partial file goes, the next instance serves the whole file',
    download.brokenTunnelRetried,
  ],
  [
    'a tunnel that stalls at 0 bytes: the watchdog ends it, the next instance serves the file',
    download.stalledTunnelRetried,
  ],
  ["the user's own instance on 127.0.0.1 still works", download.ownLoopbackInstance],
  [
    'an instance without Access-Control-Allow-Origin for us is shown as needing permission',
    permission.needsPermissionShown,
    CHROMIUM,
  ],
  [
    'an instance without Access-Control-Allow-Origin for us: needs permission → Allow access → the download works',
    permission.needsPermissionGranted,
    FIREFOX,
  ],
  [
    'processing on this device: a forced merge lands as one file, one video + one audio (ffprobe)',
    local.forcedMerge,
  ],
  ['processing on this device: mute lands without an audio stream', local.mute],
  ['processing on this device: prefer asks for parts, and the file lands', local.prefer],
  ['processing on this device: a cancelled job leaves nothing behind', local.cancel],
  ['context menu on a link (the real onClicked listener)', download.contextMenu, CHROMIUM],
  [
    'context menu on a multi-item post opens the picker as a page (popup.html?job=)',
    download.contextMenuPicker,
    CHROMIUM,
  ],
  ['keyboard command download-page', download.keyboardCommand, CHROMIUM],
  ['batch: a selection with 5 service links → 5 files (context menu)', batch.selectionBatch],
  ['batch: a paste of 3 links, one private → 2 files and one clear failure', batch.pasteBatch],
  [
    'batch: a paste of 3 links, one instance breaks at 50 % → 3 whole files, no partial',
    batch.batchTunnelBreaks,
  ],
  ['batch: the worker stopped mid-batch → the batch completes', batch.batchWorkerStopped, CHROMIUM],
  [
    'batch: Firefox quit and started again mid-batch → the batch completes',
    batch.batchBrowserRestarted,
    FIREFOX,
  ],
  ['batch: an already-downloaded link asks first', batch.askBeforeAgain],
  ["batch: a picker's Download all goes through the queue", batch.pickerDownloadAll],
  ['a content error shows its message and nothing else is tried', download.contentError],
  [
    'unsupported page: the popup explains and the paste-a-link field works',
    download.unsupportedPaste,
  ],
  [
    'service worker stopped mid-chain: resumes or fails clearly, never stuck',
    lifecycle.workerStopped,
    CHROMIUM,
  ],
  [
    "the background keeps the popup's view of the tab in front; a reopened popup shows the page and its instances (in Chromium after the worker stops)",
    lifecycle.storedView,
  ],
  [
    'service worker stopped and woken after the deadline: a clear failure',
    lifecycle.workerStoppedPastDeadline,
    CHROMIUM,
  ],
  [
    'service worker stopped while the file downloads: the job ends done, not stuck',
    lifecycle.workerStoppedWhileDownloading,
    CHROMIUM,
  ],
  [
    "every automatic instance fails: the popup hands the link to a web app (Turnstile's API never asked)",
    landscape.handoffWhenAllFail,
  ],
  [
    "an instance wants a key: 'needs a key' → key added in options → the next download goes through it",
    landscape.keyNeeded,
  ],
  ['options: a changed download default reaches the next request', options.optionsDefault],
  ['options: settings export → reset → import round trip', options.settingsRoundTrip],
  ['options: a bad import file is refused with a clear message', options.badImport],
  ['the extension identifies itself (User-Agent) on its own requests only', download.userAgent],
  ['a11y: axe-core finds no violations on the popup and options pages', options.accessibility],
];

/** The scenarios one browser runs, `[name, scenario]`, in order. */
export function scenariosFor(browser) {
  return SCENARIOS.filter(([, , o]) => !o?.only || o.only === browser).map(([name, run]) => [
    name,
    run,
  ]);
}
