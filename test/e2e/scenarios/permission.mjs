// An instance that answers without an Access-Control-Allow-Origin for the extension
// (docs/cobalt-api.md §3.2): the real browser's CORS check shuts the extension out until the user
// grants host access for its origin. The instance is named in `ungranted.test`, which the e2e
// build's host permissions (`*.cobalt.test`, wxt.config.ts) do not cover.
import assert from 'node:assert/strict';
import { pageAndPopup } from '../lib/extension.mjs';
import { waitForFiles } from '../lib/files.mjs';
import { msg } from '../lib/messages.mjs';
import { PAGES } from '../lib/pages.mjs';
import { assertServedBytes, exactly, jobOf, worldAndSession } from './common.mjs';

const CLOSED = {
  closed: {
    domain: 'ungranted.test',
    // CORS_WILDCARD=0 with a CORS_URL that is not the extension.
    corsUrl: 'https://cobalt.example',
    filename: 'e2e-permission.mp4',
    tunnelBytes: 12_345,
  },
};

async function closedInPopup(env, t) {
  const { world, session } = await worldAndSession(env, t, { instances: CLOSED });
  t.step('the popup shows the instance as needing permission');
  const { popup, tabId } = await pageAndPopup(session, PAGES.youtube);
  await popup.waitText(new RegExp(msg('instancesNeedPermission', [1]).replace(/[()]/g, '\\$&')), {
    timeoutMs: 15_000,
  });
  await popup.waitText(new RegExp(msg('tagNeedsPermission')));
  assert.equal(world.posts('closed').length, 0, 'nothing was sent to it but GET /');
  return { world, session, popup, tabId };
}

/**
 * Chromium: detection only. Its permission prompt is a browser dialog no automation answers (after
 * a real click on "Allow access" the request stays pending, neither granted nor refused), so the
 * grant runs in Firefox here and in test/integration/engine-instance-facts.test.ts.
 */
export async function needsPermissionShown(env, t) {
  const { world } = await closedInPopup(env, t);
  const gets = world.requests('closed', { method: 'GET', path: '/' });
  assert.ok(gets.length >= 2, 'a readable GET / and a no-cors GET / reached it');
}

/** Firefox: needs permission → "Allow access" → granted → the download goes through it. */
export async function needsPermissionGranted(env, t) {
  const { world, session, popup, tabId } = await closedInPopup(env, t);
  t.step('Allow access (the prompt is answered yes by extensions.webextOptionalPermissionPrompts)');
  // A real click through the driver's input (the page's own el.click() is no user gesture, and
  // Firefox refuses permissions.request without one; the popup then says access was not granted).
  assert.equal(
    await popup.page.evaluate(
      () => document.querySelector('.inst-actions button.primary')?.textContent,
    ),
    msg('actAllowAccess'),
  );
  await popup.page.raw.click('.inst-actions button.primary');
  await popup.waitNoText(new RegExp(msg('tagNeedsPermission')), { timeoutMs: 15_000 });
  t.step('download through it');
  await popup.click('button', exactly('downloadButton'));
  const [file] = await waitForFiles(session.downloadsDir, 'e2e-permission.mp4', {
    timeoutMs: 30_000,
  });
  assertServedBytes(session, file, world.servers.closed, env.support);
  assert.equal((await jobOf(session, tabId))?.servedBy, world.origin('closed'));
}
