import {
  ALL_FORMATS,
  BlobSource,
  EncodedAudioPacketSource,
  EncodedPacketSink,
  EncodedVideoPacketSource,
  Input,
  MkvOutputFormat,
  Mp4OutputFormat,
  Output,
  StreamTarget,
  WebMOutputFormat,
  type EncodedPacket,
  type InputAudioTrack,
  type InputVideoTrack,
  type MetadataTags,
  type OutputFormat,
  type StreamTargetChunk,
} from 'mediabunny';
import type { OutputContainer } from './local-plan';
import { createOutputChunks } from './output-chunks';

/**
 * Muxes the tunnels' files into one without re-encoding (what cobalt's web app does with
 * `ffmpeg -c:v copy -c:a copy` / `-an`, https://github.com/imputnet/cobalt/blob/main/web/src/lib/task-manager/queue.ts),
 * with mediabunny (pure TypeScript, no WebAssembly; docs/local-processing.md says why).
 * Inputs are Blobs, read lazily by range; packets of the two tracks are interleaved by timestamp so
 * the muxer never holds one track back, and the output is collected positionally (output-chunks.ts),
 * so memory is the inputs plus the output, no second copy.
 */

export interface MuxRequest {
  inputs: Blob[];
  container: OutputContainer;
  keepAudio: boolean;
  metadata?: Record<string, string>;
  /**
   * Where the output goes, as positional writes (`{type: 'write', data, position}`, the shape an
   * OPFS FileSystemWritableFileStream takes). Absent: collected in memory and returned as parts.
   */
  target?: WritableStream<StreamTargetChunk>;
  /** 0–1, as the copied timestamps approach the duration. */
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
}

export interface MuxResult {
  /** The file, when no target was given; empty otherwise. */
  parts: Uint8Array[];
  size: number;
  /** Codecs as mediabunny names them ('avc', 'vp9', 'aac', 'opus', …). */
  videoCodec: string;
  audioCodec: string | null;
}

export class MuxError extends Error {
  constructor(
    readonly code: 'no-video' | 'no-audio' | 'codec' | 'cancelled' | 'failed',
    message: string,
  ) {
    super(message);
    this.name = 'MuxError';
  }
}

function formatFor(container: OutputContainer): OutputFormat {
  // no fast start: the moov goes at the end and only the mdat size is patched (output-chunks.ts)
  if (container === 'mp4') return new Mp4OutputFormat({ fastStart: false });
  if (container === 'webm') return new WebMOutputFormat();
  return new MkvOutputFormat();
}

const TAG_KEYS = ['title', 'artist', 'album', 'genre', 'comment', 'description'] as const;

function toTags(metadata: Record<string, string> | undefined): MetadataTags {
  const out: MetadataTags = {};
  for (const key of TAG_KEYS) {
    const value = metadata?.[key];
    if (value) out[key] = value;
  }
  return out;
}

interface Lane {
  packets: AsyncGenerator<EncodedPacket, void, unknown>;
  add: (packet: EncodedPacket, first: boolean) => Promise<void>;
  head: EncodedPacket | null;
  first: boolean;
}

async function lane(
  track: InputVideoTrack | InputAudioTrack,
  source: EncodedVideoPacketSource | EncodedAudioPacketSource,
): Promise<Lane> {
  const decoderConfig = await track.getDecoderConfig();
  if (!decoderConfig) throw new MuxError('codec', `no decoder configuration for ${track.codec}`);
  const packets = new EncodedPacketSink(track).packets();
  const add = (packet: EncodedPacket, first: boolean) =>
    first
      ? // the first packet carries the codec description (avcC, OpusHead, …) for the muxer
        (source as EncodedVideoPacketSource).add(packet, {
          decoderConfig: decoderConfig as VideoDecoderConfig,
        } as EncodedVideoChunkMetadata)
      : (source as EncodedVideoPacketSource).add(packet);
  const next = await packets.next();
  return { packets, add, head: next.done ? null : next.value, first: true };
}

async function findTracks(inputs: Input[]) {
  let video: InputVideoTrack | null = null;
  let audio: InputAudioTrack | null = null;
  for (const input of inputs) {
    video ??= await input.getPrimaryVideoTrack();
    audio ??= await input.getPrimaryAudioTrack();
  }
  return { video, audio };
}

export async function muxTracks(request: MuxRequest): Promise<MuxResult> {
  const { signal } = request;
  const chunks = createOutputChunks();
  let written = 0;
  const count = new TransformStream<StreamTargetChunk, StreamTargetChunk>({
    transform(chunk, controller) {
      written = Math.max(written, chunk.position + chunk.data.length);
      controller.enqueue(chunk);
    },
  });
  const piped = request.target ? count.readable.pipeTo(request.target) : null;
  // a cancelled mux aborts the pipe; that rejection is reported through the mux's own error
  piped?.catch(() => undefined);
  const inputs = request.inputs.map(
    (blob) => new Input({ source: new BlobSource(blob), formats: ALL_FORMATS }),
  );
  const output = new Output({
    format: formatFor(request.container),
    target: new StreamTarget(
      piped
        ? count.writable
        : new WritableStream<StreamTargetChunk>({ write: (chunk) => chunks.write(chunk) }),
      { chunked: true, chunkSize: 1 << 20 },
    ),
  });
  const abort = () => void output.cancel().catch(() => undefined);
  signal?.addEventListener('abort', abort, { once: true });
  try {
    const { video, audio } = await findTracks(inputs);
    if (!video || !video.codec) throw new MuxError('no-video', 'no video track the muxer knows');
    if (request.keepAudio && (!audio || !audio.codec)) {
      throw new MuxError('no-audio', 'no audio track the muxer knows');
    }
    const format = output.format;
    if (!format.getSupportedCodecs().includes(video.codec)) {
      throw new MuxError('codec', `${video.codec} cannot go into ${request.container}`);
    }
    const videoSource = new EncodedVideoPacketSource(video.codec);
    output.addVideoTrack(videoSource, { rotation: await video.getRotation() });
    const lanes = [await lane(video, videoSource)];
    let audioCodec: string | null = null;
    if (request.keepAudio && audio?.codec) {
      if (!format.getSupportedCodecs().includes(audio.codec)) {
        throw new MuxError('codec', `${audio.codec} cannot go into ${request.container}`);
      }
      const audioSource = new EncodedAudioPacketSource(audio.codec);
      output.addAudioTrack(audioSource);
      lanes.push(await lane(audio, audioSource));
      audioCodec = audio.codec;
    }
    output.setMetadataTags(toTags(request.metadata));
    const duration = Math.max(await video.computeDuration(), 0.001);
    await output.start();
    let reported = -1;
    for (;;) {
      if (signal?.aborted) throw new MuxError('cancelled', 'cancelled');
      // the lane whose next packet is earliest goes next (interleaving by timestamp)
      let pick: Lane | null = null;
      for (const candidate of lanes) {
        if (candidate.head && (!pick || candidate.head.timestamp < pick.head!.timestamp)) {
          pick = candidate;
        }
      }
      if (!pick?.head) break;
      const packet = pick.head;
      await pick.add(packet, pick.first);
      pick.first = false;
      const next = await pick.packets.next();
      pick.head = next.done ? null : next.value;
      const percent = Math.floor(Math.min(packet.timestamp / duration, 1) * 100);
      if (percent > reported) {
        reported = percent;
        request.onProgress?.(percent / 100);
      }
    }
    await output.finalize();
    await piped;
    request.onProgress?.(1);
    const size = request.target ? written : chunks.size();
    return { parts: chunks.parts(), size, videoCodec: video.codec, audioCodec };
  } catch (error) {
    chunks.clear();
    if (output.state !== 'finalized' && output.state !== 'canceled') await output.cancel();
    if (error instanceof MuxError) throw error;
    if (signal?.aborted) throw new MuxError('cancelled', 'cancelled');
    throw new MuxError('failed', error instanceof Error ? error.message : String(error));
  } finally {
    signal?.removeEventListener('abort', abort);
    for (const input of inputs) input.dispose();
  }
}
