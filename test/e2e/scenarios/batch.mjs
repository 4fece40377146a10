// Many links at once: a page selection through the context menu, a paste of several links in
// the popup, the worker stopped mid-batch, and a link downloaded before (the user is asked).
import assert from 'node:assert/strict';
import { openPopupForTab, pageAndPopup } from '../lib/extension.mjs';
import { listFiles, waitForFiles } from '../lib/files.mjs';
import { checkInvariants } from '../lib/invariants.mjs';
import { msg, msgPattern } from '../lib/messages.mjs';
import { LISTED, PAGES } from '../lib/pages.mjs';
import { waitFor } from '../lib/report.mjs';
import { assertServedBytes, exactly, screenshots, worldAndSession } from './common.mjs';

/** Every file the test server names for a YouTube video (the browser numbers repeats). */
const VIDEO_FILES = /^youtube_test_media( ?\(\d+\))?\.mp4$/;
const PRIVATE = 'https://www.youtube.com/watch?v=e2ePrivate9';
const INSTAGRAM = 'https://www.instagram.com/p/e2eBreak003';

const batchState = (session) => session.send('batch/state', {});
/** The links instance `name` was asked for, sorted. */
const postedLinks = (world, name) =>
  world
    .posts(name)
    .map((b) => b.url)
    .sort();

async function waitForBatchEnd(session, what) {
  return waitFor(
    async () => {
      const view = await batchState(session);
      return view.endedAt !== null ? view : null;
    },
    { timeoutMs: 30_000, what },
  );
}

/**
 * Selection → context menu → every service link in it is downloaded. Firefox: a real right-click
 * and Firefox's own menu; Chromium: the click dispatched to the real listener.
 */
export async function selectionBatch(env, t) {
  const { world, session } = await worldAndSession(
    env,
    t,
    { instances: { ok: { tunnelBytes: 4_321 } } },
    (w) => w.settings({ pinned: [w.origin('ok')] }),
  );
  const { page, tabId } = await session.openPage(PAGES.linkList);
  t.step('select the list of five videos and an article');
  const selected = await page.evaluate(() => {
    const range = document.createRange();
    range.selectNodeContents(document.getElementById('list'));
    const selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    return selection.toString();
  });
  // The addresses are only in the links: the selection's text alone names none of them.
  assert.doesNotMatch(selected, /youtube/);

  t.step('Download the links in this selection');
  if (env.browserName === 'firefox') {
    // Firefox: the user's right-click on the selected list opens Firefox's own menu, and its
    // item is chosen there (lib/firefox-driver.mjs contextMenuClick).
    await session.contextMenuClick(page, '#list a', msg('menuDownloadSelection'));
  } else {
    // Chromium cannot show its context menu to a test: the real listener is dispatched the
    // click Chromium would pass (the e2e build may script example.org: no activeTab grant).
    const res = await session.inWorker(
      async ({ tabId, selectionText, pageUrl }) => {
        const tab = await globalThis.chrome.tabs.get(tabId);
        globalThis.chrome.contextMenus.onClicked.dispatch(
          {
            menuItemId: 'cobalt-download-selection',
            editable: false,
            frameId: 0,
            selectionText,
            pageUrl,
          },
          tab,
        );
        return 'dispatched';
      },
      { tabId, selectionText: selected, pageUrl: PAGES.linkList },
    );
    assert.equal(res, 'dispatched');
  }
  const files = await waitForFiles(session.downloadsDir, VIDEO_FILES, { count: 5 });
  assert.equal(files.length, 5, 'five files on disk');
  const view = await waitForBatchEnd(session, 'the batch to end');
  assert.deepEqual(
    view.items.map((i) => [i.url, i.state]),
    LISTED.map((url) => [url, 'done']),
    'each of the five links, once, in page order; the article is left out',
  );
  assert.deepEqual(postedLinks(world, 'ok'), [...LISTED].sort());
  checkInvariants(world, { pageUrls: [...LISTED, PAGES.linkList] });
}

/** A paste of three links, one private: two files and one failure in plain words. */
export async function pasteBatch(env, t) {
  const { world, session } = await worldAndSession(
    env,
    t,
    {
      instances: {
        ok: {
          tunnelBytes: 3_210,
          links: { [PRIVATE]: { error: 'error.api.content.post.private' } },
        },
      },
    },
    (w) => w.settings({ pinned: [w.origin('ok')] }),
  );
  const { popup } = await pageAndPopup(session, PAGES.unsupported);
  t.step('paste three links; the popup lists them');
  // Two services, so each file's name says which link it came from (same-named files are the
  // selection scenario's case).
  const text = `${LISTED[0]}\n${PRIVATE}\nand ${PAGES.twitterPost}.`;
  await popup.fill('textbox', msg('pasteLinkLabel'), text);
  await popup.waitText(msgPattern('pasteLinksWill', ['3']));
  await popup.waitText(new RegExp(PRIVATE.replace(/[.?]/g, '\\$&')));
  await screenshots(env, popup.page, 'popup-paste');
  await popup.click('button', exactly('downloadLinksButton', ['3']));

  t.step('two files land; the private post fails alone, in plain words');
  const files = await waitForFiles(session.downloadsDir, /^(youtube|twitter)_test_media\.mp4$/, {
    count: 2,
  });
  assert.deepEqual(files.sort(), ['twitter_test_media.mp4', 'youtube_test_media.mp4']);
  const view = await waitForBatchEnd(session, 'the batch to end');
  assert.deepEqual(
    view.items.map((i) => [i.url, i.state, i.reason]),
    [
      [LISTED[0], 'done', null],
      [PRIVATE, 'failed', 'error_private_title'],
      [PAGES.twitterPost, 'done', null],
    ],
  );
  await popup.waitText(msgPattern('batchCounts', ['2', '1', '0', '0']));
  await popup.waitText(msgPattern('error_private_title'));
  // Queued: the field was emptied for the next paste; the queue shows the links.
  assert.equal((await popup.state('textbox', msg('pasteLinkLabel')))?.value, '');
  await screenshots(env, popup.page, 'popup-batch');
  assert.equal(
    world.posts('ok').filter((b) => b.url === PRIVATE).length,
    1,
    'a content error is not tried again',
  );
  assert.equal(listFiles(session.downloadsDir).length, 2, 'nothing else was saved');
  checkInvariants(world, {
    pageUrls: [LISTED[0], PAGES.twitterPost, PRIVATE, PAGES.unsupported],
  });
}

/**
 * Each item runs the single download's rules when its file breaks (docs/rules.md "Downloads
 * that break"): the first instance's tunnel dies at 50 %, so the partial file is removed and
 * the item goes to the next instance; three whole files land and nothing else is left.
 */
export async function batchTunnelBreaks(env, t) {
  const { world, session } = await worldAndSession(
    env,
    t,
    {
      instances: {
        // Its tunnel breaks half-way; the other two links it refuses (an instance error), so
        // one download breaks at a time: Chromium can leave several broken downloads from one
        // host in progress for good, which is the browser's matter, not the rule under test.
        breaks: {
          tunnelBytes: 1_000_000,
          tunnelFault: 'break-half',
          links: Object.fromEntries(
            [PAGES.twitterPost, INSTAGRAM].map((l) => [l, { error: 'error.api.fetch.critical' }]),
          ),
        },
        whole: { tunnelBytes: 4_567 },
      },
    },
    (w) => w.settings({ pinned: ['breaks', 'whole'].map(w.origin) }),
  );
  const { popup } = await pageAndPopup(session, PAGES.unsupported);
  t.step("paste three links; the first instance's tunnel breaks half-way");
  // Three services, three file names (see pasteBatch on Firefox and names).
  const links = [LISTED[0], PAGES.twitterPost, INSTAGRAM];
  await popup.fill('textbox', msg('pasteLinkLabel'), links.join('\n'));
  await popup.click('button', exactly('downloadLinksButton', ['3']));

  t.step('three whole files from the next instance, no partial file');
  const names = /^(youtube|twitter|instagram)_test_media\.mp4$/;
  const view = await waitForBatchEnd(session, 'the batch to end');
  assert.deepEqual(
    view.items.map((i) => [i.url, i.state, i.servedBy]),
    links.map((url) => [url, 'done', world.origin('whole')]),
  );
  const files = await waitForFiles(session.downloadsDir, names, { count: 3 });
  for (const file of files) assertServedBytes(session, file, world.servers.whole, env.support);
  assert.deepEqual(listFiles(session.downloadsDir).sort(), files.sort(), 'nothing else is left');
  await popup.waitText(msgPattern('batchCounts', ['3', '0', '0', '0']));
  // Which links each instance was asked for (one run in about ten showed the same POST twice at
  // the second instance within one attempt, with the item's `tried` naming it once). The first
  // instance is on trial (one link at a time, lib/batch/plan-batch.ts), so it may not have been
  // asked for the links it refuses; the YouTube link, first in the paste, went there first.
  const distinct = (name) => [...new Set(postedLinks(world, name))];
  assert.ok(distinct('breaks').includes(LISTED[0]), 'the YouTube link went to the first instance');
  assert.deepEqual(distinct('whole'), [...links].sort(), 'every link was asked of the second');
  checkInvariants(world, { pageUrls: [...links, PAGES.unsupported] });
}

/**
 * The two "stopped mid-batch" scenarios' start: four links on one pinned 2.5 s instance, the
 * batch started and its first POST arrived, so the stop comes while requests are in flight.
 */
async function startFourOnSlow(env, t) {
  const { world, session } = await worldAndSession(
    env,
    t,
    { instances: { slow: { behavior: { kind: 'slow', delayMs: 2_500 }, tunnelBytes: 2_222 } } },
    (w) => w.settings({ pinned: [w.origin('slow')] }),
  );
  t.step('start a batch of four');
  const links = LISTED.slice(0, 4);
  const started = await session.send('batch/start', {
    text: links.join('\n'),
    mode: 'auto',
    again: null,
  });
  assert.deepEqual(started, { added: 4, asked: [] });
  await waitFor(() => world.posts('slow').length >= 1, { what: 'the first POST' });
  return { world, session, links };
}

/** The MV3 worker stopped mid-batch: the stored queue is picked up again and finishes. */
export async function batchWorkerStopped(env, t) {
  const { world, session, links } = await startFourOnSlow(env, t);

  t.step('stop the worker while requests are in flight');
  await session.stopWorker();
  const stored = await session.control(() => globalThis.chrome.storage.local.get('batchQueue'));
  const states = stored.batchQueue?.value?.items?.map((i) => i.state) ?? [];
  t.note(`stored when stopped: ${states.join(', ')}`);
  assert.ok(
    states.length === 4 && states.some((s) => s !== 'done'),
    `the batch was mid-way when the worker stopped (${states.join(', ')})`,
  );

  t.step('any wake-up (the popup here) picks the stored queue up again');
  const { tabId } = await session.openPage(PAGES.unsupported);
  const popup = await openPopupForTab(session, tabId);
  const files = await waitForFiles(session.downloadsDir, VIDEO_FILES, {
    count: 4,
    timeoutMs: 30_000,
  });
  assert.ok(files.length >= 4);
  const view = await waitForBatchEnd(session, 'the batch to end after the restart');
  assert.deepEqual(
    view.items.map((i) => i.state),
    ['done', 'done', 'done', 'done'],
  );
  await popup.waitText(msgPattern('batchCounts', ['4', '0', '0', '0']));
  checkInvariants(world, { pageUrls: [...links, PAGES.unsupported] });
}

/**
 * Firefox: the browser quits mid-batch and starts again. Firefox's build has a persistent
 * background page, not a worker that idles out: for a user it stops when Firefox quits (or the
 * add-on is updated), and the issue asks the queue to survive the browser restarting. So this
 * scenario runs in a browser of its own with the add-on installed in its profile
 * (lib/firefox-driver.mjs launchFirefoxInstalled: a temporary add-on would be uninstalled, its
 * storage with it, at the quit), quits Firefox the way a user does and starts it again on the
 * same profile. Nothing else wakes the add-on: it starts with the browser, reads the stored
 * queue and finishes it.
 */
export async function batchBrowserRestarted(env, t) {
  assert.ok(env.launchInstalled, 'this scenario needs a browser whose add-on survives a restart');
  const { world, session, links } = await startFourOnSlow(
    { ...env, launch: env.launchInstalled },
    t,
  );

  t.step('quit Firefox while requests are in flight, and start it again');
  const states = await storedStates(session);
  t.note(`stored before the quit: ${states.join(', ')}`);
  assert.ok(
    states.length === 4 && states.some((s) => s !== 'done'),
    `the batch was mid-way when Firefox quit (${states.join(', ')})`,
  );
  const postsBefore = world.posts('slow').length;
  await session.restartBrowser();

  t.step('the add-on starts with the browser and finishes the stored queue');
  const files = await waitForFiles(session.downloadsDir, VIDEO_FILES, {
    count: 4,
    timeoutMs: 30_000,
  });
  const view = await waitForBatchEnd(session, 'the batch to end after the restart');
  assert.deepEqual(
    view.items.map((i) => [i.url, i.state]),
    links.map((url) => [url, 'done']),
  );
  assert.equal(listFiles(session.downloadsDir).length, 4, `one file per link: ${files.join(', ')}`);
  assert.equal(
    world.requests('slow', { method: 'GET', path: '/tunnel' }).length,
    4,
    'each file fetched once',
  );
  // A request cut off by the quit got no answer, so its link is asked again after the start.
  assert.ok(world.posts('slow').length > postsBefore, 'the queue went on after the restart');
  const { tabId } = await session.openPage(PAGES.unsupported);
  const popup = await openPopupForTab(session, tabId);
  await popup.waitText(msgPattern('batchCounts', ['4', '0', '0', '0']));
  checkInvariants(world, { pageUrls: [...links, PAGES.unsupported] });
}

/** The state of each item of the stored queue (storage item `batchQueue`, {version, value}). */
async function storedStates(session) {
  const stored = await session.control(() =>
    (globalThis.browser ?? globalThis.chrome).storage.local.get('batchQueue'),
  );
  return stored.batchQueue?.value?.items?.map((i) => i.state) ?? [];
}

/** A link downloaded before: the popup asks first; "Skip them" downloads only the new one. */
export async function askBeforeAgain(env, t) {
  const { world, session } = await worldAndSession(
    env,
    t,
    { instances: { ok: { tunnelBytes: 1_234 } } },
    (w) => w.settings({ pinned: [w.origin('ok')] }),
  );
  t.step('download one link');
  await session.send('batch/start', { text: LISTED[0], mode: 'auto', again: null });
  await waitForFiles(session.downloadsDir, VIDEO_FILES);
  await waitForBatchEnd(session, 'the first batch to end');

  t.step('paste it again with a new one: the popup asks first');
  const { popup } = await pageAndPopup(session, PAGES.unsupported);
  await popup.fill('textbox', msg('pasteLinkLabel'), `${LISTED[0]}\n${LISTED[1]}`);
  await popup.click('button', exactly('downloadLinksButton', ['2']));
  await popup.waitText(msgPattern('batchAskTitle', ['1']));
  assert.equal(world.posts('ok').length, 1, 'nothing is sent before the user answers');

  t.step('skip it: only the new link is downloaded');
  await popup.click('button', exactly('batchAskSkip'));
  const files = await waitForFiles(session.downloadsDir, VIDEO_FILES, { count: 2 });
  assert.equal(files.length, 2);
  const view = await waitForBatchEnd(session, 'the second batch to end');
  assert.deepEqual(
    view.items.map((i) => [i.url, i.state]),
    [
      [LISTED[0], 'skipped'],
      [LISTED[1], 'done'],
    ],
  );
  assert.deepEqual(
    world.posts('ok').map((b) => b.url),
    [LISTED[0], LISTED[1]],
  );
  await popup.waitText(msgPattern('batchSkippedBefore'));
  checkInvariants(world, { pageUrls: [LISTED[0], LISTED[1], PAGES.unsupported] });
}

/** A picker's "Download all" goes through the queue: every item lands, cobalt is not asked again. */
export async function pickerDownloadAll(env, t) {
  const { world, session } = await worldAndSession(
    env,
    t,
    {
      instances: { multi: { behavior: { kind: 'healthy', result: 'picker' }, tunnelBytes: 6_000 } },
    },
    (w) => w.settings({ pinned: [w.origin('multi')] }),
  );
  t.step('a post with three items');
  const { popup } = await pageAndPopup(session, PAGES.twitterPost);
  await popup.click('button', exactly('downloadButton'));
  await popup.waitText(msgPattern('pickerTitle', ['3']));

  t.step('Download all: the post is in the queue and its three files land');
  await popup.click('button', exactly('pickerDownloadAll'));
  const files = await waitForFiles(session.downloadsDir, /^twitter-[123]\./, { count: 3 });
  assert.equal(files.length, 3);
  const view = await waitForBatchEnd(session, 'the queued post to end');
  assert.deepEqual(
    view.items.map((i) => [i.url, i.state]),
    [[PAGES.twitterPost, 'done']],
  );
  await popup.waitText(msgPattern('batchCounts', ['1', '0', '0', '0']));
  assert.equal(world.posts('multi').length, 1, 'the answer the picker had was used');
  checkInvariants(world, { pageUrls: [PAGES.twitterPost] });
}
