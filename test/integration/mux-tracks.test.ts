import { openAsBlob } from 'node:fs';
import { open, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { muxTracks, MuxError } from '../../lib/mux/mux-tracks';
import {
  makeTestMedia,
  MEDIA_SECONDS,
  probe,
  type MediaPair,
  type TestMedia,
} from '../support/media/make-media';

let media: TestMedia;
beforeAll(() => {
  media = makeTestMedia();
});
afterAll(() => media.dispose());

async function mux(pair: MediaPair, keepAudio: boolean, name: string, signal?: AbortSignal) {
  const progress: number[] = [];
  const result = await muxTracks({
    inputs: [await openAsBlob(pair.video), await openAsBlob(pair.audio)],
    container: pair.container,
    keepAudio,
    metadata: { title: 'A test title' },
    onProgress: (fraction) => progress.push(fraction),
    signal,
  });
  const path = join(media.dir, name);
  await writeFile(path, Buffer.concat(result.parts));
  return { result, path, progress };
}

describe('muxTracks (real ffmpeg media, checked with ffprobe)', () => {
  it.each([
    ['mp4', 'h264', 'aac'],
    ['webm', 'vp9', 'opus'],
  ] as const)('merges the %s pair into one video and one audio stream', async (kind, v, a) => {
    const pair = media[kind];
    const { result, path, progress } = await mux(pair, true, `merged.${kind}`);
    const probed = probe(path);
    expect(probed.streams.map((s) => [s.codec_type, s.codec_name])).toEqual([
      ['video', v],
      ['audio', a],
    ]);
    expect(Math.abs(probed.duration - MEDIA_SECONDS)).toBeLessThanOrEqual(0.1);
    expect(result.size).toBe(Buffer.concat(result.parts).length);
    expect(progress.at(-1)).toBe(1);
    expect(progress).toEqual([...progress].sort((x, y) => x - y));
  });

  it.each(['mp4', 'webm'] as const)('mute leaves no audio stream in %s', async (kind) => {
    const { path, result } = await mux(media[kind], false, `muted.${kind}`);
    const probed = probe(path);
    expect(probed.streams.map((s) => s.codec_type)).toEqual(['video']);
    expect(result.audioCodec).toBeNull();
    expect(Math.abs(probed.duration - MEDIA_SECONDS)).toBeLessThanOrEqual(0.1);
  });

  it('writes positionally into a given target (the OPFS path) instead of memory', async () => {
    const path = join(media.dir, 'target.webm');
    const handle = await open(path, 'w');
    const result = await muxTracks({
      inputs: [await openAsBlob(media.webm.video), await openAsBlob(media.webm.audio)],
      container: 'webm',
      keepAudio: true,
      target: new WritableStream({
        write: async ({ data, position }) => {
          await handle.write(data, 0, data.length, position);
        },
      }),
    });
    await handle.close();
    expect(result.parts).toEqual([]);
    expect(result.size).toBe((await stat(path)).size);
    expect(probe(path).streams.map((s) => s.codec_name)).toEqual(['vp9', 'opus']);
  });

  it('writes the title where the container allows it', async () => {
    const { path } = await mux(media.mp4, true, 'titled.mp4');
    const { execFileSync } = await import('node:child_process');
    const tags = execFileSync(
      'ffprobe',
      ['-v', 'error', '-show_entries', 'format_tags=title', '-of', 'csv=p=0', path],
      { encoding: 'utf8' },
    );
    expect(tags.trim()).toBe('A test title');
  });

  it('fails with a clear code when the audio file has no audio', async () => {
    await expect(
      muxTracks({
        inputs: [await openAsBlob(media.mp4.video), await openAsBlob(media.mp4.video)],
        container: 'mp4',
        keepAudio: true,
      }),
    ).rejects.toMatchObject({ code: 'no-audio' });
  });

  it('fails on a file that is not media', async () => {
    const error = await muxTracks({
      inputs: [new Blob(['<html>not media</html>'])],
      container: 'mp4',
      keepAudio: false,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MuxError);
  });

  it('stops when cancelled and keeps no output', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(mux(media.webm, true, 'cancelled.webm', controller.signal)).rejects.toMatchObject({
      code: 'cancelled',
    });
  });
});
