import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchTunnel } from '../../lib/mux/fetch-tunnel';

/** A loopback server whose paths misbehave in the ways a tunnel can. */
let server: Server;
let origin: string;
const hits = new Map<string, number>();
const BODY = Buffer.alloc(50_000, 7);

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = req.url ?? '/';
    const count = (hits.get(path) ?? 0) + 1;
    hits.set(path, count);
    if (path === '/ok') {
      res.writeHead(200, { 'content-length': BODY.length });
      res.end(BODY);
    } else if (path === '/empty') {
      res.writeHead(200, { 'content-length': 0 });
      res.end();
    } else if (path === '/http') {
      res.writeHead(404);
      res.end();
    } else if (path === '/short' || (path === '/drop-once' && count === 1)) {
      // promises more than it sends, then hangs up
      res.writeHead(200, { 'content-length': BODY.length });
      res.write(BODY.subarray(0, 1000), () => res.destroy());
    } else if (path === '/drop-once') {
      res.writeHead(200, { 'content-length': BODY.length });
      res.end(BODY);
    } else {
      res.writeHead(500);
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const get = (path: string, extra: Partial<Parameters<typeof fetchTunnel>[0]> = {}) =>
  fetchTunnel({ url: `${origin}${path}`, instanceOrigin: origin, fetch, ...extra });

describe('fetchTunnel', () => {
  it('returns the whole body and reports bytes against Content-Length', async () => {
    const seen: [number, number | null][] = [];
    const blob = await get('/ok', { onBytes: (r, t) => seen.push([r, t]) });
    expect(blob.size).toBe(BODY.length);
    expect(seen.at(-1)).toEqual([BODY.length, BODY.length]);
  });

  it.each([
    ['/empty', 'empty'],
    ['/http', 'http'],
  ])('%s fails with %s and is not retried', async (path, code) => {
    hits.delete(path);
    await expect(get(path)).rejects.toMatchObject({ code });
    expect(hits.get(path)).toBe(1);
  });

  it('retries a dropped connection and then succeeds', async () => {
    const blob = await get('/drop-once');
    expect(blob.size).toBe(BODY.length);
    expect(hits.get('/drop-once')).toBe(2);
  });

  it('gives up after the attempts on a body that keeps getting cut off', async () => {
    hits.delete('/short');
    await expect(get('/short', { attempts: 2 })).rejects.toBeInstanceOf(Error);
    expect(hits.get('/short')).toBe(2);
  });

  it.each([
    ['another host', 'http://127.0.0.2:1/x'],
    ['a file URL', 'file:///etc/passwd'],
    ['credentials', 'http://user:pw@127.0.0.1/x'],
  ])('refuses a tunnel on %s without fetching', async (_, url) => {
    let called = false;
    const spy = ((...args: Parameters<typeof fetch>) => {
      called = true;
      return fetch(...args);
    }) as typeof fetch;
    await expect(
      fetchTunnel({ url, instanceOrigin: 'http://127.0.0.1', fetch: spy }),
    ).rejects.toMatchObject({ code: 'target' });
    expect(called).toBe(false);
  });

  it('stops when cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(get('/ok', { signal: controller.signal })).rejects.toMatchObject({
      code: 'cancelled',
    });
  });
});
