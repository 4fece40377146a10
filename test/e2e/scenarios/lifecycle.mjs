// MV3 lifecycle (Chromium): the service worker stopped mid-chain, woken after the deadline, and
// stopped while the browser saves the file. The job resumes or fails in plain words; nothing is
// ever left "running" or "downloading".
import assert from 'node:assert/strict';
import { jobsInStorage, openPopupForTab, pageAndPopup } from '../lib/extension.mjs';
import { listFiles, readFile, waitForFiles } from '../lib/files.mjs';
import { checkInvariants } from '../lib/invariants.mjs';
import { msg, msgPattern } from '../lib/messages.mjs';
import { PAGES } from '../lib/pages.mjs';
import { sleep, waitFor } from '../lib/report.mjs';
import { assertServedBytes, exactly, jobOf, waitForInstances, worldAndSession } from './common.mjs';

/**
 * MV3 lifecycle: the service worker is stopped mid-chain (CDP ServiceWorker.stopAllWorkers).
 * Reopening the popup wakes it; the chain resumes (the file lands) or the user sees a clear
 * failure, never a job stuck "running" / "downloading".
 */
export async function workerStopped(env, t) {
  const { world, session } = await worldAndSession(
    env,
    t,
    {
      instances: {
        slow: {
          behavior: { kind: 'slow', delayMs: 4_000 },
          filename: 'e2e-resumed.mp4',
          tunnelBytes: 8_888,
        },
      },
    },
    (w) => w.settings({ pinned: [w.origin('slow')], fallback: { hedgeMs: 10_000 } }),
  );
  t.step('start a download');
  const { popup, tabId } = await pageAndPopup(session, PAGES.youtube);
  await waitForInstances(popup, [world.host('slow')]);
  await popup.click('button', exactly('downloadButton'));
  await waitFor(() => world.posts('slow').length === 1, { what: 'the POST to reach the instance' });
  await popup.page.close();

  t.step('stop the service worker mid-chain');
  await session.stopWorker();
  const stoppedAt = Date.now();

  t.step('reopen the popup');
  const again = await openPopupForTab(session, tabId);
  const doneText = msgPattern('jobDoneVia', [world.host('slow')]);
  let outcome = null;
  await waitFor(
    async () => {
      const text = await again.text();
      const job = await jobOf(session, tabId);
      if (job?.state === 'done' && doneText.test(text)) outcome = 'resumed';
      else if (job?.state === 'failed' && job.error) outcome = 'failed';
      return outcome;
    },
    { timeoutMs: 30_000, what: 'the job to finish or fail clearly after the restart' },
  ).catch(async () => {
    const job = await jobOf(session, tabId).catch(() => null);
    throw new Error(
      `after the worker stopped, the job stayed "${job?.state}" for 30 s (stuck): ${JSON.stringify(job)}\npopup: ${(await again.text()).slice(0, 500)}`,
    );
  });
  t.note(`after the stop: ${outcome} in ${Date.now() - stoppedAt} ms`);
  if (outcome === 'resumed') {
    const [file] = await waitForFiles(session.downloadsDir, 'e2e-resumed.mp4');
    assertServedBytes(session, file, world.servers.slow, env.support);
    assert.ok(world.posts('slow').length >= 2, 'the chain was resumed (asked again)');
  } else {
    await assertErrorShown(again, (await jobOf(session, tabId)).error);
  }
  const stored = await jobsInStorage(session);
  const stuck = (Array.isArray(stored) ? stored : []).filter((j) => j.state === 'running');
  assert.deepEqual(stuck, [], 'no job is left running in storage');
  checkInvariants(world, { pageUrls: [PAGES.youtube] });
}

/**
 * The job's error is shown in its own words: its title and detail keys exist in the locale
 * (otherwise the popup falls back to the generic "The download failed") and are on screen.
 */
async function assertErrorShown(popup, error) {
  assert.ok(error?.titleKey, `the job carries an error: ${JSON.stringify(error)}`);
  for (const key of [error.titleKey, error.detailKey]) {
    try {
      msg(key, error.params ?? []);
    } catch {
      throw new Error(
        `the job's error key "${key}" is not in _locales/en/messages.json, so the popup shows the generic "${msg('error_generic_title')}" instead of saying what happened (error: ${JSON.stringify(error)})`,
      );
    }
  }
  await popup.waitText(msgPattern(error.titleKey, error.params ?? []));
  await popup.waitText(msgPattern(error.detailKey, error.params ?? []));
}

/**
 * MV3 lifecycle, the other branch: the worker is stopped mid-chain and only woken after the
 * chain's deadline has passed, so the job cannot resume; the popup must say it failed, in
 * plain words, and nothing stays "running".
 */
export async function workerStoppedPastDeadline(env, t) {
  const { world, session } = await worldAndSession(
    env,
    t,
    {
      instances: {
        slow: { behavior: { kind: 'slow', delayMs: 30_000 }, filename: 'e2e-never.mp4' },
      },
    },
    (w) =>
      w.settings({ pinned: [w.origin('slow')], fallback: { maxAttempts: 1, deadlineMs: 5_000 } }),
  );
  t.step('start a download');
  const { popup, tabId } = await pageAndPopup(session, PAGES.youtube);
  await waitForInstances(popup, [world.host('slow')]);
  await popup.click('button', exactly('downloadButton'));
  await waitFor(() => world.posts('slow').length === 1, { what: 'the POST to reach the instance' });
  await popup.page.close();

  t.step('stop the worker and wait past the deadline');
  await session.stopWorker();
  await sleep(6_000);

  t.step('reopen the popup');
  const again = await openPopupForTab(session, tabId);
  const job = await waitFor(
    async () => {
      const j = await jobOf(session, tabId);
      return j?.state === 'failed' ? j : null;
    },
    { timeoutMs: 10_000, what: 'the interrupted job to be failed' },
  );
  assert.ok(
    !job.trail.some((s) => s.outcome === 'running'),
    `no attempt is left "trying": ${JSON.stringify(job.trail)}`,
  );
  await assertErrorShown(again, job.error);
  assert.equal(
    world.posts('slow').length,
    1,
    'an interrupted chain past its deadline is not retried',
  );
  const stored = await jobsInStorage(session);
  assert.deepEqual(
    stored.filter((j) => j.state === 'running'),
    [],
    'no job is left running in storage',
  );
  assert.deepEqual(listFiles(session.downloadsDir), []);
}

/**
 * A tunnel that streams slowly, standing in for a long download: the instance's tunnel URLs
 * point here (its API_URL, `tunnelOrigin`), and this server sends `bytes` over `ms`.
 */
async function startSlowTunnel({ filename, bytes, ms }) {
  const { createServer } = await import('node:http');
  const served = { started: 0, finished: 0 };
  const server = createServer((req, res) => {
    served.started += 1;
    res.writeHead(200, {
      'Content-Type': 'video/mp4',
      'Content-Length': String(bytes.length),
      'Content-Disposition': `attachment; filename="${filename}"`,
    });
    const chunks = 8;
    const size = Math.ceil(bytes.length / chunks);
    let i = 0;
    const timer = setInterval(() => {
      res.write(bytes.subarray(i * size, (i + 1) * size));
      i += 1;
      if (i >= chunks) {
        clearInterval(timer);
        res.end();
        served.finished += 1;
      }
    }, ms / chunks);
    res.on('close', () => clearInterval(timer));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    // Named like every test server (test/support/loopback-names.ts); on the instance's
    // registrable domain, so the instance may report it as its API URL (cobalt.url).
    origin: `http://h${server.address().port}.cobalt.test:${server.address().port}`,
    served,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * MV3 lifecycle while the file is being saved: the worker is stopped while the job is
 * "downloading"; the browser finishes the file; the job must end "done" (the download event
 * wakes the worker), never stay "downloading".
 */
export async function workerStoppedWhileDownloading(env, t) {
  const bytes = env.support.cobalt.tunnelBody(64_000, 4242);
  const tunnel = await startSlowTunnel({ filename: 'e2e-long.mp4', bytes, ms: 4_000 });
  t.defer(() => tunnel.close());
  const { world, session } = await worldAndSession(
    env,
    t,
    { instances: { ok: { tunnelOrigin: tunnel.origin, filename: 'e2e-long.mp4' } } },
    (w) => w.settings({ pinned: [w.origin('ok')] }),
  );
  t.step('start a long download');
  const { popup, tabId } = await pageAndPopup(session, PAGES.youtube);
  await waitForInstances(popup, [world.host('ok')]);
  await popup.click('button', exactly('downloadButton'));
  await waitFor(
    async () =>
      tunnel.served.started === 1 && (await jobOf(session, tabId))?.state === 'downloading',
    {
      what: 'the job to be downloading',
    },
  );
  await popup.page.close();

  t.step('stop the worker while the browser saves the file');
  await session.stopWorker();
  await waitFor(() => tunnel.served.finished === 1, {
    timeoutMs: 15_000,
    what: 'the tunnel to finish',
  });
  const [file] = await waitForFiles(session.downloadsDir, 'e2e-long.mp4');
  assert.ok(
    readFile(session.downloadsDir, file).equals(bytes),
    'the file holds every byte the tunnel sent',
  );

  t.step('the job ends done, not "downloading"');
  const again = await openPopupForTab(session, tabId);
  await waitFor(async () => (await jobOf(session, tabId))?.state === 'done', {
    timeoutMs: 10_000,
    what: 'the job to be done',
  }).catch(async () => {
    const job = await jobOf(session, tabId);
    throw new Error(
      `the file is complete on disk but the job stays "${job?.state}" after the worker restart: ${JSON.stringify(job)}\npopup: ${(await again.text()).slice(0, 300)}`,
    );
  });
  await again.waitText(msgPattern('jobDoneVia', [world.host('ok')]));
}

/**
 * The popup's stored view (lib/app/popup-view-writer.ts) in the real browser: the background
 * keeps, in storage.session, what the popup shows for the tab in front, of that tab at its
 * address; after the worker stops (Chromium; Firefox's background is not stopped here), a popup
 * reopened on that tab shows the page and its instances. Which frame drew them is measured in
 * bench/support/popup-render.ts, not here.
 */
export async function storedView(env, t) {
  const { world, session } = await worldAndSession(env, t, {
    instances: { a: { filename: 'e2e-a.mp4' }, b: { filename: 'e2e-b.mp4' } },
  });
  const hosts = [world.host('a'), world.host('b')];
  t.step('open the page and its popup, then close the popup');
  const { popup, tabId } = await pageAndPopup(session, PAGES.youtube);
  await waitForInstances(popup, hosts);
  await popup.page.close();
  await session.control(
    (id) => (globalThis.browser ?? globalThis.chrome).tabs.update(id, { active: true }),
    tabId,
  );

  t.step('the background stores the view of the tab in front');
  const view = await waitFor(
    async () => {
      const got = await session.control(() =>
        (globalThis.browser ?? globalThis.chrome).storage.session.get('popupView'),
      );
      const v = got?.popupView;
      return v?.snapshot?.tabId === tabId && v.url === PAGES.youtube ? v : null;
    },
    { timeoutMs: 10_000, what: 'the stored view of the YouTube tab' },
  );
  assert.equal(view.snapshot.page.kind, 'supported');
  assert.deepEqual(
    view.snapshot.instances.map((i) => new URL(i.origin).host).sort(),
    [...hosts].sort(),
    'the view ranks the instances the popup showed',
  );

  if (session.stopWorker) {
    t.step('stop the worker, as the browser does after 30 s idle');
    await session.stopWorker();
  }
  t.step('reopen the popup: it shows the page and its instances');
  const again = await openPopupForTab(session, tabId);
  await waitForInstances(again, hosts);
  assert.equal(world.posts('a').length + world.posts('b').length, 0, 'no page URL went anywhere');
  checkInvariants(world, { pageUrls: [PAGES.youtube] });
}
