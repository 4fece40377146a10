import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Real media made at test time with Debian's ffmpeg (`.ci/run` installs it): the split pairs a
 * cobalt instance hands over for `local-processing` (a video-only and an audio-only file), small
 * and short so tests stay fast. Nothing is committed; everything lands in a fresh temp dir.
 */

export interface MediaPair {
  video: string;
  audio: string;
  /** Codec names as ffprobe prints them. */
  videoCodec: string;
  audioCodec: string;
  /** The container the pair muxes into. */
  container: 'mp4' | 'webm';
}

export interface TestMedia {
  dir: string;
  mp4: MediaPair;
  webm: MediaPair;
  /** Removes the temp dir. */
  dispose: () => void;
}

/** Seconds of media in every file. */
export const MEDIA_SECONDS = 3;

function ffmpeg(args: string[]): void {
  execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', ...args], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
}

const videoIn = (seconds: number, size = '320x180') => [
  '-f',
  'lavfi',
  '-i',
  `testsrc2=size=${size}:rate=25:duration=${seconds}`,
];
const audioIn = (seconds: number) => [
  '-f',
  'lavfi',
  '-i',
  `sine=frequency=440:sample_rate=48000:duration=${seconds}`,
];

/**
 * The H.264 video-only MP4 and AAC M4A pair in `dir`. `lossless` makes big files fast (for the
 * benchmark, which needs hundreds of megabytes without waiting for an encoder).
 */
export function makeMp4Pair(
  dir: string,
  { seconds = MEDIA_SECONDS, size = '320x180', lossless = false } = {},
): MediaPair {
  const at = (name: string) => join(dir, name);
  // a keyframe every second, like the DASH files cobalt hands over
  ffmpeg([
    ...videoIn(seconds, size),
    '-c:v',
    'libx264',
    '-preset',
    'ultrafast',
    ...(lossless ? ['-qp', '0'] : []),
    '-g',
    '25',
    '-pix_fmt',
    'yuv420p',
    '-an',
    at('video.mp4'),
  ]);
  ffmpeg([...audioIn(seconds), '-c:a', 'aac', '-b:a', '64k', '-vn', at('audio.m4a')]);
  return {
    video: at('video.mp4'),
    audio: at('audio.m4a'),
    videoCodec: 'h264',
    audioCodec: 'aac',
    container: 'mp4',
  };
}

/** Makes the H.264/AAC and VP9/Opus pairs in a fresh temp dir. */
export function makeTestMedia(seconds = MEDIA_SECONDS): TestMedia {
  const dir = mkdtempSync(join(tmpdir(), 'cobalt-picker-media-'));
  const at = (name: string) => join(dir, name);
  const mp4 = makeMp4Pair(dir, { seconds });
  ffmpeg([
    ...videoIn(seconds),
    '-c:v',
    'libvpx-vp9',
    '-deadline',
    'realtime',
    '-cpu-used',
    '8',
    '-b:v',
    '200k',
    '-g',
    '25',
    '-an',
    at('video.webm'),
  ]);
  ffmpeg([...audioIn(seconds), '-c:a', 'libopus', '-b:a', '48k', '-vn', at('audio.webm')]);
  return {
    dir,
    mp4,
    webm: {
      video: at('video.webm'),
      audio: at('audio.webm'),
      videoCodec: 'vp9',
      audioCodec: 'opus',
      container: 'webm',
    },
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}

interface ProbedStream {
  codec_type: string;
  codec_name: string;
}

export interface Probe {
  streams: ProbedStream[];
  /** Container duration in seconds. */
  duration: number;
  formatName: string;
}

/** ffprobe's view of a file: its streams and duration. */
export function probe(path: string): Probe {
  const out = execFileSync(
    'ffprobe',
    ['-v', 'error', '-show_streams', '-show_format', '-of', 'json', path],
    { encoding: 'utf8' },
  );
  const json = JSON.parse(out) as {
    streams: ProbedStream[];
    format: { duration: string; format_name: string };
  };
  return {
    streams: json.streams.map(({ codec_type, codec_name }) => ({ codec_type, codec_name })),
    duration: Number(json.format.duration),
    formatName: json.format.format_name,
  };
}
