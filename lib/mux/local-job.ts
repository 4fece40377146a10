import type { StreamTargetChunk } from 'mediabunny';
import type { LocalProgress } from '../model/local-progress';
import { fetchTunnel, TunnelError, type FetchTunnelRequest } from './fetch-tunnel';
import type { MuxPlan } from './local-plan';
import { MuxError, muxTracks } from './mux-tracks';

/**
 * One local-processing job from tunnels to a finished file (docs/local-processing.md): fetch
 * every tunnel (in parallel: cobalt's tunnels expire, so neither may wait for the other), mux
 * without re-encoding straight into a temporary file, and hand that file back. Whatever goes
 * wrong, or a cancel, removes the temporary file before the error leaves here. Runs where the
 * page APIs are (an offscreen document in Chromium, the background page in Firefox); the
 * browser parts come in as `store` and `fetch`.
 */

/** A temporary file the muxer writes into positionally (an OPFS file in the browser). */
export interface TempFile {
  writable: WritableStream<StreamTargetChunk>;
  /** The finished file, once `writable` is closed. */
  file(): Promise<Blob>;
  remove(): Promise<void>;
}

export interface TempStore {
  create(name: string): Promise<TempFile>;
}

export interface LocalJobRequest {
  /** Names the temporary file, so a cancel or a sweep finds it. */
  jobId: string;
  plan: MuxPlan;
  instanceOrigin: string;
  fetch: FetchTunnelRequest['fetch'];
  store: TempStore;
  onProgress: (progress: LocalProgress) => void;
  signal: AbortSignal;
}

export type LocalJobFailure = {
  ok: false;
  code: 'cancelled' | 'tunnel' | 'mux' | 'storage';
  message: string;
};

export type LocalJobOutcome = { ok: true; file: TempFile; blob: Blob } | LocalJobFailure;

/** Temporary files are named `cobalt-picker-<job>.<container>`, and only those are swept. */
export const TEMP_PREFIX = 'cobalt-picker-';

function tempName(jobId: string, container: string): string {
  return `${TEMP_PREFIX}${jobId.replace(/[^a-z0-9-]/gi, '')}.${container}`;
}

function failure(error: unknown, signal: AbortSignal): LocalJobFailure {
  if (signal.aborted) return { ok: false, code: 'cancelled', message: 'cancelled' };
  if (error instanceof TunnelError) {
    return error.code === 'cancelled'
      ? { ok: false, code: 'cancelled', message: 'cancelled' }
      : { ok: false, code: 'tunnel', message: error.message };
  }
  if (error instanceof MuxError) {
    return error.code === 'cancelled'
      ? { ok: false, code: 'cancelled', message: 'cancelled' }
      : { ok: false, code: 'mux', message: error.message };
  }
  return {
    ok: false,
    code: 'storage',
    message: error instanceof Error ? error.message : String(error),
  };
}

export async function runLocalJob(request: LocalJobRequest): Promise<LocalJobOutcome> {
  const { plan, signal, onProgress } = request;
  const counts = plan.tunnels.map(() => ({ received: 0, total: null as number | null }));
  let temp: TempFile | null = null;
  try {
    // made first, so a storage that refuses fails before any tunnel is fetched
    temp = await request.store.create(tempName(request.jobId, plan.container));
    onProgress({ phase: 'fetching', tunnels: counts.map((c) => ({ ...c })) });
    const inputs = await Promise.all(
      plan.tunnels.map((url, index) =>
        fetchTunnel({
          url,
          instanceOrigin: request.instanceOrigin,
          fetch: request.fetch,
          signal,
          onBytes: (received, total) => {
            counts[index] = { received, total };
            onProgress({ phase: 'fetching', tunnels: counts.map((c) => ({ ...c })) });
          },
        }),
      ),
    );
    onProgress({ phase: 'muxing', percent: 0 });
    await muxTracks({
      inputs,
      container: plan.container,
      keepAudio: plan.keepAudio,
      metadata: plan.metadata,
      target: temp.writable,
      signal,
      onProgress: (fraction) =>
        onProgress({ phase: 'muxing', percent: Math.round(fraction * 100) }),
    });
    const blob = await temp.file();
    if (signal.aborted) throw new MuxError('cancelled', 'cancelled');
    return { ok: true, file: temp, blob };
  } catch (error) {
    await temp?.remove().catch(() => undefined);
    return failure(error, signal);
  }
}
