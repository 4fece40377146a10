// The Firefox suite: Firefox ESR over WebDriver BiDi (puppeteer-core), the firefox-mv2 e2e build
// installed as a temporary add-on. The link/page context-menu scenarios and the keyboard command
// dispatch Chromium's events, which Firefox's have no `dispatch` for, and the worker-stop ones
// stop the MV3 worker Firefox's build does not have: those run in Chromium only. Here the
// selection batch clicks Firefox's real context menu, and the batch survives a browser restart
// (docs/testing.md).
import { firefoxLauncher, launchFirefoxInstalled } from './lib/firefox-driver.mjs';
import { scenariosFor } from './scenario-table.mjs';

/** [name, scenario] in the order they run (the one table: test/e2e/scenario-table.mjs). */
export const FIREFOX_SCENARIOS = scenariosFor('firefox');

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
    for (const [name, scenario] of FIREFOX_SCENARIOS) {
      if (only && !only.test(`firefox: ${name}`)) continue;
      await report.run(`firefox: ${name}`, (t) => scenario(env, t));
    }
  } finally {
    await launcher.dispose();
  }
}
