import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';

/**
 * Tracker feeds are fetched from the background; cobalt.directory sends no CORS headers, so
 * their origins need host permission. Instances themselves answer with
 * `Access-Control-Allow-Origin: *` (docs/cobalt-api.md §3.2), so they need none; a host permission
 * for an instance is only requested on the user's click: when they add it (self-hosted / custom
 * list), or when it "needs permission" (it answers with `CORS_WILDCARD=0`, components/host-access.ts).
 */
const TRACKER_HOSTS = [
  'https://instances.hyper.lol/*',
  'https://cobalt.directory/*',
  'https://instances.cobalt.best/*',
];

/** Any list or instance the user adds or allows: requested per origin, never at install. */
const OPTIONAL_HOSTS = ['https://*/*', 'http://*/*'];

/**
 * E2E builds (COBALT_PICKER_E2E=1) also reach the loopback test servers (by address and by name).
 * The Chromium one may also script the fake article page (example.org, served by the harness):
 * its test dispatches the menu click, which, unlike a user's click, grants no `activeTab`. The
 * Firefox test clicks Firefox's real menu, so the selection is read with `activeTab` alone.
 */
const E2E = process.env.COBALT_PICKER_E2E === '1';

export default defineConfig({
  srcDir: '.',
  entrypointsDir: 'entrypoints',
  outDir: E2E ? '.output-e2e' : '.output',
  // The e2e build's one difference in code: a shorter download stall period
  // (entrypoints/background E2E_DOWNLOAD_STALL_MS).
  vite: () => ({
    plugins: [preact()],
    define: { 'import.meta.env.COBALT_PICKER_E2E': JSON.stringify(E2E) },
  }),
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    permissions: [
      'storage',
      'alarms',
      'contextMenus',
      'downloads',
      'notifications',
      'tabs',
      // The links of a selection, read on the user's menu click (platform/selection.ts).
      'activeTab',
      'scripting',
      // offscreen: the document that muxes (platform/local-processor.ts); Firefox has no such API
      ...(browser === 'firefox' ? [] : ['declarativeNetRequestWithHostAccess', 'offscreen']),
    ],
    // The test servers are reached by name (h<port>.cobalt.test, test/support/loopback-names.ts).
    host_permissions: [
      ...TRACKER_HOSTS,
      ...(E2E ? ['http://127.0.0.1/*', 'http://*.cobalt.test/*'] : []),
      ...(E2E && browser !== 'firefox' ? ['https://example.org/*'] : []),
    ],
    // Asked for one origin at a time when the user adds a list or an instance
    // (components/host-access.ts). MV2 (the Firefox build) spells it optional_permissions.
    ...(browser === 'firefox'
      ? { optional_permissions: OPTIONAL_HOSTS }
      : { optional_host_permissions: OPTIONAL_HOSTS }),
    commands: {
      'download-page': {
        suggested_key: { default: 'Alt+Shift+D' },
        description: '__MSG_commandDownloadPage__',
      },
    },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'cobalt-picker@cobalt-picker.dev',
              strict_min_version: '142.0',
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {}),
  }),
});
