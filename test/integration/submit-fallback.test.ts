import type { AttemptOutcome } from '../../lib/cobalt/cobalt-result';
import { requestInstance } from '../../lib/cobalt/request-instance';
import { DEFAULT_SETTINGS } from '../../lib/settings/schema';
import { acceptDeliverable } from '../../lib/submit/accept-deliverable';
import { deliverResult } from '../../lib/submit/deliver-result';
import type { DownloadAdapter, DownloadRequest } from '../../lib/submit/download-adapter';
import { attemptTiming, type AttemptTiming } from '../../lib/submit/hedge-delay';
import { runFallback, type FallbackResult } from '../../lib/submit/run-fallback';
import { toUserError } from '../../lib/submit/user-error';
import { startCobaltServer, type CobaltServer, type StartOptions } from '../support/cobalt-server';

/**
 * The fallback chain over real HTTP on 127.0.0.1: lib/cobalt's requestInstance against the
 * cobalt-compatible test server, then the winning result handed to a downloads adapter that
 * really fetches the tunnel bytes.
 */

const fetch = globalThis.fetch.bind(globalThis);
const LINK = 'https://www.youtube.com/watch?v=dQw4w9WgXcQ';
const { fallback } = DEFAULT_SETTINGS;
/**
 * Every instance timed as if the service's answers had been learned at a few hundred ms (a 95th
 * percentile of 400 ms: hedge at 400 ms, hung at 1.2 s), so hangs are let go within seconds.
 * What a fresh profile does (hedge at 6 s) is covered by test/unit/app/run-job.test.ts.
 */
const LEARNED = attemptTiming(400, {
  ceilingMs: fallback.hedgeMs,
  deadlineMs: fallback.deadlineMs,
});
const TUNNEL_BYTES = 4096;

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((close) => close()));
});

async function cobalt(options: StartOptions = {}): Promise<CobaltServer> {
  const server = await startCobaltServer({ tunnelBytes: TUNNEL_BYTES, ...options });
  cleanups.push(() => server.close());
  return server;
}

function posts(server: CobaltServer): number {
  return server.requests.filter((r) => r.method === 'POST').length;
}

/** One attempt, as the background wires it: the page link, default options, our signal. */
function attempt(origin: string, signal: AbortSignal): Promise<AttemptOutcome> {
  return requestInstance({
    fetch,
    origin,
    version: '11.7.1',
    url: LINK,
    options: DEFAULT_SETTINGS.download,
    signal,
  });
}

/** A downloads adapter that really downloads: fetches the URL and keeps the bytes. */
function fetchingDownloads() {
  const saved: { req: DownloadRequest; bytes: number; status: number }[] = [];
  const adapter: DownloadAdapter = {
    async download(req) {
      const res = await fetch(req.url);
      const bytes = (await res.arrayBuffer()).byteLength;
      saved.push({ req, bytes, status: res.status });
      return res.ok ? { ok: true, id: saved.length } : { ok: false, message: `HTTP ${res.status}` };
    },
  };
  return { adapter, saved };
}

async function submit(
  servers: CobaltServer[],
  maxAttempts: number = fallback.maxAttempts,
  timing: AttemptTiming = LEARNED,
): Promise<{ result: FallbackResult; elapsedMs: number }> {
  const started = performance.now();
  const result = await runFallback({
    candidates: servers.map((server) => ({ origin: server.origin })),
    attempt,
    maxAttempts,
    deadlineMs: fallback.deadlineMs,
    timing: () => timing,
    acceptResult: (result, origin) =>
      acceptDeliverable(
        result,
        {
          instanceOrigin: origin,
          reportedApiUrl: null,
          service: 'youtube',
        },
        // the muxing instances here stand for any that answer with parts: with processing on
        // this device off, they fail over as instances serving no ready file
        'off',
      ),
  });
  return { result, elapsedMs: performance.now() - started };
}

describe('submit with fallback over real HTTP', () => {
  it('gets past every kind of broken instance to the healthy one, and downloads the tunnel', async () => {
    const hanging = await cobalt({ behavior: { kind: 'hang' } });
    const refusing = await cobalt({ behavior: { kind: 'refuse' } });
    const limited = await cobalt({
      behavior: {
        kind: 'rate-limited',
        retryAfter: '30',
        reset: '30',
        remaining: '0',
        limit: '20',
      },
    });
    const broken = await cobalt({ behavior: { kind: 'server-error', status: 502 } });
    const keyOnly = await cobalt({
      apiKeys: ['0b3f1c2e-4d5a-4b6c-8d7e-9f0a1b2c3d4e'],
      authRequired: true,
    });
    const turnstile = await cobalt({ turnstileSitekey: '0x4AAAAAAA-test-sitekey' });
    const muxOnly = await cobalt({ forceLocalProcessing: true });
    const healthy = await cobalt({ behavior: { kind: 'healthy', delayMs: 50 } });
    const ranked = [hanging, refusing, limited, broken, keyOnly, turnstile, muxOnly, healthy];

    // Eight instances: the chain needs a bound above the default five to reach the last. The
    // hang is never taken for hung here (its hard timeout is the deadline), so the trail does not
    // depend on how fast this machine walks through the other seven.
    const { result, elapsedMs } = await submit(ranked, ranked.length, {
      hedgeMs: LEARNED.hedgeMs,
      hardTimeoutMs: fallback.deadlineMs,
    });

    expect(result).toMatchObject({ ok: true, origin: healthy.origin });
    if (!result.ok) return;
    expect(result.trail.map(({ origin, outcome, code }) => ({ origin, outcome, code }))).toEqual([
      { origin: hanging.origin, outcome: 'cancelled', code: undefined },
      { origin: refusing.origin, outcome: 'failed', code: 'client.refused' },
      { origin: limited.origin, outcome: 'failed', code: 'error.api.rate_exceeded' },
      { origin: broken.origin, outcome: 'failed', code: 'client.http_5xx' },
      { origin: keyOnly.origin, outcome: 'failed', code: 'error.api.auth.key.missing' },
      { origin: turnstile.origin, outcome: 'failed', code: 'error.api.auth.jwt.missing' },
      { origin: muxOnly.origin, outcome: 'failed', code: 'client.needs_local_processing' },
      { origin: healthy.origin, outcome: 'ok', code: undefined },
    ]);
    for (const entry of result.trail) expect(entry.ms).toBeGreaterThanOrEqual(0);
    expect(elapsedMs).toBeLessThan(fallback.deadlineMs);

    // The tunnel is handed over at once, and its bytes really arrive.
    const downloads = fetchingDownloads();
    const delivered = await deliverResult({
      result: result.result,
      download: downloads.adapter,
      filenameFallback: 'youtube-dQw4w9WgXcQ.mp4',
      saveAs: false,
    });
    expect(delivered).toMatchObject({ kind: 'downloading', filename: 'youtube_test_media.mp4' });
    expect(downloads.saved).toHaveLength(1);
    expect(downloads.saved[0]).toMatchObject({ status: 200, bytes: TUNNEL_BYTES });
    expect(downloads.saved[0]?.req.url.startsWith(`${healthy.origin}/tunnel?`)).toBe(true);
  });

  it('stops at once on a private post: no other instance is asked', async () => {
    const privatePost = await cobalt({
      behavior: { kind: 'error', code: 'error.api.content.post.private' },
    });
    const next = await cobalt();
    const last = await cobalt();

    const { result } = await submit([privatePost, next, last]);

    expect(result).toMatchObject({
      ok: false,
      reason: 'content',
      error: { code: 'error.api.content.post.private', action: 'stop' },
    });
    expect(result.trail).toHaveLength(1);
    expect(posts(privatePost)).toBe(1);
    expect(posts(next)).toBe(0);
    expect(posts(last)).toBe(0);
    if (!result.ok) expect(toUserError(result)).toMatchObject({ kind: 'content' });
  });

  it('a private post answered by the hedge cancels the hanging one and asks nobody else', async () => {
    const hanging = await cobalt({ behavior: { kind: 'hang' } });
    const privatePost = await cobalt({
      behavior: { kind: 'error', code: 'error.api.content.post.private' },
    });
    const healthy = await cobalt();

    const { result } = await submit([hanging, privatePost, healthy]);

    expect(result).toMatchObject({ ok: false, reason: 'content' });
    expect(result.trail.map((e) => [e.origin, e.outcome])).toEqual([
      [hanging.origin, 'cancelled'],
      [privatePost.origin, 'failed'],
    ]);
    expect(posts(healthy)).toBe(0);
  });

  it('gets past three hanging instances ahead of a healthy one, each let go as hung', async () => {
    const hanging = [
      await cobalt({ behavior: { kind: 'hang' } }),
      await cobalt({ behavior: { kind: 'hang' } }),
      await cobalt({ behavior: { kind: 'hang' } }),
    ];
    const healthy = await cobalt({ behavior: { kind: 'healthy', delayMs: 300 } });

    const { result, elapsedMs } = await submit([...hanging, healthy]);

    expect(result).toMatchObject({ ok: true, origin: healthy.origin });
    expect(result.trail.map((e) => e.code ?? e.outcome)).toEqual([
      'client.timeout',
      'client.timeout',
      'cancelled',
      'ok',
    ]);
    // The healthy one starts after two hard timeouts (slots freed by h1 and h2), not sooner.
    expect(elapsedMs).toBeGreaterThanOrEqual(LEARNED.hedgeMs + LEARNED.hardTimeoutMs + 300 - 50);
    // Every hanging instance was asked once and let go.
    for (const server of hanging) expect(posts(server)).toBe(1);
  });
});
