import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { newJob, type Job } from '../../lib/app/job';
import { runJob } from '../../lib/app/run-job';
import type { LocalProgress } from '../../lib/model/local-progress';
import { rankedEntries } from '../unit/rank/rank-fixtures';
import { DEFAULT_SETTINGS, type LocalProcessing } from '../../lib/settings/schema';
import type { DownloadRequest } from '../../lib/submit/download-adapter';
import { startCobaltServer, type CobaltServer } from '../support/cobalt-server';
import { makeTestMedia, MEDIA_SECONDS, probe, type TestMedia } from '../support/media/make-media';
import { nodeLocalProcessor } from '../support/node-local-processor';

/**
 * A whole download job whose instance hands over parts (lib/app/run-job.ts →
 * process-locally.ts → lib/mux/local-job.ts), against the loopback cobalt server serving real
 * media: the job shows its fetching and muxing progress, the downloads API is handed the file
 * made on this device under the instance's output filename, and ffprobe checks that file. A
 * cancel ends the job and leaves no temporary file; with processing off, the chain fails over.
 */

let media: TestMedia;
const servers: CobaltServer[] = [];
const processors: ReturnType<typeof nodeLocalProcessor>[] = [];
beforeAll(() => {
  media = makeTestMedia();
});
afterAll(() => media.dispose());
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
  for (const processor of processors.splice(0)) processor.dispose();
});

const PAGE = 'https://www.youtube.com/watch?v=dQw4w9WgXcQ';

async function scene(options: {
  mode?: Job['mode'];
  setting?: LocalProcessing;
  onJob?: (job: Job, local: ReturnType<typeof nodeLocalProcessor>) => void;
}) {
  const pair = media.mp4;
  const server = await startCobaltServer({
    forceLocalProcessing: true,
    media: { video: pair.video, audio: pair.audio, container: pair.container },
  });
  servers.push(server);
  const local = nodeLocalProcessor();
  processors.push(local);
  const downloads: DownloadRequest[] = [];
  const seen: Job[] = [];
  let current: Job = newJob({
    id: 'job-local-1',
    tabId: 1,
    service: 'youtube',
    mode: options.mode ?? 'auto',
    url: PAGE,
    at: Date.now(),
  });
  const settings = {
    ...DEFAULT_SETTINGS,
    download: { ...DEFAULT_SETTINGS.download, localProcessing: options.setting ?? 'required' },
  };
  const job = await runJob({
    job: current,
    ranked: rankedEntries([server.origin]),
    settings,
    probes: {},
    fetch: (url, init) => fetch(url, init),
    download: {
      async download(request) {
        downloads.push(request);
        return { ok: true, id: 7 };
      },
    },
    local,
    now: () => Date.now(),
    health: {},
    onOutcome: () => undefined,
    update: async (change) => {
      current = change(current);
      seen.push(current);
      options.onJob?.(current, local);
      return current;
    },
  });
  const progress = seen.flatMap((j) => (j.local ? [j.local] : []));
  return { job, downloads, progress, local, server };
}

async function saved(request: DownloadRequest, name: string) {
  const bytes = Buffer.from(await (await fetch(request.url)).arrayBuffer());
  const path = join(media.dir, name);
  await writeFile(path, bytes);
  return probe(path);
}

const phases = (progress: LocalProgress[]) => [...new Set(progress.map((p) => p.phase))];

describe('a download job processed on this device (real media, ffprobe)', () => {
  it('a forced merge: progress, then one file with one video and one audio stream', async () => {
    const { job, downloads, progress, local } = await scene({});
    expect(job).toMatchObject({ state: 'downloading', localFile: true, downloadIds: [7] });
    expect(phases(progress)).toEqual(['fetching', 'muxing']);
    const fetched = progress.filter((p) => p.phase === 'fetching').at(-1);
    expect(fetched?.phase === 'fetching' && fetched.tunnels).toHaveLength(2);
    expect(downloads).toHaveLength(1);
    expect(downloads[0]!.url).toMatch(/^blob:/);
    expect(downloads[0]!.filename).toBe('youtube_test_media.mp4');
    const probed = await saved(downloads[0]!, 'job-merge.mp4');
    expect(probed.streams.map((s) => [s.codec_type, s.codec_name])).toEqual([
      ['video', 'h264'],
      ['audio', 'aac'],
    ]);
    expect(Math.abs(probed.duration - MEDIA_SECONDS)).toBeLessThanOrEqual(0.1);
    // the download ended: the temporary file goes
    local.release(job.id);
    await expect.poll(() => local.leftovers()).toEqual([]);
  });

  it('mute: the file has no audio stream', async () => {
    const { job, downloads } = await scene({ mode: 'mute' });
    expect(job.state).toBe('downloading');
    const probed = await saved(downloads[0]!, 'job-mute.mp4');
    expect(probed.streams.map((s) => s.codec_type)).toEqual(['video']);
  });

  it('cancelled while muxing: the job says so, nothing is saved, no temporary file is left', async () => {
    const { job, downloads, local } = await scene({
      onJob: (j, processor) => {
        if (j.local?.phase === 'muxing') processor.cancel(j.id);
      },
    });
    expect(job).toMatchObject({ state: 'failed', error: { titleKey: 'error_cancelled_title' } });
    expect(job.local).toBeUndefined();
    expect(downloads).toEqual([]);
    expect(local.leftovers()).toEqual([]);
  });

  it('with processing on this device off, the instance fails over as serving no ready file', async () => {
    const { job, downloads, server } = await scene({ setting: 'off' });
    expect(job.state).toBe('failed');
    expect(job.trail).toMatchObject([
      { origin: server.origin, outcome: 'failed', code: 'client.needs_local_processing' },
    ]);
    expect(job.error?.titleKey).toBe('error_needs_local_processing_title');
    expect(downloads).toEqual([]);
  });
});
