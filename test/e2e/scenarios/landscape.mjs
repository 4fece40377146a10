// Today's instance landscape: when no automatic instance can serve a link the popup hands it to
// an instance's own web app (a Turnstile one included, its API never asked); an instance that
// wants an API key is shown as such, the key is added in the options, and the next download
// goes through it.
import assert from 'node:assert/strict';
import { pageAndPopup } from '../lib/extension.mjs';
import { waitForFiles } from '../lib/files.mjs';
import { checkInvariants } from '../lib/invariants.mjs';
import { msgPattern } from '../lib/messages.mjs';
import { PAGES } from '../lib/pages.mjs';
import { waitFor } from '../lib/report.mjs';
import { ui } from '../lib/ui.mjs';
import { newApiKey } from '../lib/world.mjs';
import { assertServedBytes, exactly, waitForInstances, worldAndSession } from './common.mjs';

/** The address of every open tab, as the browser reports it. */
function tabUrls(session) {
  return session.control(() =>
    (globalThis.browser ?? globalThis.chrome).tabs
      .query({})
      .then((tabs) => tabs.map((tab) => tab.url || tab.pendingUrl || '')),
  );
}

/** Waits for a tab whose address passes `test` and returns every such address. */
async function waitForTab(session, test, what) {
  return waitFor(
    async () => {
      const urls = (await tabUrls(session)).filter(test);
      return urls.length > 0 ? urls : null;
    },
    { timeoutMs: 10_000, what },
  );
}

/**
 * Every automatic instance fails: the popup's error offers the Turnstile instance's web app; the
 * click opens exactly one tab at `<frontend>/#<link>`, and that instance's API was never asked.
 */
export async function handoffWhenAllFail(env, t) {
  const { world, session } = await worldAndSession(
    env,
    t,
    {
      instances: {
        gated: { turnstileSitekey: '0x4AAAAAAAe2eE2Ee2eE2Ee2', feed: { turnstile: true } },
        broken: { behavior: { kind: 'server-error' } },
      },
    },
    (w) => {
      // The web app lives on another loopback origin than the API (here: the tracker's).
      w.publish({ gated: { frontEnd: w.tracker.url } });
      return w.settings({ pinned: [w.origin('broken')], fallback: { maxAttempts: 1 } });
    },
  );
  const webApp = new URL(world.tracker.url);
  t.step('popup: download, every automatic instance fails');
  const { popup } = await pageAndPopup(session, PAGES.youtube);
  await waitForInstances(popup, [world.host('broken')]);
  await popup.click('button', exactly('downloadButton'));
  const offer = exactly('handoffOpen', [webApp.host]);
  await waitFor(async () => (await popup.state('button', offer)) !== null, {
    timeoutMs: 20_000,
    what: "the error's hand-off to the web app",
  });
  assert.deepEqual(
    await tabUrls(session).then((urls) => urls.filter((u) => u.startsWith(webApp.origin))),
    [],
    'nothing opens before the click',
  );

  t.step('the click opens one tab at <frontend>/#<link>');
  await popup.click('button', offer);
  const expected = `${webApp.origin}/#${encodeURIComponent(PAGES.youtube)}`;
  const opened = await waitForTab(session, (u) => u.startsWith(webApp.origin), 'the web app tab');
  assert.deepEqual(opened, [expected]);
  assert.deepEqual(world.requests('gated'), [], "the Turnstile instance's API got no request");
  checkInvariants(world, { turnstile: ['gated'], pageUrls: [PAGES.youtube] });
}

/**
 * An instance answering `error.api.auth.key.missing` is shown as "needs a key"; "Add a key"
 * opens options → My instances with its origin; the key is saved and tested; the next download
 * goes through it, with the key sent to that origin only.
 */
export async function keyNeeded(env, t) {
  const key = newApiKey();
  const { world, session } = await worldAndSession(
    env,
    t,
    {
      instances: {
        keyed: {
          apiKeys: [key],
          authRequired: true,
          filename: 'e2e-keyed.mp4',
          tunnelBytes: 12_345,
        },
      },
    },
    (w) => w.settings({ pinned: [w.origin('keyed')], fallback: { maxAttempts: 1 } }),
  );
  const origin = world.origin('keyed');
  t.step('a download without a key: the instance asks for one');
  const first = await pageAndPopup(session, PAGES.youtube);
  await waitForInstances(first.popup, [world.host('keyed')]);
  await first.popup.click('button', exactly('downloadButton'));
  await first.popup.waitText(msgPattern('instancesNeedKey', [1]), { timeoutMs: 20_000 });
  await first.popup.waitText(msgPattern('reasonNeedsKey'));
  assert.equal(world.posts('keyed').length, 1);
  assert.equal(world.requests('keyed', { method: 'POST' })[0].headers.authorization, undefined);

  t.step('"Add a key" opens options → My instances with the origin filled in');
  await first.popup.click('button', exactly('actAddKey'));
  const [address] = await waitForTab(
    session,
    (u) => u.startsWith(`${session.extOrigin}/options.html#mine?`),
    'the options tab',
  );
  const fragment = address.slice(address.indexOf('#'));
  const options = ui(await session.openExtensionPage(`options.html${fragment}`));
  await options.waitText(msgPattern('secMine'));
  assert.equal((await options.state('textbox', exactly('myInstanceOrigin')))?.value, origin);

  t.step('key added, saved and tested');
  await options.fill('textbox', exactly('myInstanceKey'), key);
  await options.click('button', exactly('myInstanceAdd'));
  await options.click('button', exactly('saveButton'));
  await options.waitText(msgPattern('saved'));
  await options.click('button', exactly('testKeyNamed', [origin]));
  await options.waitText(msgPattern('testOk', ['YouTube']), { timeoutMs: 15_000 });

  t.step('the next download goes through it, with the key');
  await world.servers.keyed.configure({ filename: 'e2e-keyed-2.mp4' });
  const second = await pageAndPopup(session, PAGES.youtube);
  await second.popup.waitNoText(msgPattern('instancesNeedKey', [1]));
  await second.popup.click('button', exactly('downloadButton'));
  const [file] = await waitForFiles(session.downloadsDir, 'e2e-keyed-2.mp4');
  assertServedBytes(session, file, world.servers.keyed, env.support);
  const posts = world.requests('keyed', { method: 'POST', path: '/' });
  assert.equal(posts.at(-1).headers.authorization, `Api-Key ${key}`);
  checkInvariants(world, { keys: { keyed: key }, pageUrls: [PAGES.youtube] });
}
