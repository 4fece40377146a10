// The Chromium suite: every scenario, in Debian's Chromium with the unpacked MV3 build.
import { launchChromium } from './lib/chromium-driver.mjs';
import * as batch from './scenarios/batch.mjs';
import * as download from './scenarios/download.mjs';
import * as landscape from './scenarios/landscape.mjs';
import * as local from './scenarios/local.mjs';
import * as lifecycle from './scenarios/lifecycle.mjs';
import * as options from './scenarios/options.mjs';
import * as permission from './scenarios/permission.mjs';
import * as sources from './scenarios/sources.mjs';

/** [name, scenario, options] in the order they run. */
export const CHROMIUM_SCENARIOS = [
  [
    'first run offline: the bundled snapshot is used and the popup says so',
    sources.firstRunBundled,
  ],
  ['tracker refresh (hyper.lol format) changes the ranking shown', sources.trackerRanking('hyper')],
  [
    'tracker refresh (cobalt.directory /api/tests) changes the ranking shown',
    sources.trackerRanking('directory'),
  ],
  [
    'tracker refresh (cobalt.directory /api/working) changes the ranking shown',
    sources.trackerRanking('directoryWorking'),
  ],
  [
    'tracker refresh (instances.cobalt.best format) changes the ranking shown',
    sources.trackerRanking('cobaltBest'),
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
  ],
  [
    'processing on this device: a forced merge lands as one file, one video + one audio (ffprobe)',
    local.forcedMerge,
  ],
  ['processing on this device: mute lands without an audio stream', local.mute],
  ['processing on this device: prefer asks for parts, and the file lands', local.prefer],
  ['processing on this device: a cancelled job leaves nothing behind', local.cancel],
  ['context menu on a link (the real onClicked listener)', download.contextMenu],
  [
    'context menu on a multi-item post opens the picker as a page (popup.html?job=)',
    download.contextMenuPicker,
  ],
  ['keyboard command download-page', download.keyboardCommand],
  ['batch: a selection with 5 service links → 5 files (context menu)', batch.selectionBatch],
  ['batch: a paste of 3 links, one private → 2 files and one clear failure', batch.pasteBatch],
  [
    'batch: a paste of 3 links, one instance breaks at 50 % → 3 whole files, no partial',
    batch.batchTunnelBreaks,
  ],
  ['batch: the worker stopped mid-batch → the batch completes', batch.batchWorkerStopped],
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
  ],
  [
    "the background keeps the popup's view of the tab in front; after the worker stops, a reopened popup shows the page and its instances",
    lifecycle.storedView,
  ],
  [
    'service worker stopped and woken after the deadline: a clear failure',
    lifecycle.workerStoppedPastDeadline,
  ],
  [
    'service worker stopped while the file downloads: the job ends done, not stuck',
    lifecycle.workerStoppedWhileDownloading,
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

export async function runChromiumSuite({ report, support, guard, only }) {
  console.log('\nChromium (playwright-core, /usr/bin/chromium, chrome-mv3 e2e build)');
  const env = { browserName: 'chromium', support, guard, launch: () => launchChromium({ guard }) };
  for (const [name, scenario, opts] of CHROMIUM_SCENARIOS) {
    if (only && !only.test(`chromium: ${name}`)) continue;
    await report.run(`chromium: ${name}`, (t) => scenario(env, t), opts);
  }
}
