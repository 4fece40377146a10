import { parseFeed } from '../../lib/sources/parse-feed';
import { deepTestLink } from '../../lib/services';
import { isServiceKey } from '../../lib/services/service-key';
import { isLoopbackHost } from './loopback-names';
import type { ClientCall, RegistryState, SeenRequest, Tag } from './server-registry';

/**
 * The security invariants (docs/security.md), checked over everything the test servers of one
 * file received. test/support/invariants-setup.ts runs this after every test file, so each rule
 * holds across every chain of the suite, not in one hand-picked test.
 *
 * Attribution. Each request a server received is matched with the fetch call that produced it
 * (same method, URL and body, made before it): a call from an engine harness makes the request
 * engine-driven; a call without a harness mark is the test itself calling lib directly (the test
 * is then the user, choosing the instance and the key); no call at all means the request came
 * from somewhere else: raw node:http from a test (the contract replays) or a followed redirect.
 *
 * (a) API keys. A secret is any key a server issued (its `apiKeys`), any key the harness
 *     settings hold, any key a test declared (`intendKey`), and any key the test process put in
 *     an `Authorization` header. A secret may only travel as `Authorization: Api-Key <key>` on a
 *     POST, never in a path, a body or another header, never on a GET (probe, tunnel, feed).
 *     Its POST must go to: for an engine-driven request, an origin the harness settings give
 *     that key to (settings.myInstances); for a direct call, the origin the test addressed with
 *     it (or a declared one); for anything else, only a server that issued the key itself.
 * (b) Never contacted. Explicit tags (`tag()`) hold for every request after the tag: no request
 *     at all to `not_safe`, `offline` and `blocked` origins, and no POST without an API key to a
 *     `turnstile` one (GET / probes are allowed: that is how Turnstile is detected). Derived tags
 *     hold for engine-driven requests: what a tracker served before the request (a feed entry
 *     `not_safe`, offline, or `turnstile: true`) and the harness settings' blocked list at the
 *     time. An offline entry may still be contacted after the user asked to test that origin.
 * (c) Page URLs. An engine-driven POST that carries a link (`url`) needs a user action before it
 *     whose job sent that link and whose trail names that origin (or an instance test of that
 *     origin with the service's public test link). Apart from those POSTs and the test's direct
 *     calls, no request anywhere (probes, tunnels, feeds, other origins) carries a page URL.
 * (e) Download targets (docs/security.md, "Where a download may point"). Every URL an engine
 *     handed to its downloads adapter is on the origin of an instance that served one of that
 *     engine's jobs. cobalt puts tunnels (and proxied picker items) on its own API origin, and
 *     redirects on the service's media hosts, none of which is a test server; no test instance
 *     reports an API URL elsewhere. So a download on any other origin (another test server, a
 *     127.0.0.1 address the serving instance is not, a LAN or foreign host) means an
 *     instance's word was taken for a URL it may not name. The rule is checked independently of
 *     lib/safety/download-target.ts.
 * (d) Loopback. Every server is on 127.0.0.1; the harness guards refused nothing and the setup
 *     file's fetch guard refused nothing, unless the file said it expected that.
 */

const API_KEY_HEADER = /^Api-Key (\S+)$/;
/** Shorter strings are not keys worth searching for (and would match by accident). */
const MIN_SECRET_LENGTH = 16;
const MAX_REPORTED = 25;

interface Attributed {
  request: SeenRequest;
  /** The fetch call that made it; null = not made by any fetch of the test process. */
  call: ClientCall | null;
}

export function checkInvariants(state: RegistryState): string[] {
  const attributed = attribute(state);
  const violations = [
    ...checkKeys(state, attributed),
    ...checkNeverContacted(state, attributed),
    ...checkPageUrls(state, attributed),
    ...checkLoopback(state),
    ...checkDownloadTargets(state),
  ];
  if (violations.length <= MAX_REPORTED) return violations;
  return [...violations.slice(0, MAX_REPORTED), `… and ${violations.length - MAX_REPORTED} more`];
}

// ---- attribution ---------------------------------------------------------------------------

function callKey(method: string, url: string, body: string): string {
  return `${method.toUpperCase()} ${url} ${body}`;
}

function attribute(state: RegistryState): Attributed[] {
  const pending = new Map<string, ClientCall[]>();
  for (const call of state.client) {
    const key = callKey(call.method, call.url, call.body);
    const list = pending.get(key) ?? [];
    list.push(call);
    pending.set(key, list);
  }
  return [...state.requests]
    .sort((a, b) => a.seq - b.seq)
    .map((request) => {
      const key = callKey(request.method, `${request.server.origin}${request.path}`, request.body);
      const list = pending.get(key);
      const index = list?.findIndex((call) => call.seq < request.seq) ?? -1;
      const call = index >= 0 ? (list?.splice(index, 1)[0] ?? null) : null;
      return { request, call };
    });
}

function describe(request: SeenRequest): string {
  return `${request.method} ${request.server.origin}${request.path.slice(0, 80)} (#${request.seq})`;
}

function mask(key: string): string {
  return `${key.slice(0, 8)}…`;
}

// ---- (a) API keys ----------------------------------------------------------------------------

function checkKeys(state: RegistryState, requests: Attributed[]): string[] {
  const secrets = new Set<string>();
  const add = (key: string | undefined) => {
    if (key && key.length >= MIN_SECRET_LENGTH) secrets.add(key);
  };
  for (const server of state.servers) server.apiKeys().forEach(add);
  for (const { key } of state.intended) add(key);
  for (const snapshot of state.settings) for (const { key } of snapshot.keys) add(key);
  for (const call of state.client) add(API_KEY_HEADER.exec(call.authorization ?? '')?.[1]);
  if (secrets.size === 0) return [];

  const declared = (origin: string, key: string) =>
    state.intended.some((pair) => pair.origin === origin && pair.key === key);
  const harnessGives = (harness: number, origin: string, key: string, seq: number) =>
    state.settings.some(
      (s) =>
        s.harness === harness &&
        s.seq < seq &&
        s.keys.some((pair) => pair.origin === origin && pair.key === key),
    );

  const violations: string[] = [];
  for (const { request, call } of requests) {
    const { origin } = request.server;
    const auth = request.headers.authorization ?? '';
    for (const key of secrets) {
      const elsewhere =
        request.path.includes(key) ||
        request.body.includes(key) ||
        Object.entries(request.headers).some(
          ([name, value]) => name !== 'authorization' && value.includes(key),
        );
      const inAuth = auth.includes(key);
      if (!elsewhere && !inAuth) continue;
      const where = `API key ${mask(key)} reached ${describe(request)}`;
      if (elsewhere) {
        violations.push(`(a) ${where} outside the Authorization header`);
        continue;
      }
      if (request.method !== 'POST') {
        violations.push(
          `(a) ${where}: a key travels only on the API POST, never on a ${request.method}`,
        );
        continue;
      }
      let allowed: boolean;
      let rule: string;
      if (call?.harness != null) {
        allowed = harnessGives(call.harness, origin, key, request.seq) || declared(origin, key);
        rule = 'the engine sent it to an origin its settings do not give that key to';
      } else if (call) {
        allowed = (call.authorization ?? '').includes(key) || declared(origin, key);
        rule = 'the test addressed this origin without that key';
      } else {
        allowed = request.server.apiKeys().includes(key) || declared(origin, key);
        rule = 'no fetch addressed this origin with it (a followed redirect?)';
      }
      if (!allowed) violations.push(`(a) ${where}: ${rule}`);
    }
  }
  return violations;
}

// ---- (b) never contacted ---------------------------------------------------------------------

interface FeedTags {
  seq: number;
  /** origin → tags, from one good feed served by one tracker path. */
  tags: Map<string, Set<Tag>>;
  source: string;
}

/** What each good feed a tracker served said about instances, in serving order. */
function feedTags(state: RegistryState): FeedTags[] {
  const out: FeedTags[] = [];
  for (const request of state.requests) {
    if (request.server.kind !== 'tracker' || request.served === undefined) continue;
    const parsed = parseFeed(request.served, 'user');
    if (!parsed.ok) continue; // the engine keeps its last good copy
    const tags = new Map<string, Set<Tag>>();
    for (const entry of parsed.entries) {
      const set = new Set<Tag>();
      if (entry.trust === 'not_safe') set.add('not_safe');
      if (entry.trust === 'offline' || entry.online === false) set.add('offline');
      if (entry.turnstile === true) set.add('turnstile');
      if (set.size > 0) tags.set(entry.origin, set);
    }
    const path = request.path.split('?')[0] ?? request.path;
    out.push({ seq: request.seq, tags, source: `${request.server.origin}${path}` });
  }
  return out;
}

/** Tags the engine could know at `seq`: per tracker path, the latest good feed served before. */
function derivedTags(feeds: FeedTags[], origin: string, seq: number): Set<Tag> {
  const latest = new Map<string, FeedTags>();
  for (const feed of feeds) if (feed.seq < seq) latest.set(feed.source, feed);
  const tags = new Set<Tag>();
  for (const feed of latest.values()) for (const t of feed.tags.get(origin) ?? []) tags.add(t);
  return tags;
}

function forbids(what: Tag, request: SeenRequest): boolean {
  if (what !== 'turnstile') return true;
  return request.method === 'POST' && !API_KEY_HEADER.test(request.headers.authorization ?? '');
}

function checkNeverContacted(state: RegistryState, requests: Attributed[]): string[] {
  const feeds = feedTags(state);
  const violations: string[] = [];
  for (const { request, call } of requests) {
    const { origin } = request.server;
    for (const t of state.tags) {
      if (t.origin === origin && t.seq < request.seq && forbids(t.tag, request)) {
        violations.push(`(b) ${describe(request)} reached an instance tagged ${t.tag}`);
      }
    }
    const harness = call?.harness;
    if (harness == null) continue;
    const userTested = state.actions.some(
      (a) => a.kind === 'test' && a.origin === origin && a.seq < request.seq,
    );
    for (const t of derivedTags(feeds, origin, request.seq)) {
      if (t === 'offline' && userTested) continue;
      if (forbids(t, request)) {
        violations.push(
          `(b) ${describe(request)}: the engine contacted an instance its feed marks ${t}`,
        );
      }
    }
    const settings = state.settings.filter((s) => s.harness === harness && s.seq < request.seq);
    if (settings.at(-1)?.blocked.includes(origin)) {
      violations.push(
        `(b) ${describe(request)}: the engine contacted an instance the user blocked`,
      );
    }
  }
  return violations;
}

// ---- (c) page URLs ---------------------------------------------------------------------------

function sentLink(request: SeenRequest): string | null {
  if (request.method !== 'POST') return null;
  let body: unknown;
  try {
    body = JSON.parse(request.body);
  } catch {
    return null;
  }
  const url = (body as { url?: unknown } | null)?.url;
  if (typeof url !== 'string' || url === '') return null;
  if (!request.path.startsWith('/api/json')) return url;
  try {
    return decodeURIComponent(url); // v7 takes the link URI-encoded (docs/cobalt-api.md §7)
  } catch {
    return url;
  }
}

function checkPageUrls(state: RegistryState, requests: Attributed[]): string[] {
  // Every job's link and trail, from the broadcasts the harness saw and the engines' final state.
  const jobs = new Map(state.jobs);
  for (const harness of state.harnesses) {
    for (const job of harness.jobs()) {
      const known = jobs.get(job.id) ?? { url: job.url, origins: new Set<string>() };
      for (const entry of job.trail) known.origins.add(entry.origin);
      jobs.set(job.id, known);
    }
  }
  // The page URLs of this file: what users opened or pasted, what jobs and direct calls sent.
  const pageUrls = new Set<string>();
  for (const action of state.actions) if (action.pageUrl) pageUrls.add(action.pageUrl);
  for (const job of jobs.values()) pageUrls.add(job.url);
  const directLinks = new Set<string>();
  for (const { request, call } of requests) {
    const link = sentLink(request);
    if (link && call && call.harness === null) directLinks.add(link);
  }
  for (const link of directLinks) pageUrls.add(link);
  const needles = [...pageUrls]
    .filter((url) => url.length >= 12)
    .flatMap((url) => [url, encodeURIComponent(url)]);

  const violations: string[] = [];
  for (const { request, call } of requests) {
    const link = sentLink(request);
    const { origin } = request.server;
    if (link !== null && call?.harness != null) {
      const covered = state.actions.some((action) => {
        if (action.seq >= request.seq) return false;
        if (action.kind === 'test') {
          return (
            action.origin === origin &&
            isServiceKey(action.service) &&
            deepTestLink(action.service) === link
          );
        }
        const job = action.jobId ? jobs.get(action.jobId) : undefined;
        return job !== undefined && job.url === link && job.origins.has(origin);
      });
      if (!covered) {
        violations.push(
          `(c) ${describe(request)}: the engine sent a link with no user action before it whose trail names this instance`,
        );
      }
      continue;
    }
    if (link !== null && call) continue; // the test itself called lib: the test is the user
    // Everything else carries no page URL: probes, tunnels, feeds, redirects followed.
    const haystack = [request.path, request.body, ...Object.values(request.headers)].join('\n');
    const leaked = needles.find((needle) => haystack.includes(needle));
    if (leaked) {
      violations.push(`(c) ${describe(request)} carried a page URL (${leaked.slice(0, 60)})`);
    }
  }
  return violations;
}

// ---- (d) loopback --------------------------------------------------------------------------

function checkLoopback(state: RegistryState): string[] {
  const violations: string[] = [];
  for (const server of state.servers) {
    if (!isLoopbackHost(new URL(server.origin).hostname)) {
      violations.push(`(d) a ${server.kind} server listened on ${server.origin}, not 127.0.0.1`);
    }
  }
  for (const harness of state.harnesses) {
    if (harness.refused.length > 0 && !harness.expectRefused) {
      violations.push(
        `(d) engine harness #${harness.id} tried to leave 127.0.0.1: ${[...new Set(harness.refused)].slice(0, 5).join(', ')}`,
      );
    }
  }
  if (state.refusedFetches.length > 0 && !state.expectRefusedFetches) {
    violations.push(
      `(d) the test process tried to fetch off 127.0.0.1: ${[...new Set(state.refusedFetches)].slice(0, 5).join(', ')}`,
    );
  }
  return violations;
}

// ---- (e) download targets ------------------------------------------------------------------

function checkDownloadTargets(state: RegistryState): string[] {
  const violations: string[] = [];
  for (const harness of state.harnesses) {
    // An instance whose download was not the file or broke (lib/submit/judge-download-end.ts)
    // served that download too, before the job moved on to the next instance.
    const servers = new Set(
      harness
        .jobs()
        .flatMap((job) => [
          job.servedBy,
          ...job.trail.filter((t) => t.code?.startsWith('client.download.')).map((t) => t.origin),
        ])
        .filter((origin): origin is string => typeof origin === 'string'),
    );
    for (const url of harness.downloads) {
      let origin: string;
      try {
        origin = new URL(url).origin;
      } catch {
        violations.push(
          `(e) engine harness #${harness.id} handed an unparseable URL to the downloads API`,
        );
        continue;
      }
      if (!servers.has(origin)) {
        violations.push(
          `(e) engine harness #${harness.id} downloaded from ${origin}, which served none of its jobs (${url.slice(0, 80)})`,
        );
      }
    }
  }
  return violations;
}
