// The Firefox suite: Firefox ESR over WebDriver BiDi (puppeteer-core), the firefox-mv2 e2e build
// installed as a temporary add-on. The link/page context-menu scenarios and the keyboard command
// dispatch Chromium's events, which Firefox's have no `dispatch` for, and the worker-stop ones
// stop the MV3 worker Firefox's build does not have: those run in Chromium only. Here the
// selection batch clicks Firefox's real context menu, and the batch survives a browser restart
// (docs/testing.md).
import { firefoxLauncher, launchFirefoxInstalled } from './lib/firefox-driver.mjs';
import * as batch from './scenarios/batch.mjs';
import * as download from './scenarios/download.mjs';
import * as landscape from './scenarios/landscape.mjs';
import * as lifecycle from './scenarios/lifecycle.mjs';
import * as local from './scenarios/local.mjs';
import * as options from './scenarios/options.mjs';
import * as permission from './scenarios/permission.mjs';
import * as sources from './scenarios/sources.mjs';

export const FIREFOX_SCENARIOS = [
  [
    'first run offline: the bundled snapshot is used and the popup says so',
    sources.firstRunBundled,
  ],
  ['tracker refresh (hyper.lol format) changes the ranking shown', sources.trackerRanking('hyper')],
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
  [
    "the background keeps the popup's view of the tab in front; a reopened popup shows it",
    lifecycle.storedView,
  ],
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
    'an instance without Access-Control-Allow-Origin for us: needs permission → Allow access → the download works',
    permission.needsPermissionGranted,
  ],
  [
    'processing on this device: a forced merge lands as one file, one video + one audio (ffprobe)',
    local.forcedMerge,
  ],
  ['processing on this device: mute lands without an audio stream', local.mute],
  ['processing on this device: prefer asks for parts, and the file lands', local.prefer],
  ['processing on this device: a cancelled job leaves nothing behind', local.cancel],
  ['a content error shows its message and nothing else is tried', download.contentError],
  ['batch: a selection with 5 service links → 5 files (context menu)', batch.selectionBatch],
  ['batch: a paste of 3 links, one private → 2 files and one clear failure', batch.pasteBatch],
  [
    'batch: a paste of 3 links, one instance breaks at 50 % → 3 whole files, no partial',
    batch.batchTunnelBreaks,
  ],
  [
    'batch: Firefox quit and started again mid-batch → the batch completes',
    batch.batchBrowserRestarted,
  ],
  ['batch: an already-downloaded link asks first', batch.askBeforeAgain],
  ["batch: a picker's Download all goes through the queue", batch.pickerDownloadAll],
  [
    'unsupported page: the popup explains and the paste-a-link field works',
    download.unsupportedPaste,
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

export async function runFirefoxSuite({ report, support, guard, only }) {
  console.log('\nFirefox ESR (puppeteer-core over WebDriver BiDi, firefox-mv2 e2e build)');
  // One browser for the suite, the extension reinstalled per scenario (E2E_FIREFOX_FRESH=1:
  // one browser per scenario).
  const launcher = firefoxLauncher({ guard, fresh: process.env.E2E_FIREFOX_FRESH === '1' });
  const env = {
    browserName: 'firefox',
    support,
    guard,
    launch: () => launcher.launch(),
    // A browser of its own, the add-on installed in its profile (it survives a restart).
    launchInstalled: () => launchFirefoxInstalled({ guard }),
  };
  try {
    for (const [name, scenario, opts] of FIREFOX_SCENARIOS) {
      if (only && !only.test(`firefox: ${name}`)) continue;
      await report.run(`firefox: ${name}`, (t) => scenario(env, t), opts);
    }
  } finally {
    await launcher.dispose();
  }
}
