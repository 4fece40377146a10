import { DOWNLOAD_WATCH_ALARM } from '../../../entrypoints/background';
import type { JobView } from '../../../lib/model/job-view';
import { sanitizeFilename } from '../../../lib/safety/sanitize-filename';
import {
  eventually,
  fakeBrowser,
  loopbackWorld,
  startBackground,
  useBackground,
  type Background,
} from './background-harness';

/**
 * The end of a download in the real background: the downloads API gets the instance's tunnel
 * (on 127.0.0.1) under a sanitised name, and downloads.onChanged finishes the job (done or
 * failed) with a notification when the settings ask for one.
 */
const owned = useBackground();

const YT_RAW = 'https://www.youtube.com/watch?v=dQw4w9WgXcQ&si=tracking';
const TW = 'https://x.com/someone/status/1697304622749086011';
const HOSTILE = '../../.config/autostart/evil\u202Egpj.exe\u0000.mp4';

async function job(bg: Background, jobId: string): Promise<JobView> {
  const snapshot = await bg.ask('popup/snapshot', { tabId: null, jobId });
  if (!snapshot.job) throw new Error(`no job ${jobId}`);
  return snapshot.job;
}

async function untilState(bg: Background, jobId: string, state: JobView['state']) {
  return eventually(async () => {
    const view = await job(bg, jobId);
    return view.state === state ? view : undefined;
  });
}

/** Starts a download of `url` from our popup and waits until it is handed to the browser. */
async function startJob(url = YT_RAW) {
  const bg = startBackground();
  await bg.ask('sources/refresh', {});
  const start = await bg.ask('download/start', { tabId: null, url, mode: 'auto' });
  if (!('jobId' in start)) throw new Error(`no job: ${JSON.stringify(start)}`);
  return { bg, jobId: start.jobId };
}

describe('a download through the real chain', () => {
  it('hands the tunnel on the instance (127.0.0.1 by name) to the downloads API under a sanitised name', async () => {
    const world = await loopbackWorld(owned, 1, {
      server: { filename: HOSTILE, tunnelBytes: 20_000 },
    });
    const { bg, jobId } = await startJob();
    const view = await untilState(bg, jobId, 'downloading');
    const [server] = world.servers;

    expect(bg.downloads.started).toHaveLength(1);
    const [request] = bg.downloads.started;
    const url = new URL(request!.url);
    expect(url.origin).toBe(server!.origin);
    expect(url.hostname).toMatch(/^h\d+\.cobalt\.test$/);
    expect(url.pathname).toBe('/tunnel');
    expect(request).toEqual({
      url: request!.url,
      filename: '_._.config_autostart_evilgpj.exe.mp4',
      saveAs: false,
      conflictAction: 'uniquify',
    });
    expect(request!.filename).toBe(sanitizeFilename(HOSTILE));
    expect(view).toMatchObject({ servedBy: server!.origin, filenames: [request!.filename] });

    // What the browser would save is the instance's file, byte for byte.
    const res = await fetch(request!.url);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(bytes.length).toBe(20_000);
    expect(bytes.equals(server!.expectedTunnelBytes(request!.url)!)).toBe(true);
    expect(bg.refused).toEqual([]);
  });

  it('asks where to save when the settings say so', async () => {
    await loopbackWorld(owned, 1, { settings: { saveAs: true } });
    const { bg, jobId } = await startJob();
    await untilState(bg, jobId, 'downloading');
    expect(bg.downloads.started[0]).toMatchObject({ saveAs: true });
  });

  it('a download the browser refuses fails the job in plain words', async () => {
    await loopbackWorld(owned, 1);
    const bg = startBackground();
    vi.mocked(fakeBrowser.downloads.download).mockRejectedValueOnce(new Error('Invalid filename'));
    await bg.ask('sources/refresh', {});
    const start = await bg.ask('download/start', { tabId: null, url: YT_RAW, mode: 'auto' });
    if (!('jobId' in start)) throw new Error('no job');
    const view = await untilState(bg, start.jobId, 'failed');
    expect(view.error).toMatchObject({
      titleKey: 'error_download_failed_title',
      params: [expect.stringContaining('Invalid filename')],
    });
    expect(await fakeBrowser.notifications.getAll()).toHaveProperty(start.jobId);
  });
});

describe('downloads.onChanged', () => {
  it('complete: the job is done, listed in recent downloads, and a notification says so', async () => {
    const world = await loopbackWorld(owned, 1, { server: { filename: 'clip.mp4' } });
    const { bg, jobId } = await startJob();
    await untilState(bg, jobId, 'downloading');
    const id = (await bg.jobs())[0]!.downloadIds[0]!;

    bg.downloads.change({ id, state: { previous: 'in_progress', current: 'complete' } });

    await untilState(bg, jobId, 'done');
    const notifications = await eventually(async () => {
      const all = await fakeBrowser.notifications.getAll();
      return Object.keys(all).length > 0 ? all : undefined;
    });
    expect(notifications).toEqual({
      [jobId]: {
        type: 'basic',
        iconUrl: fakeBrowser.runtime.getURL('/icon/128.png'),
        title: 'notifyDoneTitle',
        message: `notifyDoneMessage:clip.mp4|${world.servers[0]!.origin}`,
      },
    });
    const snapshot = await bg.ask('popup/snapshot', { tabId: null });
    expect(snapshot.recent).toEqual([
      expect.objectContaining({ ok: true, filename: 'clip.mp4', service: 'youtube' }),
    ]);
  });

  it('complete, with success notifications off: done, and no notification', async () => {
    await loopbackWorld(owned, 1, {
      settings: { notifications: { onSuccess: false, onFailure: true } },
    });
    const { bg, jobId } = await startJob();
    await untilState(bg, jobId, 'downloading');
    const id = (await bg.jobs())[0]!.downloadIds[0]!;
    bg.downloads.change({ id, state: { current: 'complete' } });
    await untilState(bg, jobId, 'done');
    await new Promise((r) => setTimeout(r, 50));
    expect(await fakeBrowser.notifications.getAll()).toEqual({});
  });

  it('interrupted: the job fails, and the failure is notified', async () => {
    await loopbackWorld(owned, 1);
    const { bg, jobId } = await startJob();
    await untilState(bg, jobId, 'downloading');
    const id = (await bg.jobs())[0]!.downloadIds[0]!;

    bg.downloads.change({
      id,
      state: { previous: 'in_progress', current: 'interrupted' },
      error: { current: 'NETWORK_FAILED' },
    });

    const view = await untilState(bg, jobId, 'failed');
    expect(view.error).toMatchObject({
      titleKey: 'error_download_failed_title',
      detailKey: 'error_download_interrupted_detail',
    });
    const notifications = await eventually(async () => {
      const all = await fakeBrowser.notifications.getAll();
      return all[jobId];
    });
    expect(notifications).toMatchObject({
      title: 'notifyFailedTitle',
      message: 'error_download_failed_title',
    });
    const snapshot = await bg.ask('popup/snapshot', { tabId: null });
    expect(snapshot.recent[0]).toMatchObject({
      ok: false,
      errorKey: 'error_download_failed_title',
    });
  });

  it('interrupted, with failure notifications off: failed, and no notification', async () => {
    await loopbackWorld(owned, 1, {
      settings: { notifications: { onSuccess: true, onFailure: false } },
    });
    const { bg, jobId } = await startJob();
    await untilState(bg, jobId, 'downloading');
    const id = (await bg.jobs())[0]!.downloadIds[0]!;
    bg.downloads.change({ id, state: { current: 'interrupted' } });
    await untilState(bg, jobId, 'failed');
    await new Promise((r) => setTimeout(r, 50));
    expect(await fakeBrowser.notifications.getAll()).toEqual({});
  });

  it('a web page saved as the video: removed from disk and list, and the job says so', async () => {
    await loopbackWorld(owned, 1);
    const { bg, jobId } = await startJob();
    await untilState(bg, jobId, 'downloading');
    const id = (await bg.jobs())[0]!.downloadIds[0]!;
    Object.assign(bg.downloads.items.get(id)!, { mime: 'text/html', fileSize: 900 });

    bg.downloads.change({ id, state: { previous: 'in_progress', current: 'complete' } });

    // One instance only: no untried instance is left to ask, so the job fails in plain words.
    const view = await untilState(bg, jobId, 'failed');
    expect(view.error).toMatchObject({ detailKey: 'error_download_not_media_detail' });
    expect(view.trail[0]).toMatchObject({
      outcome: 'failed',
      code: 'client.download.not_media',
    });
    expect(bg.downloads.removed).toEqual([id]);
    expect(bg.downloads.items.has(id)).toBe(false);
  });

  it('cancelled by the user: the partial file is removed and nothing is retried', async () => {
    await loopbackWorld(owned, 2);
    const { bg, jobId } = await startJob();
    await untilState(bg, jobId, 'downloading');
    const id = (await bg.jobs())[0]!.downloadIds[0]!;
    bg.downloads.change({
      id,
      state: { current: 'interrupted' },
      error: { current: 'USER_CANCELED' },
    });
    const view = await untilState(bg, jobId, 'failed');
    expect(view.error).toMatchObject({ detailKey: 'error_download_cancelled_detail' });
    expect(bg.downloads.removed).toEqual([id]);
    expect(bg.downloads.started).toHaveLength(1);
  });

  it('complete in the browser with no report: the watch looks end the job from its item', async () => {
    await loopbackWorld(owned, 1, { server: { filename: 'clip.mp4' } });
    const { bg, jobId } = await startJob();
    await untilState(bg, jobId, 'downloading');
    const id = (await bg.jobs())[0]!.downloadIds[0]!;
    // The file is saved, but downloads.onChanged never says so.
    bg.downloads.items.get(id)!.state = 'complete';
    // The alarm's listener does not wait for its look: give each look time to finish.
    const look = async () => {
      await fakeBrowser.alarms.onAlarm.trigger({
        name: DOWNLOAD_WATCH_ALARM,
        scheduledTime: Date.now(),
      });
      await new Promise((r) => setTimeout(r, 100));
    };
    await look();
    await look();
    await untilState(bg, jobId, 'done');
    // The browser's late report of the same end changes nothing more.
    bg.downloads.change({ id, state: { previous: 'in_progress', current: 'complete' } });
    await new Promise((r) => setTimeout(r, 50));
    expect((await job(bg, jobId)).state).toBe('done');
    expect(bg.downloads.removed).toEqual([]);
  });

  it('progress, other downloads and unknown ids change nothing', async () => {
    await loopbackWorld(owned, 1);
    const { bg, jobId } = await startJob();
    await untilState(bg, jobId, 'downloading');
    const id = (await bg.jobs())[0]!.downloadIds[0]!;
    bg.downloads.change({ id, state: { previous: 'complete', current: 'in_progress' } });
    bg.downloads.change({ id, filename: { current: '/home/me/Downloads/clip.mp4' } });
    bg.downloads.change({ id: id + 1000, state: { current: 'complete' } });
    await new Promise((r) => setTimeout(r, 100));
    expect((await job(bg, jobId)).state).toBe('downloading');
    expect(await fakeBrowser.notifications.getAll()).toEqual({});
  });

  it('a picker: the picked files download, and the job is done when all of them are', async () => {
    const world = await loopbackWorld(owned, 1, {
      server: { behavior: { kind: 'healthy', result: 'picker' } },
    });
    const { bg, jobId } = await startJob(TW);
    const view = await untilState(bg, jobId, 'picker');
    expect(view.picker?.items.map((i) => i.type)).toEqual(['photo', 'video', 'gif']);
    expect(bg.downloads.started).toEqual([]);

    expect(await bg.ask('download/pick', { jobId, indexes: [0, 2], audio: false })).toEqual({
      ok: true,
    });
    const picked = await untilState(bg, jobId, 'downloading');
    expect(bg.downloads.started.map((d) => new URL(d.url).origin)).toEqual([
      world.servers[0]!.origin,
      world.servers[0]!.origin,
    ]);
    expect(bg.downloads.started.map((d) => d.url)).toEqual([
      expect.stringContaining('/cdn/'),
      expect.stringContaining('/cdn/'),
    ]);
    expect(picked.filenames).toEqual(bg.downloads.started.map((d) => d.filename));
    for (const name of picked.filenames) expect(name).toBe(sanitizeFilename(name));

    const [first, second] = (await bg.jobs())[0]!.downloadIds;
    bg.downloads.change({ id: first!, state: { current: 'complete' } });
    await new Promise((r) => setTimeout(r, 100));
    expect((await job(bg, jobId)).state).toBe('downloading');
    bg.downloads.change({ id: second!, state: { current: 'complete' } });
    await untilState(bg, jobId, 'done');
    // A second pick of a finished job is refused.
    expect(await bg.ask('download/pick', { jobId, indexes: [1], audio: false })).toEqual({
      ok: false,
    });
  });
});
