// The Chromium suite: every scenario, in Debian's Chromium with the unpacked MV3 build.
import { launchChromium } from './lib/chromium-driver.mjs';
import { scenariosFor } from './scenario-table.mjs';

/** [name, scenario] in the order they run (the one table: test/e2e/scenario-table.mjs). */
export const CHROMIUM_SCENARIOS = scenariosFor('chromium');

export async function runChromiumSuite({ report, support, guard, only }) {
  console.log('\nChromium (playwright-core, /usr/bin/chromium, chrome-mv3 e2e build)');
  const env = { browserName: 'chromium', support, guard, launch: () => launchChromium({ guard }) };
  for (const [name, scenario] of CHROMIUM_SCENARIOS) {
    if (only && !only.test(`chromium: ${name}`)) continue;
    await report.run(`chromium: ${name}`, (t) => scenario(env, t));
  }
}
