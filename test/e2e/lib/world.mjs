// A scenario's world on 127.0.0.1: cobalt test servers (one per instance, each with its own
// behaviour), a tracker server whose feed lists them in one of the tracker formats, and the
// settings that point the extension at that feed and nothing else.
import { randomUUID } from 'node:crypto';

/** Services every test instance claims in its feed entry (the same key in every format). */
const FEED_SERVICES = ['youtube', 'twitter', 'tiktok', 'instagram', 'reddit'];

/**
 * @param {{cobalt: any, tracker: any}} support  loadSupport()
 * @param {{instances: Record<string, object>, feed?: string}} spec
 *   instances: name → startCobaltServer options (+ `feed: {score?, trust?, failsYoutube?,
 *   turnstile?, frontEnd?}`; `frontEnd`, the web app's address, in the hyper.lol format only)
 */
export async function startWorld(support, { instances, feed = 'hyper' }) {
  const servers = {};
  const feedFacts = {};
  try {
    for (const [name, options] of Object.entries(instances)) {
      const { feed: facts = {}, ...serverOptions } = options;
      servers[name] = await support.cobalt.startCobaltServer(serverOptions);
      feedFacts[name] = facts;
    }
  } catch (error) {
    await Promise.all(Object.values(servers).map((s) => s.close()));
    throw error;
  }
  const tracker = await support.tracker.startTrackerServer({ defaults: false });
  const paths = {
    hyper: '/e2e/hyper/instances.json',
    directory: '/e2e/directory/api/tests',
    directoryWorking: '/e2e/directory/api/working',
    cobaltBest: '/e2e/best/instances.json',
  };

  const world = {
    servers,
    tracker,
    format: feed,
    get feedUrl() {
      return `${tracker.url}${paths[world.format]}`;
    },
    origin: (name) => servers[name].origin,
    host: (name) => new URL(servers[name].origin).host,
    /** Rewrites the feed (same URL, new ETag): `facts` overrides per instance. */
    publish(facts = {}) {
      for (const [name, f] of Object.entries(facts)) feedFacts[name] = { ...feedFacts[name], ...f };
      tracker.setFeed(paths[world.format], buildFeed(world.format, servers, feedFacts));
    },
    /** Requests to one instance, optionally filtered by method and path. */
    requests(name, { method, path } = {}) {
      return servers[name].requests.filter(
        (r) => (!method || r.method === method) && (!path || r.path.split('?')[0] === path),
      );
    },
    /** `POST /` bodies an instance received, parsed. */
    posts(name) {
      return world.requests(name, { method: 'POST', path: '/' }).map((r) => {
        try {
          return JSON.parse(r.body);
        } catch {
          return { unparsable: r.body };
        }
      });
    },
    /** Settings that point the extension at this world only (merged over `extra`). */
    settings(extra = {}) {
      return e2eSettings(world.feedUrl, extra);
    },
    async close() {
      await Promise.all([tracker.close(), ...Object.values(servers).map((s) => s.close())]);
    },
  };
  world.publish();
  return world;
}

function hostPort(origin) {
  return new URL(origin).host;
}

function buildFeed(format, servers, facts) {
  const names = Object.keys(servers);
  const now = new Date().toISOString();
  switch (format) {
    case 'hyper':
      return names.map((name) => {
        const f = facts[name];
        const services = Object.fromEntries(FEED_SERVICES.map((s) => [s, true]));
        if (f.failsYoutube) services.youtube = false;
        return {
          trust: f.trust ?? 'safe',
          api_online: f.online ?? true,
          frontend_online: false,
          turnstile: f.turnstile ?? false,
          cors: 1,
          commit: 'a63657',
          services,
          version: servers[name].config.version,
          branch: 'main',
          score: f.score ?? 90,
          protocol: 'http',
          name: 'N/A',
          startTime: 0,
          api: hostPort(servers[name].origin),
          frontEnd: f.frontEnd ?? 'None',
        };
      });
    case 'directory':
      return {
        lastUpdatedUTC: now,
        data: names.map((name) => {
          const f = facts[name];
          const tests = Object.fromEntries(
            FEED_SERVICES.map((s) => [
              s,
              { status: true, message: 'tunnel', friendly: s[0].toUpperCase() + s.slice(1) },
            ]),
          );
          if (f.failsYoutube) {
            tests.youtube = {
              status: false,
              message: 'error.api.youtube.login',
              friendly: 'YouTube',
            };
          }
          return {
            api: hostPort(servers[name].origin),
            protocol: 'http',
            online: f.online ?? true,
            version: servers[name].config.version,
            codebase: 'imputnet/cobalt',
            startTime: 0,
            tests,
          };
        }),
      };
    case 'directoryWorking': {
      const data = {};
      for (const service of FEED_SERVICES) {
        data[service] = names
          .filter((name) => !(service === 'youtube' && facts[name].failsYoutube))
          .map((name) => servers[name].origin);
      }
      return { lastUpdatedUTC: now, data };
    }
    case 'cobaltBest':
      return names.map((name) => {
        const f = facts[name];
        const services = Object.fromEntries(FEED_SERVICES.map((s) => [s, true]));
        if (f.failsYoutube) services.youtube = false;
        return {
          api: hostPort(servers[name].origin),
          frontend: null,
          protocol: 'http',
          online: f.online ?? true,
          status: 'online',
          score: Math.round(f.score ?? 90),
          trust: typeof f.trust === 'number' ? f.trust : 90,
          version: servers[name].config.version,
          git: { branch: 'main', commit: 'a636575' },
          info: { auth: false, cors: true },
          services,
        };
      });
    default:
      throw new Error(`unknown feed format ${format}`);
  }
}

/**
 * The e2e settings: the built-in trackers off (they are real public hosts), one custom list on
 * 127.0.0.1, loopback http instances allowed, notifications off (headless has no notification
 * centre), a short hedge so failover scenarios stay quick.
 */
export function e2eSettings(feedUrl, extra = {}) {
  const base = {
    sources: {
      hyper: false,
      directory: false,
      cobaltBest: false,
      custom: feedUrl ? [{ url: feedUrl, enabled: true }] : [],
      refreshMinutes: 60,
    },
    probe: { enabled: true, concurrency: 8, timeoutMs: 3000, cacheMinutes: 15 },
    trust: {
      allowListed: true,
      allowUnknown: false,
      allowHttp: true,
      allowIpOnly: true,
      allowLegacyV7: false,
    },
    myInstances: [],
    pinned: [],
    blocked: [],
    fallback: { maxAttempts: 6, deadlineMs: 40_000, hedgeMs: 1000 },
    saveAs: false,
    notifications: { onSuccess: false, onFailure: false },
  };
  return deepMerge(base, extra);
}

function deepMerge(a, b) {
  if (Array.isArray(b) || typeof b !== 'object' || b === null) return b;
  const out = { ...a };
  for (const [k, v] of Object.entries(b)) {
    out[k] =
      typeof v === 'object' && v && !Array.isArray(v) && typeof a?.[k] === 'object'
        ? deepMerge(a[k], v)
        : v;
  }
  return out;
}

/** A fresh cobalt API key (lowercase UUID, docs/cobalt-api.md §3.6). */
export const newApiKey = () => randomUUID();
