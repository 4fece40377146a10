import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * The probe sweep's instances: many tiny cobalt-like HTTP servers, one port (= one origin) each,
 * each answering `GET /` with a real 11.7.1 server-info body after its own delay, or never
 * (hanging). Runs in a child process of the benchmark so that serving 500 instances does not
 * take CPU from the event loop being measured, and counts sockets where they are accepted.
 *
 * Answers carry `Connection: close`, so one TCP connection is one probe: the number of open
 * sockets is the number of probes in progress (with keep-alive, idle pooled sockets would be
 * counted too and say nothing about the sweep's concurrency).
 */

export interface FleetSpec {
  /** Per instance: answer delay in ms, or null = never answers. */
  delays: (number | null)[];
}

export interface FleetStats {
  /** Most TCP connections open at once (accepted, not yet closed or answered). */
  peakOpen: number;
  /** Connections accepted since the last reset. */
  accepted: number;
  /** GET / requests answered since the last reset. */
  answered: number;
}

export type FleetMessage =
  { type: 'ready'; ports: number[] } | { type: 'stats'; stats: FleetStats };

export type FleetCommand = { type: 'reset' } | { type: 'stats' } | { type: 'close' };

function infoBody(port: number): string {
  return JSON.stringify({
    cobalt: {
      version: '11.7.1',
      url: `http://127.0.0.1:${port}/`,
      startTime: '1795392090053',
      services: ['bluesky', 'instagram', 'reddit', 'tiktok', 'twitter', 'youtube'],
    },
    git: {
      branch: 'main',
      commit: 'a636575b09de1fc55d9b8cd98cac88f5f2f16b42',
      remote: 'imputnet/cobalt',
    },
  });
}

/** Child side: started with the spec as JSON in argv after `--fleet`. */
export async function serveFleet(spec: FleetSpec): Promise<void> {
  let open = 0;
  let peakOpen = 0;
  let accepted = 0;
  let answered = 0;
  const servers: Server[] = [];
  const sockets = new Set<Socket>();
  const release = new WeakMap<Socket, () => void>();

  const start = (delay: number | null) =>
    new Promise<number>((resolve, reject) => {
      const server = createServer((req, res) => {
        if (delay === null) return; // hangs: the client's timeout ends it
        const timer = setTimeout(() => {
          const port = (server.address() as AddressInfo).port;
          const body = infoBody(port);
          res.writeHead(200, {
            'Content-Type': 'application/json; charset=utf-8',
            'Content-Length': Buffer.byteLength(body),
            'Access-Control-Allow-Origin': '*',
            Connection: 'close',
          });
          res.end(body);
          answered += 1;
          // The answer is out and the server closes the connection: this probe is over.
          release.get(req.socket)?.();
        }, delay);
        res.on('close', () => clearTimeout(timer));
      });
      server.on('connection', (socket: Socket) => {
        sockets.add(socket);
        accepted += 1;
        open += 1;
        if (open > peakOpen) peakOpen = open;
        let counted = true;
        const done = () => {
          if (!counted) return;
          counted = false;
          open -= 1;
        };
        release.set(socket, done);
        // Over when answered (above), or when the client closed its end (a timeout's abort).
        // 'end' (EOF read) rather than only 'close': 'close' comes in a later phase of the event
        // loop than the accept of the client's next connection, which would count one probe
        // twice for a moment.
        socket.on('end', done);
        socket.on('close', () => {
          sockets.delete(socket);
          done();
        });
      });
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
      servers.push(server);
    });

  const ports: number[] = [];
  for (const delay of spec.delays) ports.push(await start(delay));
  const send = (m: FleetMessage) => process.send?.(m);
  send({ type: 'ready', ports });
  process.on('message', (command: FleetCommand) => {
    if (command.type === 'reset') {
      peakOpen = open;
      accepted = 0;
      answered = 0;
      send({ type: 'stats', stats: { peakOpen, accepted, answered } });
    } else if (command.type === 'stats') {
      send({ type: 'stats', stats: { peakOpen, accepted, answered } });
    } else {
      for (const socket of sockets) socket.destroy();
      for (const server of servers) server.close();
      process.exit(0);
    }
  });
}
