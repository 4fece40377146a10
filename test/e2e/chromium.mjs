// The Chromium suite: every scenario, in Debian's Chromium with the unpacked MV3 build.
import { launchChromium } from './lib/chromium-driver.mjs';
import * as s from './scenarios.mjs';

/** [name, scenario, options] in the order they run. */
export const CHROMIUM_SCENARIOS = [
  ['first run offline: the bundled snapshot is used and the popup says so', s.firstRunBundled],
  ['unsupported page: the popup explains and the paste-a-link field works', s.unsupportedPaste],
];

export async function runChromiumSuite({ report, support, guard, only }) {
  console.log('\nChromium (playwright-core, /usr/bin/chromium, chrome-mv3 e2e build)');
  const env = { browserName: 'chromium', support, guard, launch: () => launchChromium({ guard }) };
  for (const [name, scenario, options] of CHROMIUM_SCENARIOS) {
    if (only && !only.test(`chromium: ${name}`)) continue;
    await report.run(`chromium: ${name}`, (t) => scenario(env, t), options);
  }
}
