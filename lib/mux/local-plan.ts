import { z } from 'zod';
import type { CobaltResult } from '../cobalt/cobalt-result';

/**
 * What to do with a cobalt 11 `local-processing` answer (docs/cobalt-api.md; the answer is built in
 * https://github.com/imputnet/cobalt/blob/main/api/src/processing/request.js and processed by the
 * web app in https://github.com/imputnet/cobalt/blob/main/web/src/lib/task-manager/queue.ts).
 * `merge`, `mute` and `remux` copy streams (no re-encoding), which this extension does on the
 * device; `audio` and `gif` need an encoder and `isHLS` a playlist reader, which it does not have,
 * so those fail over to an instance serving a ready file. `proxy` is a ready file.
 */

export type OutputContainer = 'mp4' | 'webm' | 'mkv';

export type LocalPlan =
  | { kind: 'save'; url: string; filename: string | null }
  | {
      kind: 'mux';
      type: 'merge' | 'mute' | 'remux';
      tunnels: string[];
      container: OutputContainer;
      mime: string;
      filename: string;
      keepAudio: boolean;
      metadata: Record<string, string>;
    }
  | { kind: 'unsupported'; reason: 'needs-encoding' | 'hls' | 'container' | 'bad-answer' };

const MAX_TUNNELS = 2;

const Answer = z.object({
  type: z.string(),
  tunnel: z.array(z.string().min(1)).min(1).max(8),
  output: z
    .object({
      type: z.string().max(100).optional(),
      filename: z.string().min(1).max(512),
      metadata: z.record(z.string(), z.unknown()).optional().catch(undefined),
    })
    .optional(),
  isHLS: z.boolean().optional().catch(undefined),
});

const CONTAINERS: Record<string, { container: OutputContainer; mime: string }> = {
  mp4: { container: 'mp4', mime: 'video/mp4' },
  webm: { container: 'webm', mime: 'video/webm' },
  mkv: { container: 'mkv', mime: 'video/x-matroska' },
};

/** The container from the filename's extension, which cobalt derives output.type from. */
function containerOf(filename: string): { container: OutputContainer; mime: string } | null {
  const extension = /\.([a-z0-9]+)$/i.exec(filename)?.[1]?.toLowerCase();
  return (extension && CONTAINERS[extension]) || null;
}

/** Only short string tags travel into the file (cobalt's fileMetadata: title, artist, …). */
function tags(metadata: Record<string, unknown> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(metadata ?? {})) {
    if (typeof value === 'string' && value !== '' && /^[a-z_]{1,32}$/.test(key)) {
      out[key] = value.slice(0, 1000);
    }
  }
  return out;
}

export function planLocalProcessing(answer: unknown): LocalPlan {
  const parsed = Answer.safeParse(answer);
  if (!parsed.success) return { kind: 'unsupported', reason: 'bad-answer' };
  const { type, tunnel, output, isHLS } = parsed.data;
  const [first] = tunnel;
  if (type === 'proxy' && first !== undefined) {
    return { kind: 'save', url: first, filename: output?.filename ?? null };
  }
  if (type === 'audio' || type === 'gif') return { kind: 'unsupported', reason: 'needs-encoding' };
  if (type !== 'merge' && type !== 'mute' && type !== 'remux') {
    return { kind: 'unsupported', reason: 'bad-answer' };
  }
  if (isHLS) return { kind: 'unsupported', reason: 'hls' };
  if (!output) return { kind: 'unsupported', reason: 'bad-answer' };
  const expected = type === 'merge' ? MAX_TUNNELS : 1;
  if (tunnel.length !== expected) return { kind: 'unsupported', reason: 'bad-answer' };
  const target = containerOf(output.filename);
  if (!target) return { kind: 'unsupported', reason: 'container' };
  return {
    kind: 'mux',
    type,
    tunnels: tunnel,
    container: target.container,
    mime: target.mime,
    filename: output.filename,
    keepAudio: type !== 'mute',
    metadata: tags(output.metadata),
  };
}

/** The plan for a parsed answer (lib/cobalt/parse-response.ts keeps what the plan reads). */
export function planForResult(result: Extract<CobaltResult, { status: 'local-processing' }>) {
  return planLocalProcessing({
    type: result.type,
    tunnel: result.tunnel,
    output:
      result.filename === null
        ? undefined
        : { filename: result.filename, metadata: result.metadata ?? undefined },
    isHLS: result.isHLS,
  });
}

export type MuxPlan = Extract<LocalPlan, { kind: 'mux' }>;
