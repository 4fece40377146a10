// Downloads: from the popup, with failover, across a popup reopen, through the picker, the
// context menu and the keyboard command; a content error; an unsupported page; the extension's
// User-Agent. (The MV3 worker scenarios are in lifecycle.mjs.)
import assert from 'node:assert/strict';
import { badgeText, openPopupForJob, openPopupForTab, pageAndPopup } from '../lib/extension.mjs';
import { listFiles, waitForFiles } from '../lib/files.mjs';
import { checkInvariants, postedTo } from '../lib/invariants.mjs';
import { msg, msgPattern } from '../lib/messages.mjs';
import { PAGES } from '../lib/pages.mjs';
import { sleep, waitFor } from '../lib/report.mjs';
import { ui } from '../lib/ui.mjs';
import { newApiKey } from '../lib/world.mjs';
import {
  assertServedBytes,
  exactly,
  firstMsg,
  jobOf,
  screenshots,
  waitForInstances,
  waitForTrail,
  worldAndSession,
} from './common.mjs';

const ID = (url) => new URL(url).searchParams.get('v') ?? new URL(url).pathname;
/** Names of the instances whose POST / carried this media (by its id: normalisation may tidy the URL). */
const postedMedia = (world, url) =>
  Object.keys(world.servers).filter((n) =>
    world.posts(n).some((b) => String(b.url).includes(ID(url))),
  );

/** What every cobalt request from the extension must look like (docs/cobalt-api.md §3.2, §2). */
function assertWellFormedPosts(world, name) {
  for (const r of world.requests(name, { method: 'POST', path: '/' })) {
    assert.equal(r.headers.accept, 'application/json', 'Accept is exactly application/json');
    assert.equal(
      r.headers['content-type'],
      'application/json',
      'Content-Type is exactly application/json',
    );
    assert.ok(Buffer.byteLength(r.body) < 1024, 'the body stays under 1024 bytes');
  }
}

// ---------------------------------------------------------------------------------------------

/** Popup download on a supported page: the file lands with the right name and bytes. */
export async function popupDownload(env, t) {
  const { world, session } = await worldAndSession(
    env,
    t,
    { instances: { ok: { filename: 'e2e-popup-video.mp4', tunnelBytes: 31_337 } } },
    (w) => w.settings({ pinned: [w.origin('ok')] }),
  );
  t.step('popup on a YouTube page');
  const { popup, tabId } = await pageAndPopup(session, PAGES.youtube);
  await waitForInstances(popup, [world.host('ok')]);
  await popup.waitNoText(msgPattern('noticeBundled'));
  assert.equal(world.posts('ok').length, 0, 'opening the popup sends no page address');
  const badge = await waitFor(() => badgeText(session, tabId), { what: 'the badge of the tab' });
  assert.match(badge, /^([1-9]|9\+)$/, 'the badge counts the usable instances');
  await screenshots(env, popup.page, 'popup-ready');

  t.step('download');
  await popup.click('button', exactly('downloadButton'));
  const [file] = await waitForFiles(session.downloadsDir, 'e2e-popup-video.mp4');
  assertServedBytes(session, file, world.servers.ok, env.support);
  await popup.waitText(msgPattern('jobDoneVia', [world.host('ok')]));
  await popup.waitText(/e2e-popup-video\.mp4/);

  t.step('server logs');
  assert.deepEqual(postedMedia(world, PAGES.youtube), ['ok']);
  assert.equal(world.posts('ok').length, 1, 'exactly one POST /');
  assert.equal(
    world.posts('ok')[0].url,
    PAGES.youtube,
    'the page address, normalised, as the body url',
  );
  assertWellFormedPosts(world, 'ok');
  assert.equal(
    world.requests('ok', { method: 'GET', path: '/tunnel' }).length,
    1,
    'one tunnel fetch',
  );
  assert.deepEqual(listFiles(session.downloadsDir), [file], 'nothing else was saved');
  const job = await jobOf(session, tabId);
  assert.equal(job?.state, 'done');
  checkInvariants(world, { pageUrls: [PAGES.youtube] });
}

/**
 * Failover: the first instances hang / refuse / rate-limit / need a key; a Turnstile one and a
 * blocked one are never asked; the trail shows every step and the file still lands, served by
 * the user's own keyed instance.
 */
export async function failover(env, t) {
  const key = newApiKey();
  const otherKey = newApiKey();
  const { world, session } = await worldAndSession(
    env,
    t,
    {
      instances: {
        hang: { behavior: { kind: 'hang' } },
        turnstile: { turnstileSitekey: '0x4AAAAAAAe2eE2Ee2eE2Ee2' },
        refuse: {},
        limited: { behavior: { kind: 'rate-limited', retryAfter: '60', reset: '60' } },
        needkey: { apiKeys: [otherKey], authRequired: true },
        keyed: {
          apiKeys: [key],
          authRequired: true,
          filename: 'e2e-failover.mp4',
          tunnelBytes: 40_000,
        },
        blocked: {},
      },
    },
    (w) =>
      w.settings({
        pinned: ['hang', 'turnstile', 'refuse', 'limited', 'needkey', 'keyed'].map(w.origin),
        blocked: [w.origin('blocked')],
        myInstances: [{ origin: w.origin('keyed'), apiKey: key }],
        fallback: { hedgeMs: 500 },
      }),
  );
  const host = world.host;
  t.step('popup: probes done, the Turnstile instance excluded');
  const { popup, tabId } = await pageAndPopup(session, PAGES.youtube);
  await waitForInstances(popup, ['hang', 'refuse', 'limited', 'needkey', 'keyed'].map(host));
  await waitFor(
    async () => (await popup.instances()).some((r) => r.host === host('turnstile') && r.excluded),
    { timeoutMs: 10_000, what: 'the Turnstile instance excluded after its probe' },
  ).catch(async () => {
    throw new Error(
      `the Turnstile instance is not shown as excluded: ${JSON.stringify(await popup.instances())}`,
    );
  });
  // The user unfolds the excluded instances and reads why.
  await popup.click('summary', msgPattern('instancesExcluded'));
  await popup.waitText(msgPattern('reasonTurnstile'));
  const view = (await session.send('popup/snapshot', { tabId, jobId: null })).instances.find(
    (i) => i.origin === world.origin('turnstile'),
  );
  assert.ok(
    view?.excluded && view.reasons.some((r) => r.key === 'reasonTurnstile' && r.effect === '!'),
  );
  // The instance goes down after the probe said it was fine.
  await world.servers.refuse.setBehavior({ kind: 'refuse' });

  t.step('download through the failing instances');
  const started = Date.now();
  await popup.click('button', exactly('downloadButton'));
  const [file] = await waitForFiles(session.downloadsDir, 'e2e-failover.mp4', {
    timeoutMs: 30_000,
  });
  t.note(`failover to the 5th instance took ${Date.now() - started} ms`);
  assertServedBytes(session, file, world.servers.keyed, env.support);

  t.step('the trail shows each step');
  const order = ['hang', 'refuse', 'limited', 'needkey', 'keyed'].map(host);
  const trail = await waitForTrail(
    popup,
    (tr) => tr.some((s) => s.host === host('keyed') && s.outcome === 'ok'),
    { what: 'the trail ending at the keyed instance' },
  );
  const hosts = trail.map((s) => s.host);
  assert.deepEqual(
    hosts.filter((h) => order.includes(h)),
    order,
    `the trail lists the instances in the order tried: ${JSON.stringify(trail)}`,
  );
  const step = (name) => trail.find((s) => s.host === host(name));
  assert.equal(step('limited').outcome, 'failed');
  assert.equal(step('limited').message, firstMsg(['trail_rate_limited', 'trailRateLimited']));
  assert.equal(step('needkey').outcome, 'failed');
  assert.equal(step('needkey').message, firstMsg(['trail_needs_key', 'trailNeedsKey']));
  assert.equal(step('refuse').outcome, 'failed');
  assert.equal(step('refuse').message, firstMsg(['trail_unreachable', 'trailUnreachable']));
  assert.notEqual(step('hang').outcome, 'ok');
  assert.notEqual(step('hang').outcome, 'running', 'the hanging attempt is not left "trying"');
  assert.ok(!hosts.includes(host('turnstile')), 'the Turnstile instance is not tried');
  assert.ok(!hosts.includes(host('blocked')), 'the blocked instance is not tried');
  await popup.waitText(msgPattern('jobDoneVia', [host('keyed')]));

  t.step('server logs');
  const firstPost = (name) =>
    world.requests(name, { method: 'POST', path: '/' })[0]?.time ?? Infinity;
  assert.ok(firstPost('hang') <= firstPost('limited'), 'hang was asked before limited');
  assert.ok(firstPost('limited') <= firstPost('needkey'), 'limited before needkey');
  assert.ok(firstPost('needkey') <= firstPost('keyed'), 'needkey before keyed');
  assert.equal(world.posts('limited').length, 1, 'a rate-limited instance is not asked again');
  assert.equal(world.posts('needkey').length, 1);
  assert.equal(world.posts('keyed').length, 1);
  assert.equal(
    world.requests('keyed', { method: 'POST' })[0].headers.authorization,
    `Api-Key ${key}`,
    'the user key went to its instance',
  );
  assert.deepEqual(postedMedia(world, PAGES.youtube).sort(), [
    'hang',
    'keyed',
    'limited',
    'needkey',
  ]);
  for (const name of ['hang', 'limited', 'needkey', 'keyed']) assertWellFormedPosts(world, name);
  checkInvariants(world, {
    keys: { keyed: key },
    blocked: ['blocked'],
    turnstile: ['turnstile'],
    pageUrls: [PAGES.youtube],
  });
  const job = await jobOf(session, tabId);
  assert.equal(job?.servedBy, world.origin('keyed'));

  t.step('a second download: the rate-limited instance is left alone until its reset');
  await world.servers.keyed.configure({ filename: 'e2e-failover-2.mp4' });
  // The same page again: the popup asks first (settings "Download again": ask).
  await popup.click('button', exactly('downloadButton'));
  await popup.click('button', exactly('batchDownloadAgain'));
  const [file2] = await waitForFiles(session.downloadsDir, 'e2e-failover-2.mp4', {
    timeoutMs: 30_000,
  });
  assertServedBytes(session, file2, world.servers.keyed, env.support);
  assert.equal(
    world.posts('limited').length,
    1,
    'no request to an instance inside its rate-limit window',
  );
  const second = await jobOf(session, tabId);
  assert.ok(
    !second.trail.some((s) => s.origin === world.origin('limited') && s.outcome !== 'skipped'),
    `the second trail does not try the rate-limited instance: ${JSON.stringify(second.trail)}`,
  );
  checkInvariants(world, {
    keys: { keyed: key },
    blocked: ['blocked'],
    turnstile: ['turnstile'],
    pageUrls: [PAGES.youtube],
  });
}

/** The popup is closed and reopened mid-chain and shows the progress, then the result. */
export async function reopenMidChain(env, t) {
  const { world, session } = await worldAndSession(
    env,
    t,
    {
      instances: {
        slow: {
          behavior: { kind: 'slow', delayMs: 5_000 },
          filename: 'e2e-slow.mp4',
          tunnelBytes: 12_345,
        },
      },
    },
    // One attempt: the chain stays on the slow instance (no hedge to another one).
    (w) => w.settings({ pinned: [w.origin('slow')], fallback: { maxAttempts: 1 } }),
  );
  const slow = world.host('slow');
  t.step('start, then close the popup');
  const { popup, tabId } = await pageAndPopup(session, PAGES.youtube);
  await waitForInstances(popup, [slow]);
  await popup.click('button', exactly('downloadButton'));
  await popup.waitText(msgPattern('jobRunning'));
  await waitFor(() => world.posts('slow').length === 1, { what: 'the POST to reach the instance' });
  await popup.page.close();

  t.step('reopen: the progress is shown');
  await sleep(300);
  const again = await openPopupForTab(session, tabId);
  await again.waitText(msgPattern('jobRunning'));
  const trail = await waitForTrail(
    again,
    (tr) => tr.some((s) => s.host === slow && s.outcome === 'running'),
    {
      timeoutMs: 3_000,
      what: 'the running attempt',
    },
  );
  assert.equal(trail.length, 1);
  assert.equal(
    await again.state('button', exactly('downloadBusy')).then((s) => s?.disabled),
    true,
    'no second download while one runs',
  );

  t.step('and then the result');
  const [file] = await waitForFiles(session.downloadsDir, 'e2e-slow.mp4', { timeoutMs: 15_000 });
  assertServedBytes(session, file, world.servers.slow, env.support);
  await again.waitText(msgPattern('jobDoneVia', [slow]));
  assert.equal(world.posts('slow').length, 1, 'the reopen did not start a second request');

  t.step('the same job as a page (popup.html?job=)');
  const job = await jobOf(session, tabId);
  const jobPage = await openPopupForJob(session, job.id);
  await jobPage.waitText(msgPattern('jobDoneVia', [slow]));
  await jobPage.waitText(/e2e-slow\.mp4/);
  checkInvariants(world, { pageUrls: [PAGES.youtube] });
}

/** A multi-item post: the picker shows three items, two are chosen, both files land. */
export async function picker(env, t) {
  const { world, session } = await worldAndSession(
    env,
    t,
    {
      instances: { multi: { behavior: { kind: 'healthy', result: 'picker' }, tunnelBytes: 9_000 } },
    },
    (w) => w.settings({ pinned: [w.origin('multi')] }),
  );
  t.step('download a post with three items');
  const { popup } = await pageAndPopup(session, PAGES.twitterPost);
  await waitForInstances(popup, [world.host('multi')]);
  await popup.click('button', exactly('downloadButton'));
  await popup.waitText(msgPattern('pickerTitle', ['3']));
  assert.deepEqual(listFiles(session.downloadsDir), [], 'nothing is saved before the choice');
  await screenshots(env, popup.page, 'popup-picker');

  t.step('choose items 1 and 3');
  await popup.click('checkbox', msgPattern('pickerItem', ['1']));
  await popup.click('checkbox', msgPattern('pickerItem', ['3']));
  await popup.click('button', exactly('pickerDownloadSelected', ['2']));
  const files = await waitForFiles(session.downloadsDir, /^twitter-[123]\./, { count: 2 });
  assert.deepEqual(files.map((f) => f.replace(/\..*$/, '')).sort(), ['twitter-1', 'twitter-3']);
  await sleep(500);
  assert.equal(listFiles(session.downloadsDir).length, 2, 'only the chosen items were saved');
  for (const f of files) assertServedBytes(session, f, world.servers.multi, env.support);
  const cdn = world.requests('multi', { method: 'GET' }).filter((r) => r.path.startsWith('/cdn/'));
  assert.equal(cdn.length, 2, `two media fetches: ${cdn.map((r) => r.path)}`);
  assert.ok(
    cdn.every((r) => !/video_2/.test(r.path)),
    'item 2 was not fetched',
  );
  assert.equal(world.posts('multi').length, 1);
  checkInvariants(world, { pageUrls: [PAGES.twitterPost] });
}

/** A content error shows its message, and nothing else is tried. */
export async function contentError(env, t) {
  const { world, session } = await worldAndSession(
    env,
    t,
    {
      instances: {
        first: { behavior: { kind: 'error', code: 'error.api.content.post.private' } },
        second: { filename: 'e2e-never.mp4' },
      },
    },
    (w) => w.settings({ pinned: [w.origin('first'), w.origin('second')] }),
  );
  t.step('download a private post');
  const { popup, tabId } = await pageAndPopup(session, PAGES.twitterPost);
  await waitForInstances(popup, [world.host('first'), world.host('second')]);
  await popup.click('button', exactly('downloadButton'));
  await popup.waitText(msgPattern('error_private_title'));
  await popup.waitText(msgPattern('error_private_detail'));
  await popup.waitText(msgPattern('error_hint_content'));
  await screenshots(env, popup.page, 'popup-error');

  t.step('nothing else was tried');
  await sleep(1_000);
  assert.equal(world.posts('first').length, 1);
  assert.equal(world.posts('second').length, 0, 'the second instance was never asked');
  assert.deepEqual(listFiles(session.downloadsDir), []);
  const job = await jobOf(session, tabId);
  assert.equal(job?.state, 'failed');
  assert.equal(job?.error?.kind, 'content');
  assert.deepEqual(
    job.trail.map((s) => s.origin),
    [world.origin('first')],
  );
  checkInvariants(world, { pageUrls: [PAGES.twitterPost] });
}

/** Unsupported page: the popup explains, and the paste-a-link field downloads the pasted link. */
export async function unsupportedPaste(env, t) {
  const { world, session } = await worldAndSession(
    env,
    t,
    { instances: { ok: { filename: 'e2e-pasted-clip.mp4', tunnelBytes: 23_456 } } },
    (w) => w.settings({ pinned: [w.origin('ok')] }),
  );
  t.step('popup on an unsupported page');
  const { popup, tabId } = await pageAndPopup(session, PAGES.unsupported);
  await popup.waitText(msgPattern('unsupportedExplain'));
  assert.equal(await badgeText(session, tabId), '', 'no badge on a page cobalt cannot handle');
  await popup.waitText(msgPattern('pasteLinkHint'));
  assert.equal(
    world.requests('ok', { method: 'POST' }).length,
    0,
    'nothing is sent before the user acts',
  );
  await screenshots(env, popup.page, 'popup-unsupported');

  t.step('a bad paste is refused in plain words');
  await popup.fill('textbox', msg('pasteLinkLabel'), 'not a link');
  await popup.click('button', exactly('downloadButton'));
  await popup.waitText(msgPattern('pasteLinkInvalid'));
  assert.equal(world.requests('ok', { method: 'POST' }).length, 0);

  t.step('paste a link and download');
  await popup.fill('textbox', msg('pasteLinkLabel'), PAGES.pasted);
  await popup.click('button', exactly('downloadButton'));
  const [file] = await waitForFiles(session.downloadsDir, 'e2e-pasted-clip.mp4');
  assertServedBytes(session, file, world.servers.ok, env.support);
  assert.deepEqual(postedTo(world, PAGES.pasted), ['ok'], 'the pasted link went to the instance');
  assert.equal(world.posts('ok').length, 1, 'one request');
  await popup.waitText(msgPattern('jobDoneVia', [world.host('ok')]));
  checkInvariants(world, { pageUrls: [PAGES.pasted, PAGES.unsupported] });
  assert.deepEqual(postedMedia(world, PAGES.unsupported), [], "the page's own address never left");
}

/**
 * Context menu on a link, dispatching the real onClicked listener (Chromium): "Download" on a
 * link saves the link's media (not the page's); "Audio only" on the page sends audio mode.
 */
export async function contextMenu(env, t) {
  const { world, session } = await worldAndSession(
    env,
    t,
    { instances: { ok: { tunnelBytes: 7_777 } } },
    (w) => w.settings({ pinned: [w.origin('ok')] }),
  );
  const { page, tabId } = await session.openPage(PAGES.youtube);
  t.step('the menu items exist');
  const ids = ['cobalt-download', 'cobalt-download-audio', 'cobalt-download-mute'].flatMap((id) => [
    `${id}:target`,
    `${id}:page`,
  ]);
  for (const id of ids) {
    const res = await session.inWorker(
      (menuId) =>
        globalThis.chrome.contextMenus.update(menuId, {}).then(
          () => 'ok',
          (e) => String(e),
        ),
      id,
    );
    assert.equal(res, 'ok', `menu item ${id}: ${res}`);
  }

  t.step('Download on a link');
  const linkUrl = await page.evaluate(() => document.getElementById('linked').href);
  assert.equal(linkUrl, PAGES.youtubeLinked);
  await dispatchMenu(session, tabId, {
    menuItemId: 'cobalt-download:target',
    linkUrl,
    pageUrl: PAGES.youtube,
  });
  const [video] = await waitForFiles(session.downloadsDir, 'youtube_test_media.mp4');
  assertServedBytes(session, video, world.servers.ok, env.support);
  assert.equal(world.posts('ok').length, 1);
  assert.equal(world.posts('ok')[0].url, PAGES.youtubeLinked, "the link's address, not the page's");
  assert.equal(world.posts('ok')[0].downloadMode, undefined, 'auto mode is the default: not sent');

  t.step('Audio only on the page');
  await dispatchMenu(session, tabId, {
    menuItemId: 'cobalt-download-audio:page',
    pageUrl: PAGES.youtube,
  });
  const [audio] = await waitForFiles(session.downloadsDir, 'youtube_test_media.mp3');
  assertServedBytes(session, audio, world.servers.ok, env.support);
  assert.equal(world.posts('ok').length, 2);
  assert.equal(world.posts('ok')[1].url, PAGES.youtube);
  assert.equal(world.posts('ok')[1].downloadMode, 'audio');
  assertWellFormedPosts(world, 'ok');
  checkInvariants(world, { pageUrls: [PAGES.youtube, PAGES.youtubeLinked] });
}

/**
 * The context menu on a multi-item post: no popup is open, so the background opens the picker
 * as a page (popup.html?job=<jobId>); the item chosen there lands (Chromium).
 */
export async function contextMenuPicker(env, t) {
  const { world, session } = await worldAndSession(
    env,
    t,
    {
      instances: { multi: { behavior: { kind: 'healthy', result: 'picker' }, tunnelBytes: 6_000 } },
    },
    (w) => w.settings({ pinned: [w.origin('multi')] }),
  );
  const { tabId } = await session.openPage(PAGES.youtube);
  t.step('Download on a link to a post');
  await dispatchMenu(session, tabId, {
    menuItemId: 'cobalt-download:target',
    linkUrl: PAGES.twitterPost,
    pageUrl: PAGES.youtube,
  });
  const page = await session.waitForOpenedPage((url) =>
    url.startsWith(`${session.extOrigin}/popup.html?job=`),
  );
  const jobId = new URL(page.raw.url()).searchParams.get('job');
  const picker = ui(page);
  await picker.waitText(msgPattern('pickerTitle', ['3']));

  t.step('choose item 2 in the picker page');
  await picker.click('checkbox', msgPattern('pickerItem', ['2']));
  await picker.click('button', exactly('pickerDownloadSelected', ['1']));
  const [file] = await waitForFiles(session.downloadsDir, /^twitter-2\./);
  assertServedBytes(session, file, world.servers.multi, env.support);
  assert.equal(world.posts('multi')[0].url, PAGES.twitterPost, "the link's address was sent");
  const snap = await session.send('popup/snapshot', { tabId: null, jobId });
  assert.equal(snap.job?.id, jobId, 'the page shows the job it was opened for');
  checkInvariants(world, { pageUrls: [PAGES.twitterPost, PAGES.youtube] });
}

async function dispatchMenu(session, tabId, info) {
  const res = await session.inWorker(
    async ({ tabId, info }) => {
      const tab = await globalThis.chrome.tabs.get(tabId);
      globalThis.chrome.contextMenus.onClicked.dispatch(
        { editable: false, frameId: 0, ...info },
        tab,
      );
      return 'dispatched';
    },
    { tabId, info },
  );
  assert.equal(res, 'dispatched');
}

/** The keyboard command `download-page` downloads the active tab's page (Chromium). */
export async function keyboardCommand(env, t) {
  const { world, session } = await worldAndSession(
    env,
    t,
    { instances: { ok: { filename: 'e2e-shortcut.mp4', tunnelBytes: 5_555 } } },
    // No popup is open for a shortcut download: the notification says it is done.
    (w) => w.settings({ pinned: [w.origin('ok')], notifications: { onSuccess: true } }),
  );
  const { page, tabId } = await session.openPage(PAGES.youtube);
  await page.bringToFront();
  t.step('the command is declared');
  const commands = await session.inWorker(() => globalThis.chrome.commands.getAll());
  const command = commands.find((c) => c.name === 'download-page');
  assert.ok(command, `commands: ${JSON.stringify(commands)}`);
  assert.equal(command.description, msg('commandDownloadPage'));

  t.step('press it (dispatch the real listener)');
  const active = await session.inWorker(() =>
    globalThis.chrome.tabs
      .query({ active: true, lastFocusedWindow: true })
      .then((tabs) => tabs.map((x) => x.id)),
  );
  assert.deepEqual(active, [tabId], 'the service page is the active tab');
  await session.inWorker(async (id) => {
    const tab = await globalThis.chrome.tabs.get(id);
    globalThis.chrome.commands.onCommand.dispatch('download-page', tab);
  }, tabId);
  const [file] = await waitForFiles(session.downloadsDir, 'e2e-shortcut.mp4');
  assertServedBytes(session, file, world.servers.ok, env.support);
  assert.equal(world.posts('ok').length, 1);
  assert.equal(world.posts('ok')[0].url, PAGES.youtube);
  const job = await jobOf(session, tabId);
  assert.ok(
    job && (job.state === 'done' || job.state === 'downloading'),
    `job: ${JSON.stringify(job)}`,
  );
  checkInvariants(world, { pageUrls: [PAGES.youtube] });
}

/**
 * The extension identifies itself with a descriptive User-Agent on its own requests (feeds,
 * probes, cobalt requests): a DNR rule on Chromium, the plain header on Firefox. A web page's
 * own requests keep the browser's User-Agent.
 */
export async function userAgent(env, t) {
  const { world, session } = await worldAndSession(
    env,
    t,
    { instances: { ok: { filename: 'e2e-ua.mp4' } } },
    (w) => w.settings({ pinned: [w.origin('ok')] }),
  );
  t.step('feed, probe and download');
  const { popup } = await pageAndPopup(session, PAGES.youtube);
  await waitForInstances(popup, [world.host('ok')]);
  await waitFor(() => world.requests('ok', { method: 'GET', path: '/' }).length > 0, {
    what: 'a probe of the instance',
  });
  await popup.click('button', exactly('downloadButton'));
  await waitForFiles(session.downloadsDir, 'e2e-ua.mp4');

  t.step('a web page on 127.0.0.1 keeps the browser User-Agent');
  const pageUrl = `${world.tracker.url}/e2e/a-web-page`;
  await session.openPage(pageUrl);
  const fromPage = world.tracker.requests.find((r) => r.path === '/e2e/a-web-page');
  assert.ok(fromPage, 'the page was requested');
  assert.doesNotMatch(
    fromPage.headers['user-agent'] ?? '',
    /cobalt-picker/,
    'web pages are left alone',
  );

  t.step('every request of the extension carries its User-Agent');
  const wrong = [];
  const check = (what, ua) => {
    if (!/^cobalt-picker\//.test(ua ?? '')) wrong.push(`${what}: "${ua}"`);
  };
  for (const r of world.tracker.requests.filter(
    (r) => r.path === new URL(world.feedUrl).pathname,
  )) {
    check(`tracker GET ${r.path}`, r.headers['user-agent']);
  }
  for (const r of world.requests('ok', { method: 'GET', path: '/' }))
    check('probe GET /', r.headers['user-agent']);
  for (const r of world.requests('ok', { method: 'POST', path: '/' }))
    check('cobalt POST /', r.headers['user-agent']);
  if (wrong.length)
    throw new Error(`requests that do not identify the extension:\n${wrong.join('\n')}`);
}

/**
 * Three healthy instances that each take 2.5 s to answer `POST /`, as real cobalt instances do
 * (they fetch the page from the service first), on a fresh profile with the default fallback
 * settings. The first download waits for the first instance instead of handing the page URL to
 * the others; nobody is marked failed; the next download goes to the same instance.
 */
export async function slowHealthyInstances(env, t) {
  const names = ['first', 'second', 'third'];
  const { world, session } = await worldAndSession(
    env,
    t,
    {
      instances: Object.fromEntries(
        names.map((name) => [
          name,
          {
            behavior: { kind: 'slow', delayMs: 2_500 },
            filename: `e2e-slow-${name}.mp4`,
            tunnelBytes: 12_345,
          },
        ]),
      ),
    },
    // The product's own fallback settings, not the e2e world's short hedge.
    (w) => w.settings({ fallback: { maxAttempts: 5, deadlineMs: 45_000, hedgeMs: 20_000 } }),
  );
  const pages = [PAGES.youtube, PAGES.youtubeLinked];
  let servedBy = null;
  for (const [i, page] of pages.entries()) {
    t.step(`download ${i + 1}`);
    const { popup, tabId } = await pageAndPopup(session, page);
    await waitForInstances(popup, names.map(world.host));
    await popup.click('button', exactly('downloadButton'));
    await waitFor(async () => (await jobOf(session, tabId))?.state === 'done', {
      timeoutMs: 30_000,
      what: `download ${i + 1} to land`,
    });
    const job = await jobOf(session, tabId);
    const recipients = postedMedia(world, page);
    assert.equal(recipients.length, 1, `only one instance received the page URL: ${recipients}`);
    const [name] = recipients;
    assert.equal(world.posts(name).filter((b) => String(b.url).includes(ID(page))).length, 1);
    assert.equal(job.servedBy, world.origin(name), 'served by the instance that was asked');
    assert.deepEqual(
      job.trail.map((e) => e.outcome),
      ['ok'],
      'one attempt, no hedge, nothing cancelled',
    );
    if (servedBy) assert.equal(name, servedBy, 'the next download goes to the same instance');
    servedBy = name;
    await popup.page.close();
  }
  await waitForFiles(session.downloadsDir, `e2e-slow-${servedBy}.mp4`);

  t.step('no instance is marked failed');
  const { diagnostics } = await session.send('options/snapshot', {});
  for (const name of names) {
    const row = diagnostics.find((r) => r.origin === world.origin(name));
    assert.ok(row, `${name} is listed in the diagnostics`);
    assert.equal(row.health.failed, 0, `${name} has no failure recorded`);
    assert.deepEqual(row.health.quarantined, [], `${name} is not quarantined`);
  }
  const others = names.filter((n) => n !== servedBy);
  for (const name of others)
    assert.equal(world.posts(name).length, 0, `${name} never saw a page URL`);
  checkInvariants(world, { pageUrls: pages });
}

/**
 * Where a download may point (docs/security.md): one instance redirects to the user's router,
 * one hands out a tunnel on another site; both are refused with a plain-words trail entry,
 * nothing is fetched from either address, and the file comes from the next instance.
 */
export async function refusedTargets(env, t) {
  const { world, session } = await worldAndSession(
    env,
    t,
    {
      instances: {
        lan: { behavior: { kind: 'healthy', result: 'redirect' } },
        foreign: {},
        ok: { filename: 'e2e-target.mp4', tunnelBytes: 12_345 },
      },
    },
    (w) => w.settings({ pinned: ['lan', 'foreign', 'ok'].map(w.origin) }),
  );
  await world.servers.lan.configure({ cdnOrigin: 'http://192.168.1.1' });
  await world.servers.foreign.configure({ tunnelOrigin: 'https://bank.example.org' });
  const mark = env.guard.mark();
  t.step('download: the LAN redirect and the foreign tunnel are refused');
  const { popup, tabId } = await pageAndPopup(session, PAGES.youtube);
  await waitForInstances(popup, ['lan', 'foreign', 'ok'].map(world.host));
  await popup.click('button', exactly('downloadButton'));
  const [file] = await waitForFiles(session.downloadsDir, 'e2e-target.mp4', { timeoutMs: 30_000 });
  assertServedBytes(session, file, world.servers.ok, env.support);
  assert.deepEqual(listFiles(session.downloadsDir), [file], 'nothing else was saved');
  const trail = await waitForTrail(
    popup,
    (tr) => tr.some((s) => s.host === world.host('ok') && s.outcome === 'ok'),
    { what: 'the trail ending at the healthy instance' },
  );
  const step = (name) => trail.find((s) => s.host === world.host(name));
  assert.equal(step('lan')?.outcome, 'failed');
  assert.equal(step('lan')?.message, msg('trail_target_local_network'));
  assert.equal(step('foreign')?.outcome, 'failed');
  assert.equal(step('foreign')?.message, msg('trail_target_foreign_tunnel'));
  await popup.waitText(msgPattern('jobDoneVia', [world.host('ok')]));
  const job = await jobOf(session, tabId);
  assert.equal(job?.servedBy, world.origin('ok'));
  const tried = env.guard.since(mark).map((r) => r.host);
  assert.ok(
    !tried.includes('192.168.1.1') && !tried.includes('bank.example.org'),
    `nothing was fetched from the refused addresses: ${JSON.stringify(tried)}`,
  );
  checkInvariants(world, { pageUrls: [PAGES.youtube] });
}

/**
 * The user's own instance on 127.0.0.1 (settings "My instances") works: self-hosting keeps
 * working, its tunnels on its own origin are downloaded.
 */
export async function ownLoopbackInstance(env, t) {
  const { world, session } = await worldAndSession(
    env,
    t,
    { instances: { mine: { filename: 'e2e-mine.mp4', tunnelBytes: 7_777 } } },
    (w) => {
      const literal = `http://127.0.0.1:${new URL(w.origin('mine')).port}`;
      return w.settings({ pinned: [literal], myInstances: [{ origin: literal }] });
    },
  );
  const literal = `http://127.0.0.1:${new URL(world.origin('mine')).port}`;
  // A self-hosted cobalt on this machine has API_URL=http://127.0.0.1:<port>/.
  await world.servers.mine.configure({ tunnelOrigin: literal });
  t.step('download through the own instance on 127.0.0.1');
  const { popup, tabId } = await pageAndPopup(session, PAGES.youtube);
  await popup.click('button', exactly('downloadButton'));
  const [file] = await waitForFiles(session.downloadsDir, 'e2e-mine.mp4', { timeoutMs: 30_000 });
  assertServedBytes(session, file, world.servers.mine, env.support);
  const job = await jobOf(session, tabId);
  assert.equal(job?.servedBy, literal);
}

/**
 * A tunnel that dies half-way (docs/security.md "Downloads that break"): the browser reports the
 * download interrupted, the extension removes the partial file, says it is retrying on the next
 * instance, and the complete file lands from there under the same name, with nothing else left.
 */
export const brokenTunnelRetried = (env, t) =>
  transferFaultRetried(env, t, {
    fault: 'break-half',
    first: 'breaks',
    filename: 'e2e-retry.mp4',
    tunnelBytes: 1_000_000,
    step: 'download: the first tunnel breaks at 50 %, the next instance serves',
    seeRetrying: true,
  });

/**
 * A tunnel that sends its headers and then never a byte, and never closes: to the browser a
 * download in progress at 0 bytes for good, as Chromium leaves one when several tunnels of one
 * instance break at once (docs/testing.md). The stall watchdog (lib/app/download-watchdog.ts; the
 * e2e build's period is 5 s, entrypoints/background) ends it as a broken transfer: the partial
 * file goes, the instance's step says the download broke, and the next instance serves the file.
 */
export const stalledTunnelRetried = (env, t) =>
  transferFaultRetried(env, t, {
    fault: 'stall',
    first: 'stalls',
    filename: 'e2e-stall.mp4',
    tunnelBytes: 100_000,
    step: 'download: the first tunnel stalls at 0 bytes, the watchdog ends it, the next serves',
    seeRetrying: false,
  });

/**
 * The first instance's transfer fails (`fault`); the second instance, slower to answer so the
 * first one's tunnel is the one downloaded (and slow enough for the popup to show where it
 * retries), serves the whole file: one file with its bytes, no partial, a trail that says the
 * first download broke.
 */
async function transferFaultRetried(
  env,
  t,
  { fault, first, filename, tunnelBytes, step, seeRetrying },
) {
  const { world, session } = await worldAndSession(
    env,
    t,
    {
      instances: {
        [first]: { filename, tunnelBytes, tunnelFault: fault },
        whole: { filename, tunnelBytes: 23_456, behavior: { kind: 'slow', delayMs: 2500 } },
      },
    },
    (w) => w.settings({ pinned: [first, 'whole'].map(w.origin) }),
  );
  t.step(step);
  const { popup, tabId } = await pageAndPopup(session, PAGES.youtube);
  await waitForInstances(popup, [first, 'whole'].map(world.host));
  await popup.click('button', exactly('downloadButton'));
  if (seeRetrying) await popup.waitText(msgPattern('jobRetryingOn', [world.host('whole')]));
  const [file] = await waitForFiles(session.downloadsDir, filename, { timeoutMs: 30_000 });
  assertServedBytes(session, file, world.servers.whole, env.support);
  assert.deepEqual(listFiles(session.downloadsDir), [file], 'no partial or second copy is left');
  const trail = await waitForTrail(
    popup,
    (tr) => tr.some((s) => s.host === world.host('whole') && s.outcome === 'ok'),
    { what: 'the trail ending at the second instance' },
  );
  const failed = trail.find((s) => s.host === world.host(first));
  assert.equal(failed?.outcome, 'failed');
  assert.equal(failed?.message, msg('trail_download_broken'));
  const job = await jobOf(session, tabId);
  assert.equal(job?.servedBy, world.origin('whole'));
  assert.equal(job?.state, 'done');
  checkInvariants(world, { pageUrls: [PAGES.youtube] });
}
