import { customSourceId, type SourceDescriptor } from '../../lib/sources/builtin-sources';
import { refreshSource, type RefreshSourceInput } from '../../lib/sources/refresh-source';
import { parseSourceState, type SourceState } from '../../lib/sources/source-state';
import { USER_AGENT, withUserAgent } from '../../lib/net/user-agent';
import {
  readFeedFixture,
  startTrackerServer,
  TRACKER_PATHS,
  type TrackerServer,
} from '../support/tracker-server';

const MINUTE = 60_000;
const START = Date.UTC(2026, 4, 4, 12, 0, 0);
const TIMEOUT_MS = 5000;

let server: TrackerServer;
let clock: number;

beforeEach(async () => {
  server = await startTrackerServer();
  clock = START;
});

afterEach(async () => {
  await server.close();
});

const hyperSource = (): SourceDescriptor => ({
  id: 'hyper',
  url: `${server.url}${TRACKER_PATHS.hyper}`,
});

function refresh(previous: SourceState | null, overrides: Partial<RefreshSourceInput> = {}) {
  return refreshSource({
    // as the engine wraps it (lib/net/user-agent.ts) where the browser honours the header
    fetch: withUserAgent(globalThis.fetch, USER_AGENT),
    now: () => clock,
    source: hyperSource(),
    previous,
    timeoutMs: TIMEOUT_MS,
    refreshMinutes: 60,
    // The middle of the ±10 % jitter: due again exactly one interval later.
    random: () => 0.5,
    ...overrides,
  });
}

describe('refreshSource over a real tracker server', () => {
  it('200, then 304 for the same ETag: entries kept, success recorded', async () => {
    const first = await refresh(null);
    expect(first).toMatchObject({
      id: 'hyper',
      format: 'hyper',
      lastOutcome: 'updated',
      lastSuccess: START,
      lastAttempt: START,
      lastError: null,
      failures: 0,
      droppedCount: 0,
      nextAttempt: START + 60 * MINUTE,
    });
    expect(first.entries).toHaveLength(5);
    expect(first.etag).toMatch(/^"[0-9a-f]{16}"$/);
    expect(first.lastModified).toMatch(/GMT$/);

    clock += 60 * MINUTE;
    const second = await refresh(first);
    const [, conditional] = server.requestsTo(TRACKER_PATHS.hyper);
    expect(conditional?.headers['if-none-match']).toBe(first.etag);
    expect(conditional?.status).toBe(304);
    expect(second).toMatchObject({
      lastOutcome: 'not-modified',
      lastSuccess: START + 60 * MINUTE,
      etag: first.etag,
      failures: 0,
    });
    expect(second.entries).toEqual(first.entries);
  });

  it('Last-Modified alone drives a 304 through If-Modified-Since', async () => {
    server.setFeed(TRACKER_PATHS.hyper, readFeedFixture('hyper-2024-08-trust.json'), {
      etag: false,
      lastModified: new Date(START - 5 * MINUTE),
    });
    const first = await refresh(null);
    expect(first).toMatchObject({ etag: null, lastModified: 'Mon, 04 May 2026 11:55:00 GMT' });
    expect(first.entries).toHaveLength(4);

    const second = await refresh(first);
    const [, conditional] = server.requestsTo(TRACKER_PATHS.hyper);
    expect(conditional?.headers['if-modified-since']).toBe('Mon, 04 May 2026 11:55:00 GMT');
    expect(conditional?.headers['if-none-match']).toBeUndefined();
    expect(second.lastOutcome).toBe('not-modified');
    expect(second.entries).toEqual(first.entries);
  });

  it('a changed feed answers 200 to the old ETag and replaces the entries', async () => {
    const first = await refresh(null);
    server.setFeed(TRACKER_PATHS.hyper, readFeedFixture('hyper-2024-08-trust.json'));
    const second = await refresh(first);
    expect(second.lastOutcome).toBe('updated');
    expect(second.entries).toHaveLength(4);
    expect(second.etag).not.toBe(first.etag);
  });

  it('HTTP 500 keeps the last good entries and backs off further each time', async () => {
    const good = await refresh(null);
    server.setMode(TRACKER_PATHS.hyper, 'error');
    const host = new URL(server.url).host;
    let state = good;
    const waits: number[] = [];
    for (let attempt = 1; attempt <= 4; attempt += 1) {
      clock += MINUTE;
      state = await refresh(state);
      expect(state).toMatchObject({
        lastOutcome: 'failed',
        failures: attempt,
        lastError: `${host} answered with an error (HTTP 500); using the list from 2026-05-04`,
        lastFailure: { kind: 'http', status: 500 },
        failingSince: START + MINUTE,
        lastErrorAt: clock,
        lastSuccess: START,
        etag: good.etag,
      });
      expect(state.entries).toEqual(good.entries);
      waits.push((state.nextAttempt - clock) / MINUTE);
    }
    expect(waits).toEqual([15, 30, 60, 120]);

    server.setMode(TRACKER_PATHS.hyper, 'ok');
    clock += 2 * 60 * MINUTE;
    const recovered = await refresh(state);
    expect(recovered).toMatchObject({
      failures: 0,
      failingSince: null,
      lastOutcome: 'not-modified',
      lastSuccess: clock,
    });
    // The last error stays visible for diagnostics; `failures` says it is over.
    expect(recovered.lastError).toBe(state.lastError);
  });

  it.each([
    [
      'broken JSON',
      'broken-json' as const,
      'not-json',
      200,
      'did not send a JSON list (the answer is not valid JSON); using the list from 2026-05-04',
    ],
    [
      'an HTML page',
      'html' as const,
      'not-json',
      200,
      'did not send a JSON list (the answer is a web page, not a JSON instance list); ' +
        'using the list from 2026-05-04',
    ],
    [
      'a 403 browser check',
      'challenge' as const,
      'challenge',
      403,
      'asked for a browser check; using the list from 2026-05-04',
    ],
    [
      'a 404',
      { status: 404, body: 'Not Found' },
      'gone',
      404,
      'no longer serves this list (HTTP 404); using the list from 2026-05-04',
    ],
    [
      'a 410',
      { status: 410, body: 'Gone' },
      'gone',
      410,
      'no longer serves this list (HTTP 410); using the list from 2026-05-04',
    ],
    [
      'a 304 to a request without validators',
      { status: 304 },
      'no-copy-304',
      304,
      'said "not modified" but we hold no copy of its list; using the bundled list',
    ],
  ])(
    '%s keeps the last good snapshot, with its kind and plain words',
    async (_label, mode, kind, status, message) => {
      const good = typeof mode === 'object' && mode.status === 304 ? null : await refresh(null);
      server.setMode(TRACKER_PATHS.hyper, mode);
      const state = await refresh(good);
      expect(state.lastOutcome).toBe('failed');
      expect(state.lastFailure).toEqual({ kind, status });
      expect(state.lastError).toBe(`${new URL(server.url).host} ${message}`);
      expect(state.entries).toEqual(good?.entries ?? []);
      expect(state.etag).toBe(good?.etag ?? null);
      expect(state.failures).toBe(1);
    },
  );

  it('a feed in which every entry is dropped is a failure, not an empty list', async () => {
    const good = await refresh(null);
    server.setFeed(TRACKER_PATHS.hyper, [
      null,
      { api: 42 },
      { api: 'x.example.com', protocol: 'ftp' },
    ]);
    const state = await refresh(good);
    expect(state.lastError).toBe(
      `The list from ${new URL(server.url).host} had no usable instances ` +
        '(3 dropped; the first because entry is null, not an object); ' +
        'using the list from 2026-05-04',
    );
    expect(state.lastFailure).toEqual({ kind: 'empty', status: 200 });
    expect(state.entries).toEqual(good.entries);

    server.setFeed(TRACKER_PATHS.hyper, []);
    const empty = await refresh(state);
    expect(empty.lastError).toBe(
      `The list from ${new URL(server.url).host} could not be read (the feed lists no instances); ` +
        'using the list from 2026-05-04',
    );
    expect(empty.lastFailure).toEqual({ kind: 'bad-feed', status: 200 });
    expect(empty.failures).toBe(2);
  });

  it('a hanging tracker times out and keeps the last good entries', async () => {
    const good = await refresh(null);
    server.setMode(TRACKER_PATHS.hyper, 'hang');
    const started = Date.now();
    const state = await refresh(good, { timeoutMs: 300 });
    expect(Date.now() - started).toBeLessThan(3000);
    expect(state.lastError).toBe(
      `${new URL(server.url).host} did not answer within 300 ms; using the list from 2026-05-04`,
    );
    expect(state.lastFailure).toEqual({ kind: 'timeout', status: null });
    expect(state.entries).toEqual(good.entries);
  });

  it('an unreachable tracker is a network error in plain words', async () => {
    const gone = await startTrackerServer({ defaults: false });
    const url = `${gone.url}/instances.json`;
    await gone.close();
    const state = await refresh(null, { source: { id: 'hyper', url } });
    expect(state.lastError).toMatch(new RegExp(`^Could not reach ${new URL(url).host} \\(`));
    expect(state.lastFailure).toEqual({ kind: 'unreachable', status: null });
    expect(state.entries).toEqual([]);
    expect(state.nextAttempt).toBe(START + 15 * MINUTE);
  });

  it('a name that does not resolve is told as a DNS failure', async () => {
    // The resolver's own error as Node's fetch reports it; nothing leaves the machine.
    const dnsFailure: typeof fetch = () =>
      Promise.reject(
        new TypeError('fetch failed', {
          cause: new Error('getaddrinfo ENOTFOUND instances.cobalt.best'),
        }),
      );
    const source = {
      id: 'cobalt-best' as const,
      url: 'https://instances.cobalt.best/instances.json',
    };
    const state = await refresh(null, { fetch: dnsFailure, source });
    expect(state.lastFailure).toEqual({ kind: 'dns', status: null });
    expect(state.lastError).toBe(
      'instances.cobalt.best could not be found (its name does not resolve); using the bundled list',
    );
  });

  it('a tracker behind a browser check for days is asked once a day, and no more than 24 times a day', async () => {
    const good = await refresh(null);
    server.setMode(TRACKER_PATHS.hyper, 'challenge');
    let state = good;
    const waits: number[] = [];
    // Each refresh runs when the previous one said it was due.
    clock = state.nextAttempt;
    while (clock < START + 4 * 24 * 60 * MINUTE) {
      state = await refresh(state);
      waits.push(Math.round((state.nextAttempt - clock) / MINUTE));
      clock = state.nextAttempt;
    }
    // 15 m doubling up to 16 h; the streak is then a day old, so once a day from there on.
    expect(waits.slice(0, 8)).toEqual([15, 30, 60, 120, 240, 480, 960, 1440]);
    expect(waits.slice(8).every((wait) => wait === 1440)).toBe(true);
    expect(state.lastFailure).toEqual({ kind: 'challenge', status: 403 });
    expect(state.entries).toEqual(good.entries);
    expect(state.failingSince).toBe(good.nextAttempt);

    // "Refresh now" over and over: the 25th request in a day is not sent.
    server.setMode(TRACKER_PATHS.hyper, 'ok');
    const before = server.requestsTo(TRACKER_PATHS.hyper).length;
    let forced = state;
    for (let i = 0; i < 30; i += 1) {
      clock += MINUTE;
      forced = await refresh(forced);
    }
    const sent = server.requestsTo(TRACKER_PATHS.hyper).length - before;
    // The last daily attempt is over a day old by now, so the window is empty at the start.
    expect(sent).toBe(24);
    expect(forced.recentAttempts).toHaveLength(24);
    expect(forced.failures).toBe(0);
    // Due again when the first of those 24 leaves the window.
    expect(forced.nextAttempt).toBe(forced.recentAttempts[0]! + 24 * 60 * MINUTE);
  });

  it('sends the descriptive User-Agent (through the wrapped fetch) and asks for JSON', async () => {
    await refresh(null);
    const [request] = server.requestsTo(TRACKER_PATHS.hyper);
    expect(request?.headers['user-agent']).toBe(USER_AGENT);
    expect(request?.headers.accept).toBe('application/json');
    expect(request?.headers['if-none-match']).toBeUndefined();
  });

  it('ignores a previous state kept for another URL (an edited custom list)', async () => {
    const good = await refresh(null);
    const moved = { ...good, url: `${server.url}/old-location.json` };
    const state = await refresh(moved);
    const [, second] = server.requestsTo(TRACKER_PATHS.hyper);
    expect(second?.headers['if-none-match']).toBeUndefined();
    expect(state.url).toBe(hyperSource().url);
  });

  it('the resulting state survives storage (JSON round trip + schema)', async () => {
    const state = await refresh(null);
    expect(parseSourceState(JSON.parse(JSON.stringify(state)))).toEqual({ ok: true, state });
  });

  it.each([
    ['hyper-2024-04-api-status.json', 'hyper', 3, 0],
    ['hyper-2024-10-final.json', 'hyper', 5, 0],
    ['hyper-bad-entries.json', 'hyper', 3, 13],
    ['directory-tests.json', 'directory-tests', 5, 3],
    ['directory-working.json', 'directory-working', 3, 3],
    ['cobalt-best-old.json', 'cobalt-best', 3, 2],
    ['cobalt-best-new.json', 'cobalt-best', 5, 3],
  ])('a custom list serving %s is detected as %s', async (fixture, format, usable, dropped) => {
    const path = `/lists/${fixture}`;
    server.setFeed(path, readFeedFixture(fixture));
    const url = `${server.url}${path}`;
    const id = customSourceId(url);
    const state = await refresh(null, { source: { id, url } });
    expect(state).toMatchObject({ id, format, lastOutcome: 'updated', droppedCount: dropped });
    expect(state.entries).toHaveLength(usable);
    expect(state.dropped).toHaveLength(dropped);
    expect(state.entries.every((entry) => entry.source === id)).toBe(true);
  });

  it('the tracker server sends no CORS headers (like cobalt.directory)', async () => {
    const response = await fetch(`${server.url}${TRACKER_PATHS.directoryTests}`, {
      headers: { origin: 'chrome-extension://abc' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });
});
