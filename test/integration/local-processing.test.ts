import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { requestInstance } from '../../lib/cobalt/request-instance';
import { fetchTunnel } from '../../lib/mux/fetch-tunnel';
import { planLocalProcessing } from '../../lib/mux/local-plan';
import { muxTracks } from '../../lib/mux/mux-tracks';
import { DownloadOptionsSchema, type DownloadOptions } from '../../lib/settings/schema';
import { startCobaltServer, type CobaltServer } from '../support/cobalt-server';
import { makeTestMedia, MEDIA_SECONDS, probe, type TestMedia } from '../support/media/make-media';

/**
 * The lib/ pipeline end to end against the loopback cobalt server serving real media: an
 * instance that forces local processing answers a merge (or a mute), the tunnels are fetched
 * within the target policy, muxed without re-encoding, and ffprobe checks the file.
 */

let media: TestMedia;
const servers: CobaltServer[] = [];
beforeAll(() => {
  media = makeTestMedia();
});
afterAll(() => media.dispose());
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

const LINK = 'https://www.youtube.com/watch?v=dQw4w9WgXcQ';

async function run(kind: 'mp4' | 'webm', options: Partial<DownloadOptions>, force = true) {
  const pair = media[kind];
  const server = await startCobaltServer({
    forceLocalProcessing: force,
    behavior: { kind: 'healthy', result: 'tunnel-merge' },
    media: { video: pair.video, audio: pair.audio, container: pair.container },
  });
  servers.push(server);
  const outcome = await requestInstance({
    fetch,
    origin: server.origin,
    version: server.config.version,
    url: LINK,
    options: DownloadOptionsSchema.parse(options),
    timeoutMs: 5000,
  });
  if (!outcome.ok || outcome.result.status !== 'local-processing') {
    throw new Error(`expected local-processing, got ${JSON.stringify(outcome)}`);
  }
  const { type, tunnel, filename } = outcome.result;
  const plan = planLocalProcessing({ type, tunnel, output: { filename } });
  if (plan.kind !== 'mux') throw new Error(`expected a mux plan, got ${plan.kind}`);
  const inputs = [];
  for (const url of plan.tunnels) {
    inputs.push(await fetchTunnel({ url, instanceOrigin: server.origin, fetch }));
  }
  const result = await muxTracks({
    inputs,
    container: plan.container,
    keepAudio: plan.keepAudio,
  });
  const path = join(media.dir, `served-${kind}-${plan.type}.${plan.container}`);
  await writeFile(path, Buffer.concat(result.parts));
  return { server, plan, probed: probe(path) };
}

describe('local processing against the test instance (real media, ffprobe)', () => {
  it.each([
    ['mp4', 'h264', 'aac'],
    ['webm', 'vp9', 'opus'],
  ] as const)(
    'a forced merge of the %s pair lands as one video + one audio',
    async (kind, v, a) => {
      const { plan, probed } = await run(kind, {});
      expect(plan).toMatchObject({ type: 'merge', container: kind });
      expect(probed.streams.map((s) => [s.codec_type, s.codec_name])).toEqual([
        ['video', v],
        ['audio', a],
      ]);
      expect(Math.abs(probed.duration - MEDIA_SECONDS)).toBeLessThanOrEqual(0.1);
    },
  );

  it('mute lands without an audio stream', async () => {
    const { plan, probed } = await run('mp4', { downloadMode: 'mute' });
    expect(plan).toMatchObject({ type: 'mute', keepAudio: false });
    expect(probed.streams.map((s) => s.codec_type)).toEqual(['video']);
  });

  it('prefer sends localProcessing "preferred" and the merge lands', async () => {
    const { server, probed } = await run('webm', { localProcessing: 'prefer' }, false);
    const posted = server.requests.find((r) => r.method === 'POST');
    expect(JSON.parse(posted?.body ?? '{}')).toMatchObject({ localProcessing: 'preferred' });
    expect(probed.streams).toHaveLength(2);
  });
});
