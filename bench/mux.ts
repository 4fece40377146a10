import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { muxTracks } from '../lib/mux/mux-tracks';
import { makeMp4Pair } from '../test/support/media/make-media';
import { log, median, metric, option, round, runBench } from './support/bench-io';

/**
 * Muxing on the device (lib/mux/mux-tracks.ts, mediabunny) against Debian's `ffmpeg -c copy` on the
 * same H.264 + AAC pair, same machine, same run (docs/local-processing.md):
 * - mux.vs_native_ffmpeg: median mux time ÷ median ffmpeg time (budget 6);
 * - mux.peak_memory_vs_output: the most memory the process held above its baseline while muxing
 *   (RSS, sampled at every progress step and at the end), with both inputs loaded as in-memory
 *   Blobs as fetched tunnels are held and the output written positionally to a file (what an OPFS
 *   file is in the browser), ÷ the output size (budget 2.5). The first run in the fresh process is
 *   the honest one; later runs reuse pages the allocator kept, so the maximum is reported.
 * The pair is lossless H.264 so it is big without a slow encoder; BENCH_MUX_SECONDS sets its
 * length (default 60 s at 1280x720).
 */

const SECONDS = option('seconds', 'BENCH_MUX_SECONDS', 60);
const RUNS = option('runs', 'BENCH_MUX_RUNS', 3);
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
const CHUNK = 1 << 20;

/** A file as an in-memory Blob built from 1 MB reads, the way a fetched body arrives. */
function blobOf(path: string): Blob {
  const fd = openSync(path, 'r');
  const parts: Uint8Array[] = [];
  try {
    for (;;) {
      const chunk = new Uint8Array(CHUNK);
      const read = readSync(fd, chunk, 0, CHUNK, null);
      if (read === 0) break;
      parts.push(chunk.subarray(0, read));
    }
  } finally {
    closeSync(fd);
  }
  return new Blob(parts as BlobPart[]);
}

runBench('mux', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cobalt-picker-mux-bench-'));
  try {
    log(`making a ${SECONDS}s pair…`);
    const pair = makeMp4Pair(dir, { seconds: SECONDS, size: '1280x720', lossless: true });
    const inputBytes = statSync(pair.video).size + statSync(pair.audio).size;
    log(`pair: ${(inputBytes / 1e6).toFixed(1)} MB`);

    const ffmpegMs: number[] = [];
    for (let run = 0; run < RUNS; run += 1) {
      const started = performance.now();
      execFileSync('ffmpeg', [
        ...['-hide_banner', '-loglevel', 'error', '-y'],
        ...['-i', pair.video, '-i', pair.audio, '-map', '0:v', '-map', '1:a', '-c', 'copy'],
        join(dir, 'native.mp4'),
      ]);
      ffmpegMs.push(performance.now() - started);
    }

    const muxMs: number[] = [];
    let peakRatio = 0;
    let outputBytes = 0;
    for (let run = 0; run < RUNS; run += 1) {
      gc();
      const baseline = process.memoryUsage().rss;
      let peak = baseline;
      const sample = () => {
        peak = Math.max(peak, process.memoryUsage().rss);
      };
      // what the extension holds after fetching the tunnels: two in-memory Blobs
      const inputs = [blobOf(pair.video), blobOf(pair.audio)];
      gc();
      sample();
      const started = performance.now();
      // positional writes to a file, as the output goes to an OPFS file in the browser
      const out = openSync(join(dir, 'device.mp4'), 'w');
      const result = await muxTracks({
        inputs,
        container: 'mp4',
        keepAudio: true,
        onProgress: sample,
        target: new WritableStream({
          write: ({ data, position }) => void writeSync(out, data, 0, data.length, position),
        }),
      });
      closeSync(out);
      muxMs.push(performance.now() - started);
      sample();
      outputBytes = result.size;
      peakRatio = Math.max(peakRatio, (peak - baseline) / result.size);
      log(
        `run ${run + 1}: ${muxMs.at(-1)!.toFixed(0)} ms, peak +${((peak - baseline) / 1e6).toFixed(0)} MB`,
      );
    }
    const ratio = median(muxMs) / median(ffmpegMs);
    const detail = {
      pairBytes: inputBytes,
      outputBytes,
      muxMs: muxMs.map((ms) => round(ms, 0)),
      ffmpegMs: ffmpegMs.map((ms) => round(ms, 0)),
    };
    return {
      'mux.vs_native_ffmpeg': metric(round(ratio, 2), 'ratio', 6, detail),
      'mux.peak_memory_vs_output': metric(round(peakRatio, 2), 'ratio', 2.5, {
        outputBytes,
        measured: 'RSS above the baseline before the inputs were loaded',
      }),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
