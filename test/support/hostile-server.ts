import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { loopbackOrigin } from './loopback-names';
import { registerServer } from './server-registry';

/**
 * A hostile (or just broken) "instance" on 127.0.0.1 for the adversarial catalogue
 * (test/integration/adversarial.test.ts): whatever the test scripts, byte for byte, including
 * what the cobalt-compatible server never does: a body of 10 MB, a body that never ends, any
 * raw status and headers, any `GET /`. Each request is logged and registered for the suite-wide
 * security invariants like every other test server.
 */

interface HostileRequest {
  method: string;
  /** Path with query. */
  path: string;
  /** Lower-case header names. */
  headers: Record<string, string>;
  body: string;
  time: number;
}

type HostileAnswer =
  /** A complete answer (a JSON value is serialised, a string or Buffer sent as-is). */
  | {
      status: number;
      headers?: Record<string, string>;
      body?: string | Buffer;
      json?: unknown;
    }
  /**
   * `totalBytes` of `fill` written as fast as the client reads them (chunked unless
   * `declareLength`): `bytesWritten()` then says how much the client let through.
   */
  | {
      stream: true;
      status: number;
      headers?: Record<string, string>;
      totalBytes: number;
      fill?: string;
      declareLength?: boolean;
    }
  /** Headers and `prefix` go out, then nothing more, ever (until close). */
  | { neverEnds: true; status: number; headers?: Record<string, string>; prefix: string }
  /** The request is read and never answered. */
  | { hang: true };

export type Responder = (request: HostileRequest) => HostileAnswer;

export interface HostileServer {
  origin: string;
  requests: HostileRequest[];
  /** Replace the answer for every following request. */
  respond(responder: Responder): void;
  /** Bytes of streamed bodies the socket accepted (what the client did not refuse). */
  bytesWritten(): number;
  close(): Promise<void>;
}

const CHUNK_BYTES = 64 * 1024;

export async function startHostileServer(
  responder: Responder,
  options: { byAddress?: boolean } = {},
): Promise<HostileServer> {
  let answer = responder;
  const requests: HostileRequest[] = [];
  const sockets = new Set<Socket>();
  let written = 0;
  let record: ReturnType<typeof registerServer> = () => null;

  const server = createServer((req, res) => {
    void readBody(req).then((body) => {
      const request: HostileRequest = {
        method: req.method ?? 'GET',
        path: req.url ?? '/',
        headers: flatten(req),
        body,
        time: Date.now(),
      };
      requests.push(request);
      record(request);
      reply(answer(request), res);
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  // Named like every test server (a community instance), or by its address when a test plays
  // the user's own instance on this machine (settings "My instances").
  const origin = options.byAddress ? `http://127.0.0.1:${port}` : loopbackOrigin(port);
  record = registerServer({ kind: 'hostile', origin });

  function reply(how: HostileAnswer, res: ServerResponse): void {
    if ('hang' in how) return;
    const headers = { 'Access-Control-Allow-Origin': '*', ...how.headers };
    if ('neverEnds' in how) {
      res.writeHead(how.status, headers);
      res.write(how.prefix);
      return;
    }
    if ('stream' in how) {
      const chunk = Buffer.alloc(CHUNK_BYTES, how.fill ?? ' ');
      res.writeHead(how.status, {
        ...headers,
        ...(how.declareLength ? { 'Content-Length': String(how.totalBytes) } : {}),
      });
      let left = how.totalBytes;
      const pump = () => {
        while (left > 0 && !res.destroyed) {
          const part = left >= CHUNK_BYTES ? chunk : chunk.subarray(0, left);
          left -= part.length;
          const more = res.write(part, (error) => {
            if (!error) written += part.length;
          });
          if (!more) {
            res.once('drain', pump);
            return;
          }
        }
        if (left <= 0) res.end();
      };
      res.on('error', () => undefined);
      pump();
      return;
    }
    const body = how.json !== undefined ? JSON.stringify(how.json) : (how.body ?? Buffer.alloc(0));
    const type = how.json !== undefined ? { 'Content-Type': 'application/json' } : {};
    res.writeHead(how.status, { ...type, ...headers });
    res.end(body);
  }

  return {
    origin,
    requests,
    respond(next) {
      answer = next;
    },
    bytesWritten: () => written,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

function flatten(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}
