// Processing on this device (docs/local-processing.md): an instance that forces local processing
// hands over a video and an audio tunnel of real media (made with ffmpeg at run start); the
// extension muxes them (Chromium: in its offscreen document; Firefox: in its background page)
// and exactly one file lands, which ffprobe checks. Also: `mute`, the *prefer* setting, and a
// cancel that leaves nothing behind.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { pageAndPopup } from '../lib/extension.mjs';
import { listFiles, waitForFiles } from '../lib/files.mjs';
import { checkInvariants } from '../lib/invariants.mjs';
import { msgPattern } from '../lib/messages.mjs';
import { PAGES } from '../lib/pages.mjs';
import { sleep, waitFor } from '../lib/report.mjs';
import { exactly, jobOf, waitForInstances, worldAndSession } from './common.mjs';

/** One set of media per run: ffmpeg takes a second or two, the scenarios share it. */
let media = null;
function testMedia(support) {
  if (!media) {
    media = support.media.makeTestMedia();
    process.on('exit', () => media.dispose());
  }
  return media;
}

function instance(support, kind, extra = {}) {
  const pair = testMedia(support)[kind];
  return {
    media: { video: pair.video, audio: pair.audio, container: pair.container },
    ...extra,
  };
}

/** ffprobe's streams of a landed file as [type, codec], and its duration. */
function probeLanded(env, session, file) {
  const probed = env.support.media.probe(join(session.downloadsDir, file));
  return {
    streams: probed.streams.map((s) => [s.codec_type, s.codec_name]),
    duration: probed.duration,
  };
}

function assertDuration(env, duration) {
  const expected = env.support.media.MEDIA_SECONDS;
  assert.ok(
    Math.abs(duration - expected) <= 0.1,
    `duration ${duration} s is not within 0.1 s of ${expected} s`,
  );
}

/** Temporary files of local processing in the extension's origin-private file system. */
function opfsTempFiles(popup) {
  return popup.page.evaluate(async () => {
    const dir = await navigator.storage.getDirectory();
    const names = [];
    for await (const name of dir.keys()) if (name.startsWith('cobalt-picker-')) names.push(name);
    return names;
  });
}

/** An instance that forces local processing: one file with one video and one audio stream. */
export async function forcedMerge(env, t) {
  const { world, session } = await worldAndSession(
    env,
    t,
    {
      instances: {
        mux: instance(env.support, 'mp4', {
          forceLocalProcessing: true,
          filename: 'e2e-local-merge.mp4',
        }),
      },
    },
    (w) => w.settings({ pinned: [w.origin('mux')] }),
  );
  t.step('download from the popup');
  const { popup, tabId } = await pageAndPopupReady(session, world);
  await popup.click('button', exactly('downloadButton'));
  const [file] = await waitForFiles(session.downloadsDir, 'e2e-local-merge.mp4');
  await popup.waitText(msgPattern('jobDoneVia', [world.host('mux')]), { timeoutMs: 20_000 });

  t.step('ffprobe: one video and one audio stream, the expected codecs and duration');
  const { streams, duration } = probeLanded(env, session, file);
  assert.deepEqual(streams, [
    ['video', 'h264'],
    ['audio', 'aac'],
  ]);
  assertDuration(env, duration);
  assert.deepEqual(listFiles(session.downloadsDir), [file], 'exactly one file landed');
  assert.equal(
    world.requests('mux', { method: 'GET', path: '/tunnel' }).length,
    2,
    'the video and the audio tunnel, each fetched once',
  );
  assert.equal((await jobOf(session, tabId))?.state, 'done');
  await waitFor(async () => (await opfsTempFiles(popup)).length === 0, {
    timeoutMs: 5_000,
    what: 'the temporary file removed once the download ended',
  });
  checkInvariants(world, { pageUrls: [PAGES.youtube] });
}

/** `mute`: the file has a video stream and no audio stream. */
export async function mute(env, t) {
  const { world, session } = await worldAndSession(
    env,
    t,
    {
      instances: {
        mux: instance(env.support, 'mp4', {
          forceLocalProcessing: true,
          filename: 'e2e-local-mute.mp4',
        }),
      },
    },
    (w) => w.settings({ pinned: [w.origin('mux')] }),
  );
  t.step('download without audio');
  const { popup, tabId } = await pageAndPopupReady(session, world);
  await session.send('download/start', { tabId, url: null, mode: 'mute' });
  const [file] = await waitForFiles(session.downloadsDir, 'e2e-local-mute.mp4');
  assert.equal(world.posts('mux')[0]?.downloadMode, 'mute');
  const { streams, duration } = probeLanded(env, session, file);
  assert.deepEqual(streams, [['video', 'h264']], 'no audio stream');
  assertDuration(env, duration);
  assert.deepEqual(listFiles(session.downloadsDir), [file]);
  await popup.waitText(msgPattern('jobDoneVia', [world.host('mux')]), { timeoutMs: 20_000 });
}

/**
 * *prefer*: an instance that does not force local processing is asked for the parts
 * (`localProcessing: "preferred"`), hands them over, and the file lands (VP9 + Opus in WebM).
 */
export async function prefer(env, t) {
  const { world, session } = await worldAndSession(
    env,
    t,
    {
      instances: {
        mux: instance(env.support, 'webm', {
          behavior: { kind: 'healthy', result: 'tunnel-merge' },
          filename: 'e2e-local-prefer.webm',
        }),
      },
    },
    (w) =>
      w.settings({
        pinned: [w.origin('mux')],
        download: { localProcessing: 'prefer' },
      }),
  );
  t.step('download with Processing on this device: prefer');
  const { popup } = await pageAndPopupReady(session, world);
  await popup.click('button', exactly('downloadButton'));
  const [file] = await waitForFiles(session.downloadsDir, 'e2e-local-prefer.webm');
  assert.equal(world.posts('mux')[0]?.localProcessing, 'preferred', 'the request asked for parts');
  const { streams, duration } = probeLanded(env, session, file);
  assert.deepEqual(streams, [
    ['video', 'vp9'],
    ['audio', 'opus'],
  ]);
  assertDuration(env, duration);
  assert.deepEqual(listFiles(session.downloadsDir), [file]);
}

/**
 * Cancel while the parts arrive (the tunnels stall halfway): the popup shows the bytes and a
 * Cancel button; after it, the job says Cancelled, no file lands and no temporary file is left.
 */
export async function cancel(env, t) {
  const { world, session } = await worldAndSession(
    env,
    t,
    {
      instances: {
        mux: instance(env.support, 'mp4', {
          forceLocalProcessing: true,
          mediaStallMs: 3_000,
          filename: 'e2e-local-cancel.mp4',
        }),
      },
    },
    (w) => w.settings({ pinned: [w.origin('mux')] }),
  );
  t.step('start, and see the parts arrive');
  const { popup, tabId } = await pageAndPopupReady(session, world);
  await popup.click('button', exactly('downloadButton'));
  await popup.waitText(msgPattern('jobFetchingParts', [world.host('mux')]), { timeoutMs: 15_000 });
  await popup.waitText(msgPattern('localPartAudio'));
  // the job's file (Chromium adds a `.crswap` beside it while a writable is open)
  await waitFor(async () => (await opfsTempFiles(popup)).length > 0, {
    timeoutMs: 5_000,
    what: 'the temporary file while the parts arrive',
  });

  t.step('cancel');
  await popup.click('button', exactly('cancelButton'));
  await popup.waitText(msgPattern('error_cancelled_title'));
  const job = await jobOf(session, tabId);
  assert.equal(job?.state, 'failed');
  await waitFor(async () => (await opfsTempFiles(popup)).length === 0, {
    timeoutMs: 5_000,
    what: 'no temporary file after the cancel',
  });
  // past the stall: a late tunnel body must not revive the job
  await sleep(3_500);
  assert.deepEqual(listFiles(session.downloadsDir), [], 'nothing landed');
  assert.deepEqual(await opfsTempFiles(popup), []);
  assert.equal((await jobOf(session, tabId))?.state, 'failed');
}

async function pageAndPopupReady(session, world) {
  const opened = await pageAndPopup(session, PAGES.youtube);
  await waitForInstances(opened.popup, [world.host('mux')]);
  return opened;
}
