import { isTunnelOnInstanceOrigin } from './tunnel-origin';

/**
 * Fetches one tunnel's body for muxing on the device. A tunnel is a file the instance streams as
 * it fetches it upstream, so a dropped connection is worth a retry; a short body (fewer bytes than
 * `Content-Length` promised) is retried too, and an empty one is a failure, never a file to mux.
 */

type FetchLike = (url: string, init: { signal?: AbortSignal }) => Promise<Response>;

export interface FetchTunnelRequest {
  url: string;
  instanceOrigin: string;
  fetch: FetchLike;
  signal?: AbortSignal;
  /** Bytes received so far, and the expected total when the server said. */
  onBytes?: (received: number, total: number | null) => void;
  /** Attempts on network errors (not on HTTP errors). */
  attempts?: number;
}

export class TunnelError extends Error {
  constructor(
    readonly code: 'target' | 'http' | 'empty' | 'short' | 'network' | 'cancelled',
    message: string,
  ) {
    super(message);
    this.name = 'TunnelError';
  }
}

const DEFAULT_ATTEMPTS = 3;

function expectedLength(response: Response): number | null {
  const header = response.headers.get('content-length');
  if (header === null || !/^\d+$/.test(header.trim())) return null;
  return Number(header);
}

async function readOnce(request: FetchTunnelRequest): Promise<Blob> {
  const response = await request.fetch(request.url, { signal: request.signal });
  if (!response.ok) {
    throw new TunnelError('http', `the tunnel answered HTTP ${response.status}`);
  }
  const total = expectedLength(response);
  const parts: Uint8Array[] = [];
  let received = 0;
  const reader = response.body?.getReader();
  if (reader) {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      parts.push(value);
      received += value.length;
      request.onBytes?.(received, total);
    }
  }
  if (received === 0) throw new TunnelError('empty', 'the tunnel sent an empty file');
  if (total !== null && received !== total) {
    throw new TunnelError('short', `the tunnel sent ${received} of ${total} bytes`);
  }
  return new Blob(parts as BlobPart[]);
}

export async function fetchTunnel(request: FetchTunnelRequest): Promise<Blob> {
  if (!isTunnelOnInstanceOrigin(request.url, request.instanceOrigin)) {
    throw new TunnelError('target', 'the tunnel is not on the instance’s own address');
  }
  const attempts = request.attempts ?? DEFAULT_ATTEMPTS;
  let last: unknown = null;
  for (let attempt = 0; attempt < attempts; attempt += 1) {
    if (request.signal?.aborted) throw new TunnelError('cancelled', 'cancelled');
    try {
      return await readOnce(request);
    } catch (error) {
      if (request.signal?.aborted) throw new TunnelError('cancelled', 'cancelled');
      // an HTTP error or an empty body is the instance's answer, not an accident: no retry. A
      // dropped connection or a cut-off body is retried.
      if (error instanceof TunnelError && error.code !== 'short') throw error;
      last = error;
    }
  }
  if (last instanceof TunnelError) throw last;
  throw new TunnelError('network', last instanceof Error ? last.message : 'network error');
}
