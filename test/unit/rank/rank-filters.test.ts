import type { HealthRecord } from '../../../lib/health/health-state';
import type { Instance } from '../../../lib/instances/instance';
import type { ProbeResult } from '../../../lib/probe/probe-result';
import { rank } from '../../../lib/rank/rank';
import { REASON } from '../../../lib/rank/reason-keys';
import {
  entryOf,
  inst,
  KEY,
  keysWith,
  NOW,
  probe,
  record,
  settingsWith,
  stateOf,
  type SettingsPatch,
} from './rank-fixtures';

const A = 'https://a.example';
const HTTP = 'http://plain.example';
/**
 * Public unicast addresses (the documentation ranges are reserved, so they would also be
 * excluded as "on your local network"; that rule has its own cases below).
 */
const IP = 'https://9.9.9.9:9000';
const IPV6 = 'https://[2620:fe::fe]';
const OFFICIAL = 'https://api.cobalt.tools';
const IMPUT = 'https://kityune.imput.net';

interface Row {
  name: string;
  origin?: string;
  instance?: Partial<Instance>;
  settings?: SettingsPatch;
  probe?: Partial<ProbeResult>;
  health?: Partial<HealthRecord>;
  /** The '!' reasons expected; [] means included. */
  excludedBy: string[];
  /** '=' reasons expected (rules waived because the user chose the instance). */
  waived?: string[];
}

const mine = (origin: string, apiKey?: string) => ({
  myInstances: [apiKey ? { origin, apiKey } : { origin }],
});

const rows: Row[] = [
  { name: 'a safe, online v11 instance', excludedBy: [] },

  // not_safe: never contacted, whatever the user did.
  { name: 'not_safe', instance: { trust: 'not_safe' }, excludedBy: [REASON.notSafe] },
  {
    name: 'not_safe, pinned',
    instance: { trust: 'not_safe' },
    settings: { pinned: [A] },
    excludedBy: [REASON.notSafe],
  },
  {
    name: 'not_safe, my own with a key',
    instance: { trust: 'not_safe' },
    settings: mine(A, KEY),
    excludedBy: [REASON.notSafe],
  },

  // offline: the tracker's verdict stands unless a newer probe got an answer.
  { name: 'tracker says offline', instance: { online: false }, excludedBy: [REASON.offline] },
  { name: 'trust level offline', instance: { trust: 'offline' }, excludedBy: [REASON.offline] },
  {
    name: 'offline, but a fresh probe answered',
    instance: { online: false },
    probe: {},
    excludedBy: [],
  },
  {
    name: 'offline, and the fresh probe failed',
    instance: { online: false },
    probe: { ok: false, latencyMs: null },
    excludedBy: [REASON.offline, REASON.probeFailed],
  },
  {
    name: 'our fresh probe got no answer',
    probe: { ok: false, latencyMs: null, error: 'timeout' },
    excludedBy: [REASON.probeFailed],
  },
  // It answers, but not to us (no Access-Control-Allow-Origin): needs host access, chosen or not.
  {
    name: 'answers closed to us without host access',
    probe: { ok: false, latencyMs: null, needsHostAccess: true },
    excludedBy: [REASON.needsPermission],
  },
  {
    name: 'answers closed to us, pinned: still needs host access',
    probe: { ok: false, latencyMs: null, needsHostAccess: true },
    settings: { pinned: [A] },
    excludedBy: [REASON.needsPermission],
  },
  {
    name: 'answers closed to us, my own instance: still needs host access',
    probe: { ok: false, latencyMs: null, needsHostAccess: true },
    settings: mine(A),
    excludedBy: [REASON.needsPermission],
  },
  {
    name: 'closed at the probe, but one of our downloads succeeded since (access was granted)',
    probe: { ok: false, latencyMs: null, needsHostAccess: true, at: NOW - 60_000 },
    health: { successes: 1, updatedAt: NOW - 1000 },
    excludedBy: [],
  },

  // "Only instances running imputnet/cobalt" (trust.onlyUpstream): off by default.
  { name: 'a fork, setting off', instance: { codebase: 'someone/fork' }, excludedBy: [] },
  {
    name: 'a fork, only upstream',
    instance: { codebase: 'someone/fork' },
    settings: { trust: { onlyUpstream: true } },
    excludedBy: [REASON.fork],
  },
  {
    name: 'upstream (any case), only upstream',
    instance: { codebase: 'ImputNet/cobalt' },
    settings: { trust: { onlyUpstream: true } },
    excludedBy: [],
  },
  {
    name: 'codebase unknown, only upstream',
    settings: { trust: { onlyUpstream: true } },
    excludedBy: [REASON.codebaseUnknown],
  },
  {
    name: 'the tracker says upstream, its own GET / names a fork: the probe wins',
    instance: { codebase: 'imputnet/cobalt' },
    probe: { codebase: 'someone/fork' },
    settings: { trust: { onlyUpstream: true } },
    excludedBy: [REASON.fork],
  },
  {
    name: "a probe that read no git.remote leaves the tracker's codebase standing",
    instance: { codebase: 'imputnet/cobalt' },
    probe: { codebase: null },
    settings: { trust: { onlyUpstream: true } },
    excludedBy: [],
  },
  {
    name: 'a fork the user pinned: waived',
    instance: { codebase: 'someone/fork' },
    settings: { trust: { onlyUpstream: true }, pinned: [A] },
    excludedBy: [],
    waived: [REASON.fork],
  },
  {
    name: 'codebase unknown, my own instance: waived',
    settings: { trust: { onlyUpstream: true }, ...mine(A) },
    excludedBy: [],
    waived: [REASON.codebaseUnknown],
  },

  {
    name: 'fresh probe failed, but the user pinned it (only a penalty)',
    probe: { ok: false, latencyMs: null },
    settings: { pinned: [A] },
    excludedBy: [],
  },
  {
    name: 'fresh probe failed, but a download succeeded there since',
    probe: { ok: false, latencyMs: null, at: NOW - 60_000 },
    health: { successes: 1, updatedAt: NOW - 1000, lastOutcome: 'ok' },
    excludedBy: [],
  },
  {
    name: 'offline, probe answered but is stale',
    instance: { online: false },
    probe: { at: NOW - 5 * 3_600_000 },
    excludedBy: [REASON.offline],
  },
  {
    name: 'offline, probe answered but probing is off',
    instance: { online: false },
    probe: {},
    settings: { probe: { enabled: false } },
    excludedBy: [REASON.offline],
  },
  {
    name: 'offline, pinned',
    instance: { online: false },
    settings: { pinned: [A] },
    excludedBy: [REASON.offline],
  },
  { name: 'online unknown (null)', instance: { online: null }, excludedBy: [] },

  // Turnstile: unusable from an extension, never waived.
  { name: 'Turnstile per tracker', instance: { turnstile: true }, excludedBy: [REASON.turnstile] },
  { name: 'Turnstile per probe', probe: { turnstile: true }, excludedBy: [REASON.turnstile] },
  {
    name: 'Turnstile, pinned',
    instance: { turnstile: true },
    settings: { pinned: [A] },
    excludedBy: [REASON.turnstile],
  },
  {
    name: 'Turnstile, my own with a key',
    probe: { turnstile: true },
    settings: mine(A, KEY),
    excludedBy: [REASON.turnstile],
  },

  // Blocked by the user wins over everything, pins included.
  { name: 'blocked', settings: { blocked: [A] }, excludedBy: [REASON.blocked] },
  {
    name: 'blocked and pinned',
    settings: { blocked: [A], pinned: [A] },
    excludedBy: [REASON.blocked],
  },
  {
    name: 'blocked and my own with a key',
    settings: { blocked: [A], ...mine(A, KEY) },
    excludedBy: [REASON.blocked],
  },

  // The official API only with the user's key for that origin.
  {
    name: 'api.cobalt.tools without a key',
    origin: OFFICIAL,
    excludedBy: [REASON.officialNeedsKey],
  },
  { name: '*.imput.net without a key', origin: IMPUT, excludedBy: [REASON.officialNeedsKey] },
  {
    name: 'api.cobalt.tools pinned, no key',
    origin: OFFICIAL,
    settings: { pinned: [OFFICIAL] },
    excludedBy: [REASON.officialNeedsKey],
  },
  {
    name: 'api.cobalt.tools as my own without a key',
    origin: OFFICIAL,
    settings: mine(OFFICIAL),
    excludedBy: [REASON.officialNeedsKey],
  },
  {
    name: 'api.cobalt.tools, key for another origin',
    origin: OFFICIAL,
    settings: mine(IMPUT, KEY),
    excludedBy: [REASON.officialNeedsKey],
  },
  {
    name: 'api.cobalt.tools with my key',
    origin: OFFICIAL,
    settings: mine(OFFICIAL, KEY),
    excludedBy: [],
  },
  { name: '*.imput.net with my key', origin: IMPUT, settings: mine(IMPUT, KEY), excludedBy: [] },
  { name: 'a look-alike host is not official', origin: 'https://notimput.net', excludedBy: [] },

  // http: off by default; the user's choice waives it.
  { name: 'http', origin: HTTP, excludedBy: [REASON.http] },
  { name: 'http, allowed', origin: HTTP, settings: { trust: { allowHttp: true } }, excludedBy: [] },
  {
    name: 'http, pinned',
    origin: HTTP,
    settings: { pinned: [HTTP] },
    excludedBy: [],
    waived: [REASON.http],
  },
  {
    name: 'http, my own',
    origin: HTTP,
    settings: mine(HTTP),
    excludedBy: [],
    waived: [REASON.http],
  },

  // IP-only hosts: off by default; the user's choice waives it.
  { name: 'IPv4 host', origin: IP, excludedBy: [REASON.ipOnly] },
  { name: 'IPv6 host', origin: IPV6, excludedBy: [REASON.ipOnly] },
  {
    name: 'IP host, allowed',
    origin: IP,
    settings: { trust: { allowIpOnly: true } },
    excludedBy: [],
  },
  {
    name: 'IP host, pinned',
    origin: IP,
    settings: { pinned: [IP] },
    excludedBy: [],
    waived: [REASON.ipOnly],
  },
  {
    name: 'http IP host breaks both rules',
    origin: 'http://8.8.4.4',
    excludedBy: [REASON.http, REASON.ipOnly],
  },
  // A tracker listing an address or name on the user's own network: only "My instances" waive it.
  {
    name: 'private IPv4 from a tracker',
    origin: 'https://192.168.1.1',
    settings: { trust: { allowIpOnly: true } },
    excludedBy: [REASON.localNetwork],
  },
  {
    name: 'loopback in an odd notation from a tracker',
    origin: 'http://0x7f.1:9000',
    settings: { trust: { allowIpOnly: true, allowHttp: true } },
    excludedBy: [REASON.localNetwork],
  },
  {
    name: 'IPv4-mapped loopback',
    origin: 'https://[::ffff:127.0.0.1]',
    settings: { trust: { allowIpOnly: true } },
    excludedBy: [REASON.localNetwork],
  },
  {
    name: 'link-local IPv6',
    origin: 'https://[fe80::1]',
    settings: { trust: { allowIpOnly: true } },
    excludedBy: [REASON.localNetwork],
  },
  {
    name: 'CGNAT',
    origin: 'https://100.64.1.2',
    settings: { trust: { allowIpOnly: true } },
    excludedBy: [REASON.localNetwork],
  },
  { name: 'a .local name', origin: 'https://nas.local', excludedBy: [REASON.localNetwork] },
  { name: 'a single-label name', origin: 'https://router', excludedBy: [REASON.localNetwork] },
  { name: 'localhost', origin: 'https://localhost:9000', excludedBy: [REASON.localNetwork] },
  {
    name: 'a LAN address pinned: a pin does not waive it',
    origin: 'https://10.0.0.5',
    settings: { pinned: ['https://10.0.0.5'] },
    excludedBy: [REASON.localNetwork],
    waived: [REASON.ipOnly],
  },
  {
    name: 'a LAN address among My instances: self-hosting works',
    origin: 'http://192.168.1.20:9000',
    settings: { myInstances: [{ origin: 'http://192.168.1.20:9000' }] },
    excludedBy: [],
    waived: [REASON.http, REASON.ipOnly],
  },
  {
    name: 'a host starting with digits is a name',
    origin: 'https://1password.example',
    excludedBy: [],
  },

  // v7: only if allowed; the generation a fresh probe saw wins over the tracker's.
  { name: 'v7', instance: { generation: 'v7' }, excludedBy: [REASON.legacyV7] },
  {
    name: 'v7, allowed',
    instance: { generation: 'v7' },
    settings: { trust: { allowLegacyV7: true } },
    excludedBy: [],
  },
  {
    name: 'v7, pinned',
    instance: { generation: 'v7' },
    settings: { pinned: [A] },
    excludedBy: [REASON.legacyV7],
  },
  {
    name: 'tracker v11, probe found v7',
    probe: { generation: 'v7' },
    excludedBy: [REASON.legacyV7],
  },
  {
    name: 'tracker v7, probe found v11',
    instance: { generation: 'v7' },
    probe: { generation: 'v11' },
    excludedBy: [],
  },
  {
    name: 'tracker v7, failed probe says nothing about the generation',
    instance: { generation: 'v7' },
    probe: { ok: false, generation: 'unknown' },
    excludedBy: [REASON.legacyV7, REASON.probeFailed],
  },

  // Trust levels: 'unknown' only if allowed, 'listed' only if allowed; the user's choice waives.
  { name: 'unknown trust', instance: { trust: 'unknown' }, excludedBy: [REASON.trustUnknown] },
  {
    name: 'unknown trust, allowed',
    instance: { trust: 'unknown' },
    settings: { trust: { allowUnknown: true } },
    excludedBy: [],
  },
  {
    name: 'unknown trust, pinned',
    instance: { trust: 'unknown' },
    settings: { pinned: [A] },
    excludedBy: [],
    waived: [REASON.trustUnknown],
  },
  {
    name: 'unknown trust, my own',
    instance: { trust: 'unknown' },
    settings: mine(A),
    excludedBy: [],
    waived: [REASON.trustUnknown],
  },
  { name: 'listed (no trust data)', instance: { trust: 'listed' }, excludedBy: [] },
  {
    name: 'listed, not allowed',
    instance: { trust: 'listed' },
    settings: { trust: { allowListed: false } },
    excludedBy: [REASON.trustListed],
  },
  {
    name: 'listed, not allowed, pinned',
    instance: { trust: 'listed' },
    settings: { trust: { allowListed: false }, pinned: [A] },
    excludedBy: [],
    waived: [REASON.trustListed],
  },

  // Service support per probe (GET / services) and per tracker.
  { name: 'probe lists the service', probe: { services: ['youtube', 'tiktok'] }, excludedBy: [] },
  {
    name: 'probe does not list the service',
    probe: { services: ['tiktok'] },
    excludedBy: [REASON.serviceDisabled],
  },
  {
    name: 'probe does not list it, pinned',
    probe: { services: ['tiktok'] },
    settings: { pinned: [A] },
    excludedBy: [REASON.serviceDisabled],
  },
  {
    name: 'probe does not list it, but I have a key',
    probe: { services: ['tiktok'] },
    settings: mine(A, KEY),
    excludedBy: [],
  },
  {
    name: 'probe without a services list (v7)',
    instance: { generation: 'v7' },
    probe: { services: null, generation: 'v7' },
    settings: { trust: { allowLegacyV7: true } },
    excludedBy: [],
  },
  {
    name: 'tracker test failed',
    instance: { services: { youtube: { ok: false, source: 'directory' } } },
    excludedBy: [REASON.trackerServiceFailed],
  },
  {
    name: 'tracker test failed, our last attempt succeeded',
    instance: { services: { youtube: { ok: false, source: 'directory' } } },
    health: { successes: 1, lastOutcome: 'ok' },
    excludedBy: [],
  },
  {
    name: 'tracker test failed, our last attempt failed too',
    instance: { services: { youtube: { ok: false, source: 'directory' } } },
    health: {
      successes: 1,
      failures: 1,
      consecutiveFailures: 1,
      lastOutcome: 'error.api.fetch.fail',
    },
    excludedBy: [REASON.trackerServiceFailed],
  },
  {
    name: 'tracker test failed, we succeeded, then a content error',
    instance: { services: { youtube: { ok: false, source: 'directory' } } },
    health: { successes: 1, consecutiveFailures: 0, lastOutcome: 'error.api.content.post.private' },
    excludedBy: [],
  },
  {
    name: 'tracker test failed, we never succeeded (one blip)',
    instance: { services: { youtube: { ok: false, source: 'directory' } } },
    health: { failures: 0.25, lastOutcome: 'client.network' },
    excludedBy: [REASON.trackerServiceFailed],
  },
  {
    name: 'tracker test failed for another service only',
    instance: { services: { tiktok: { ok: false, source: 'directory' } } },
    excludedBy: [],
  },

  // Quarantine for this service.
  {
    name: 'quarantined',
    health: { failures: 1, quarantinedUntil: NOW + 90_000 },
    excludedBy: [REASON.quarantined],
  },
  { name: 'quarantine over', health: { failures: 1, quarantinedUntil: NOW - 1 }, excludedBy: [] },
  {
    name: 'quarantined, pinned',
    health: { quarantinedUntil: NOW + 90_000 },
    settings: { pinned: [A] },
    excludedBy: [REASON.quarantined],
  },

  // It answered that a key is missing (lib/health/asked-for-key.ts).
  {
    name: 'asked for a key, none given: needs a key (and its quarantine)',
    health: {
      failures: 1,
      quarantinedUntil: NOW + 90_000,
      lastOutcome: 'error.api.auth.key.missing',
    },
    excludedBy: [REASON.needsKey, REASON.quarantined],
  },
  {
    name: 'asked for a key (Turnstile sessions), none given: needs a key',
    health: { failures: 1, lastOutcome: 'error.api.auth.jwt.missing' },
    excludedBy: [REASON.needsKey],
  },
  {
    name: 'asked for a key, the user has given one since: tried, that quarantine waived',
    health: {
      failures: 1,
      quarantinedUntil: NOW + 90_000,
      lastOutcome: 'error.api.auth.key.missing',
    },
    settings: { myInstances: [{ origin: A, apiKey: KEY }] },
    excludedBy: [],
  },
  {
    name: "its tracker's tests were refused for want of a key, none given: needs a key",
    instance: { needsKey: true },
    excludedBy: [REASON.needsKey],
  },
  {
    name: "its tracker's tests were refused for want of a key, the user has one: usable",
    instance: { needsKey: true },
    settings: { myInstances: [{ origin: A, apiKey: KEY }] },
    excludedBy: [],
  },
  {
    name: 'the key it was given is wrong: not "needs a key", the quarantine stands',
    health: {
      failures: 1,
      quarantinedUntil: NOW + 90_000,
      lastOutcome: 'error.api.auth.key.invalid',
    },
    settings: { myInstances: [{ origin: A, apiKey: KEY }] },
    excludedBy: [REASON.quarantined],
  },
];

describe('rank: hard filters', () => {
  it.each(rows)('$name', (row) => {
    const origin = row.origin ?? A;
    const state = stateOf(
      [inst(origin, row.instance)],
      row.probe ? [probe(origin, row.probe)] : [],
      row.health ? [record(origin, 'youtube', row.health)] : [],
    );
    const entry = entryOf(rank('youtube', state, settingsWith(row.settings), NOW), origin);
    expect(keysWith(entry, '!').sort()).toEqual([...row.excludedBy].sort());
    expect(entry.excluded).toBe(row.excludedBy.length > 0);
    expect(entry.score === null).toBe(row.excludedBy.length > 0);
    expect(keysWith(entry, '=').sort()).toEqual([...(row.waived ?? [])].sort());
  });

  it('names the fork it runs in the reason', () => {
    const state = stateOf([inst(A, { codebase: 'someone/fork' })]);
    const entry = entryOf(
      rank('youtube', state, settingsWith({ trust: { onlyUpstream: true } }), NOW),
      A,
    );
    expect(entry.reasons).toContainEqual({
      key: REASON.fork,
      params: ['someone/fork'],
      effect: '!',
    });
  });

  it('says how many minutes a quarantine has left', () => {
    const state = stateOf(
      [inst(A)],
      [],
      [record(A, 'youtube', { quarantinedUntil: NOW + 90_000 })],
    );
    const entry = entryOf(rank('youtube', state, settingsWith(), NOW), A);
    expect(entry.reasons).toContainEqual({ key: REASON.quarantined, params: ['2'], effect: '!' });
  });

  it('quarantine is per service: the same instance is fine for another service', () => {
    const state = stateOf([inst(A)], [], [record(A, 'tiktok', { quarantinedUntil: NOW + 90_000 })]);
    expect(entryOf(rank('youtube', state, settingsWith(), NOW), A).excluded).toBe(false);
    expect(entryOf(rank('tiktok', state, settingsWith(), NOW), A).excluded).toBe(true);
  });

  it('lists every broken rule, not only the first', () => {
    const origin = 'http://192.0.2.1';
    const state = stateOf([
      inst(origin, { trust: 'not_safe', online: false, turnstile: true, generation: 'v7' }),
    ]);
    const entry = entryOf(rank('youtube', state, settingsWith({ blocked: [origin] }), NOW), origin);
    expect(keysWith(entry, '!').sort()).toEqual(
      [
        REASON.blocked,
        REASON.notSafe,
        REASON.offline,
        REASON.turnstile,
        REASON.http,
        REASON.ipOnly,
        REASON.localNetwork,
        REASON.legacyV7,
      ].sort(),
    );
  });

  it('a blocked pin stays marked pinned (the UI shows both) but is excluded', () => {
    const entry = entryOf(
      rank('youtube', stateOf([inst(A)]), settingsWith({ pinned: [A], blocked: [A] }), NOW),
      A,
    );
    expect(entry).toMatchObject({ pinned: true, excluded: true, score: null });
  });

  it('marks instances the user holds a key for', () => {
    const list = rank(
      'youtube',
      stateOf([inst(A), inst('https://b.example')]),
      settingsWith(mine(A, KEY)),
      NOW,
    );
    expect(entryOf(list, A).hasKey).toBe(true);
    expect(entryOf(list, 'https://b.example').hasKey).toBe(false);
  });
});
