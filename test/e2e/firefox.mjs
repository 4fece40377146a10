// The Firefox suite: Firefox ESR over WebDriver BiDi (puppeteer-core), the firefox-mv2 e2e build
// installed as a temporary add-on. Context-menu dispatch, the keyboard command and stopping the
// MV3 worker have no Firefox equivalent reachable from a test, so those run in Chromium only.
import { launchFirefox } from './lib/firefox-driver.mjs';
import * as s from './scenarios.mjs';

export const FIREFOX_SCENARIOS = [
  ['first run offline: the bundled snapshot is used and the popup says so', s.firstRunBundled],
  ['unsupported page: the popup explains and the paste-a-link field works', s.unsupportedPaste],
];

export async function runFirefoxSuite({ report, support, guard, only }) {
  console.log('\nFirefox ESR (puppeteer-core over WebDriver BiDi, firefox-mv2 e2e build)');
  const env = { browserName: 'firefox', support, guard, launch: () => launchFirefox({ guard }) };
  for (const [name, scenario, options] of FIREFOX_SCENARIOS) {
    if (only && !only.test(`firefox: ${name}`)) continue;
    await report.run(`firefox: ${name}`, (t) => scenario(env, t), options);
  }
}
