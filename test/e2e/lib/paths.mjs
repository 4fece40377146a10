import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const E2E_OUT = join(ROOT, '.output-e2e');
export const CHROME_EXT_DIR = join(E2E_OUT, 'chrome-mv3');
export const FIREFOX_EXT_DIR = join(E2E_OUT, 'firefox-mv2');
export const SCREENSHOTS_DIR = join(ROOT, 'docs', 'screenshots');
export const RESULT_SCREENSHOTS_DIR = join(ROOT, 'test-results', 'screenshots');
export const AXE_PATH = join(ROOT, 'node_modules', 'axe-core', 'axe.min.js');

/** The Firefox build's gecko id (wxt.config.ts) and the moz-extension:// host pinned for it. */
export const GECKO_ID = 'cobalt-picker@cobalt-picker.dev';
export const FIREFOX_UUID = 'c0ba17e2-e2e0-4c1c-9e2e-000000000e2e';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
