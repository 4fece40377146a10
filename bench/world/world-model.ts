import type { Instance } from '../../lib/instances/instance';
import type { ServiceKey } from '../../lib/services/service-key';

/**
 * A seeded, reproducible model of what community cobalt instances do on `POST /`
 * (docs/performance.md "World model" states every parameter and where it comes from).
 *
 * - Every (instance, service) pair has a class: healthy, slow (healthy, 3× the usual time),
 *   blocked (a fast instance-class error: the service blocks the instance's IP, a login wall),
 *   busy (healthy, but other users spend its rate limit: 429 with `RateLimit-*` and
 *   `Retry-After` on a share of requests), key-only (`error.api.auth.key.missing`), hang
 *   (accepts `POST /` and never answers) or flaky (hangs on a share of requests).
 * - Processing time is drawn per attempt from the (instance, service) pair's long-tailed
 *   distribution: log-normal, default median 1.5 s and p95 6 s. Healthy pairs of a service differ
 *   little in their median (it is mostly the service's own time to answer the instance); the
 *   `slow` class is three times slower.
 * - Per download: a share of pages are content errors (private, deleted: every instance that
 *   gets as far as asking the service says so), and any tunnel may break mid-download.
 *
 * Every draw is a pure function of (seed, download, instance, attempt), so every client
 * (ours, the peers, the oracle) meets exactly the same world, whatever order it asks in.
 */

export type InstanceClass = 'healthy' | 'slow' | 'blocked' | 'busy' | 'keyOnly' | 'hang' | 'flaky';

/** Classes whose instance works for the service (a quarantine of one of them is a false one). */
export const WORKING_CLASSES: ReadonlySet<InstanceClass> = new Set(['healthy', 'slow', 'busy']);

export interface WorldParams {
  name: string;
  seed: number;
  /** Median answer time of a healthy pair. */
  medianMs: number;
  /** Spread of one pair's attempts (sd of ln ms): ln 4 / 1.645 puts p95 at 4 × median. */
  attemptLogSd: number;
  /** Spread of healthy pairs' medians around the world's median (sd of ln ms). */
  pairLogSd: number;
  /** How many times slower a `slow` pair's median is. */
  slowFactor: number;
  instances: number;
  services: readonly ServiceKey[];
  /** Relative weights of the classes, per (instance, service) pair. */
  classWeights: Readonly<Record<InstanceClass, number>>;
  /** A `busy` pair answers 429 this often. */
  busyRateLimitShare: number;
  /** A `flaky` pair hangs this often. */
  flakyHangShare: number;
  /** Pages that are content errors (private, deleted). */
  contentErrorShare: number;
  /** Tunnels that break mid-download (an instance restart, a dropped upstream). */
  tunnelBreakShare: number;
  downloads: number;
  /** Mean time between two downloads (exponential gaps). */
  meanGapMs: number;
}

/** ln 4 / z(0.95): p95 = 4 × median, i.e. median 1.5 s → p95 6 s. */
const DEFAULT_ATTEMPT_LOG_SD = Math.log(4) / 1.6448536;

const DEFAULT_WORLD: WorldParams = {
  name: 'default',
  seed: 11,
  medianMs: 1500,
  attemptLogSd: DEFAULT_ATTEMPT_LOG_SD,
  pairLogSd: 0.1,
  slowFactor: 3,
  instances: 12,
  services: ['youtube', 'tiktok', 'instagram', 'twitter', 'reddit'],
  classWeights: {
    healthy: 0.5,
    slow: 0.08,
    blocked: 0.12,
    busy: 0.08,
    keyOnly: 0.05,
    hang: 0.07,
    flaky: 0.1,
  },
  busyRateLimitShare: 0.4,
  flakyHangShare: 0.15,
  contentErrorShare: 0.03,
  tunnelBreakShare: 0.005,
  downloads: 500,
  meanGapMs: 3 * 60_000,
};

/** The three worlds the policy must hold in: the default, a fast one and a slow one. */
export const WORLDS: readonly WorldParams[] = [
  DEFAULT_WORLD,
  { ...DEFAULT_WORLD, name: 'fast', seed: 12, medianMs: 300 },
  { ...DEFAULT_WORLD, name: 'slow', seed: 13, medianMs: 4000 },
];

interface WorldInstance {
  origin: string;
  /** What a tracker says about it: every instance is listed as working for every service. */
  instance: Instance;
}

interface Pair {
  class: InstanceClass;
  /** Median answer time when it answers normally. */
  medianMs: number;
}

export interface Download {
  index: number;
  service: ServiceKey;
  /** A unique page URL per download, so the instances' side can tell downloads apart. */
  pageUrl: string;
  /** When the user clicks, ms from the world's start. */
  at: number;
  contentError: boolean;
}

/** What one attempt (one `POST /`) meets. */
type AttemptDraw =
  | { kind: 'tunnel'; ms: number; breaks: boolean }
  | { kind: 'error'; ms: number; code: string; status: number }
  | { kind: 'rate-limited'; ms: number; resetSeconds: number }
  | { kind: 'hang' };

interface OracleOutcome {
  /** The instance the oracle sends the page URL to; null when none would deliver. */
  origin: string | null;
  /** Time to the download URL, or null. */
  ms: number | null;
  /** It delivers a file (false for content errors and when no instance can). */
  ok: boolean;
}

export interface World {
  params: WorldParams;
  instances: readonly WorldInstance[];
  downloads: readonly Download[];
  pair(origin: string, service: ServiceKey): Pair;
  /** Attempt `attempt` (0 = first) of download `download` on `origin`. */
  draw(download: Download, origin: string, attempt: number): AttemptDraw;
  /**
   * The physical limit for one download: the oracle knows every pair's class and median and
   * what each instance will do on this download (errors, 429s, hangs, broken tunnels), but not
   * the random draw of an answer time before it happens. It sends the page URL to one instance:
   * the one with the lowest median among those that will deliver, and takes its time.
   */
  oracle(download: Download): OracleOutcome;
  downloadByUrl(pageUrl: string): Download | undefined;
}

const BLOCKED_CODES = [
  'error.api.fetch.fail',
  'error.api.youtube.login',
  'error.api.service.disabled',
  'error.api.fetch.critical',
] as const;

export function createWorld(params: WorldParams): World {
  const origins = Array.from(
    { length: params.instances },
    (_, i) => `https://cobalt-${params.name}-${String(i + 1).padStart(2, '0')}.example`,
  );
  const setup = stream(params.seed, 0, 0, 0);
  const pairs = new Map<string, Pair>();
  for (const origin of origins) {
    for (const service of params.services) {
      const cls = pickClass(params.classWeights, setup());
      const factor = Math.exp(params.pairLogSd * gaussian(setup));
      const medianMs = params.medianMs * factor * (cls === 'slow' ? params.slowFactor : 1);
      pairs.set(`${origin}|${service}`, { class: cls, medianMs });
    }
  }
  const instances = origins.map((origin) => ({
    origin,
    instance: trackerEntry(origin, params.services, 60 + Math.floor(setup() * 41)),
  }));
  const downloads: Download[] = [];
  let at = 0;
  const order = stream(params.seed, 1, 0, 0);
  for (let index = 0; index < params.downloads; index++) {
    at += Math.round(-Math.log(1 - order()) * params.meanGapMs);
    const service = params.services[Math.floor(order() * params.services.length)]!;
    downloads.push({
      index,
      service,
      pageUrl: pageUrlFor(service, params.name, index),
      at,
      contentError: order() < params.contentErrorShare,
    });
  }
  const byUrl = new Map(downloads.map((d) => [d.pageUrl, d]));

  const pair = (origin: string, service: ServiceKey): Pair => {
    const found = pairs.get(`${origin}|${service}`);
    if (!found) throw new Error(`no pair ${origin} ${service}`);
    return found;
  };

  const draw = (download: Download, origin: string, attempt: number): AttemptDraw => {
    const { class: cls, medianMs } = pair(origin, download.service);
    const r = stream(params.seed, 2 + download.index, origins.indexOf(origin), attempt);
    const answerMs = () => Math.max(50, medianMs * Math.exp(params.attemptLogSd * gaussian(r)));
    const fastMs = () => 80 + r() * 400;
    switch (cls) {
      case 'hang':
        return { kind: 'hang' };
      case 'blocked': {
        const code = BLOCKED_CODES[Math.floor(r() * BLOCKED_CODES.length)]!;
        return { kind: 'error', ms: fastMs(), code, status: 400 };
      }
      case 'keyOnly':
        return { kind: 'error', ms: fastMs(), code: 'error.api.auth.key.missing', status: 401 };
      case 'busy':
        if (r() < params.busyRateLimitShare) {
          return { kind: 'rate-limited', ms: fastMs(), resetSeconds: 5 + Math.floor(r() * 56) };
        }
        break;
      case 'flaky':
        if (r() < params.flakyHangShare) return { kind: 'hang' };
        break;
      default:
        break;
    }
    const ms = answerMs();
    if (download.contentError) {
      return { kind: 'error', ms, code: 'error.api.content.video.unavailable', status: 400 };
    }
    return { kind: 'tunnel', ms, breaks: r() < params.tunnelBreakShare };
  };

  const oracle = (download: Download): OracleOutcome => {
    let best: { origin: string; median: number; ms: number } | null = null;
    let contentAnswer: { origin: string; median: number; ms: number } | null = null;
    for (const origin of origins) {
      const outcome = draw(download, origin, 0);
      const { medianMs } = pair(origin, download.service);
      if (outcome.kind === 'tunnel' && !outcome.breaks) {
        if (!best || medianMs < best.median) best = { origin, median: medianMs, ms: outcome.ms };
      } else if (
        outcome.kind === 'error' &&
        download.contentError &&
        outcome.code.includes('content')
      ) {
        if (!contentAnswer || medianMs < contentAnswer.median) {
          contentAnswer = { origin, median: medianMs, ms: outcome.ms };
        }
      }
    }
    if (download.contentError) {
      return { origin: contentAnswer?.origin ?? null, ms: contentAnswer?.ms ?? null, ok: false };
    }
    return best
      ? { origin: best.origin, ms: best.ms, ok: true }
      : { origin: null, ms: null, ok: false };
  };

  return {
    params,
    instances,
    downloads,
    pair,
    draw,
    oracle,
    downloadByUrl: (pageUrl) => byUrl.get(pageUrl),
  };
}

function pageUrlFor(service: ServiceKey, world: string, index: number): string {
  const id = `${world}${index}`.padEnd(11, 'x').slice(0, 11);
  switch (service) {
    case 'youtube':
      return `https://www.youtube.com/watch?v=${id}`;
    case 'tiktok':
      return `https://www.tiktok.com/@someone/video/${7_000_000_000_000_000_000n + BigInt(index)}`;
    case 'instagram':
      return `https://www.instagram.com/p/${id}/`;
    case 'twitter':
      return `https://x.com/someone/status/${1_800_000_000_000_000_000n + BigInt(index)}`;
    case 'reddit':
      return `https://www.reddit.com/r/videos/comments/${index.toString(36).padStart(6, 'a')}/a_video/`;
    default:
      throw new Error(`no page URL shape for ${service}`);
  }
}

/** A tracker entry as lib/sources would merge it: v11, trusted, listed working for every service. */
function trackerEntry(origin: string, services: readonly ServiceKey[], score: number): Instance {
  return {
    origin,
    generation: 'v11',
    version: '11.7.1',
    trust: 'safe',
    online: true,
    turnstile: false,
    score,
    frontend: null,
    services: Object.fromEntries(services.map((s) => [s, { ok: true, source: 'hyper' }])),
    provenance: {},
    sources: ['hyper'],
  };
}

function pickClass(weights: Readonly<Record<InstanceClass, number>>, u: number): InstanceClass {
  const entries = Object.entries(weights) as [InstanceClass, number][];
  const total = entries.reduce((sum, [, w]) => sum + w, 0);
  let left = u * total;
  for (const [cls, weight] of entries) {
    left -= weight;
    if (left < 0) return cls;
  }
  return entries[entries.length - 1]![0];
}

/** Standard normal draw (Box–Muller) from a uniform source. */
function gaussian(random: () => number): number {
  const u = Math.max(1e-12, random());
  const v = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** A uniform [0, 1) stream keyed by four integers (mulberry32 over a mixed seed). */
function stream(seed: number, a: number, b: number, c: number): () => number {
  let state = mix(mix(mix(mix(0x9e3779b9, seed), a), b), c);
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function mix(h: number, value: number): number {
  let x = Math.imul(h ^ (value >>> 0), 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}
