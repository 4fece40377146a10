import fc from 'fast-check';
import type { SourceEntry, SourceId } from '../../lib/instances/instance';
import { SERVICE_KEYS } from '../../lib/services/service-key';
import type { FeedOutcome } from '../../lib/sources/feed-outcome';
import { parseCobaltBestFeed } from '../../lib/sources/parse-cobalt-best';
import { parseDirectoryTestsFeed } from '../../lib/sources/parse-directory-tests';
import { parseDirectoryWorkingFeed } from '../../lib/sources/parse-directory-working';
import { parseFeed, parseFeedJson } from '../../lib/sources/parse-feed';
import { parseHyperFeed } from '../../lib/sources/parse-hyper';
import { parseVersion } from '../../lib/instances/parse-version';
import { SourceEntrySchema } from '../../lib/sources/source-entry-schema';
import {
  anyJson,
  hostLike,
  mostly,
  nastyString,
  RUNS,
  serviceName,
  versionLike,
} from './arbitraries';

/**
 * Every feed adapter, on arbitrary and adversarial JSON: it never throws, and every instance it
 * yields satisfies the model's invariants (lib/instances/instance.ts). A tracker is run by a
 * stranger: whatever it serves, the worst it may cost is its own entries.
 */

const SOURCE: SourceId = 'custom:https://list.example/instances.json';
const TRUST_LEVELS = new Set(['safe', 'unknown', 'listed', 'not_safe', 'offline']);
const GENERATIONS = new Set(['v7', 'v10', 'v11', 'unknown']);
const SERVICE_SET = new Set<string>(SERVICE_KEYS);
/** A drop reason is shown in diagnostics and stored: a hostile feed must not bloat it. */
const MAX_REASON_LENGTH = 400;

/**
 * Plain checks instead of `expect` in the hot path: ten thousand cases with several entries each
 * would otherwise spend most of their time in the matcher machinery. A failure still throws, and
 * fast-check shrinks and reports the counterexample.
 */
function check(condition: boolean, what: string, value?: unknown): void {
  if (!condition) throw new Error(`${what}: ${JSON.stringify(value)?.slice(0, 300)}`);
}

/** `http(s)://host[:port]`, lowercase, nothing after the authority. */
function checkCanonicalOrigin(origin: string, field: string): void {
  check(/^https?:\/\/[^/?#@\s]+$/.test(origin), `${field} is not scheme://host[:port]`, origin);
  check(origin === origin.toLowerCase(), `${field} is not lowercase`, origin);
  check(new URL(origin).origin === origin, `${field} is not an origin`, origin);
}

function checkModelInvariants(entry: SourceEntry): void {
  check(entry.source === SOURCE, 'source', entry.source);
  checkCanonicalOrigin(entry.origin, 'origin');
  if (entry.frontend !== null) checkCanonicalOrigin(entry.frontend, 'frontend');
  // score: null or 0–100
  check(
    entry.score === null ||
      (Number.isFinite(entry.score) && entry.score >= 0 && entry.score <= 100),
    'score outside 0–100',
    entry.score,
  );
  // generation consistent with version
  check(GENERATIONS.has(entry.generation), 'generation', entry.generation);
  if (entry.version === null)
    check(entry.generation === 'unknown', 'generation without version', entry);
  else {
    check(
      entry.version === entry.version.trim() &&
        entry.version.length > 0 &&
        entry.version.length <= 64,
      'version not trimmed/bounded',
      entry.version,
    );
    check(
      entry.generation === parseVersion(entry.version).generation,
      'generation ≠ version',
      entry,
    );
  }
  // trust in the enum or null; flags are booleans or null
  check(entry.trust === null || TRUST_LEVELS.has(entry.trust), 'trust', entry.trust);
  for (const flag of [entry.online, entry.turnstile]) {
    check(flag === true || flag === false || flag === null, 'flag', flag);
  }
  // services: own keys that are ServiceKeys, boolean values
  check(Object.getPrototypeOf(entry.services) === Object.prototype, 'services prototype');
  for (const [key, value] of Object.entries(entry.services)) {
    check(SERVICE_SET.has(key), 'services key is not a ServiceKey', key);
    check(typeof value === 'boolean', 'services value is not a boolean', value);
  }
  // and our own storage schema accepts it (it is what gets persisted)
  check(SourceEntrySchema.safeParse(entry).success, 'SourceEntrySchema rejects the entry', entry);
}

/** Checks one outcome; returns how many entries it kept (so a property can prove it reached them). */
function expectOutcome(outcome: FeedOutcome, itemCount: number | null): number {
  if (!outcome.ok) {
    check(
      typeof outcome.error === 'string' &&
        outcome.error.length > 0 &&
        outcome.error.length <= MAX_REASON_LENGTH,
      'feed error is not a bounded sentence',
      outcome.error,
    );
    return 0;
  }
  for (const entry of outcome.entries) checkModelInvariants(entry);
  for (const drop of outcome.dropped) {
    check(Number.isInteger(drop.index) && drop.index >= 0, 'drop index', drop.index);
    check(
      drop.reason.length > 0 && drop.reason.length <= MAX_REASON_LENGTH,
      'drop reason is not a bounded sentence',
      drop.reason,
    );
  }
  // Nothing is lost silently: each item is kept or dropped with a reason.
  if (itemCount !== null) {
    check(
      outcome.entries.length + outcome.dropped.length === itemCount,
      'entries + dropped ≠ items',
      { entries: outcome.entries.length, dropped: outcome.dropped.length, itemCount },
    );
  }
  return outcome.entries.length;
}

/** Runs a property and proves the generator reached valid entries, not only drops. */
function assertKeeping<T>(
  arbitrary: fc.Arbitrary<T>,
  run: (value: T) => number,
  examples: [T][] = [],
): void {
  let kept = 0;
  fc.assert(
    fc.property(arbitrary, (value) => {
      kept += run(value);
    }),
    { numRuns: RUNS, examples },
  );
  expect(kept).toBeGreaterThan(RUNS / 10);
}

const services = fc.oneof(
  fc.dictionary(serviceName, mostly(fc.boolean()), { maxKeys: 8 }),
  anyJson,
);

/** instances.hyper.lol entries of every generation (docs/cobalt-api.md §6.1), drifted. */
const hyperEntry = fc.record(
  {
    api: mostly(hostLike),
    url: mostly(hostLike),
    protocol: mostly(fc.constantFrom('https', 'http', 'HTTPS', 'https:', 'ftp', '')),
    frontEnd: mostly(fc.oneof(hostLike, fc.constant('None'))),
    api_online: mostly(fc.oneof(fc.boolean(), fc.constantFrom('true', 'offline'))),
    api_status: mostly(fc.boolean()),
    status: mostly(fc.boolean()),
    version: versionLike,
    score: mostly(fc.oneof(fc.double({ noNaN: true, min: -5, max: 130 }), fc.constant(-1))),
    trust: mostly(fc.constantFrom('safe', 'unknown', 'not_safe', 'offline', 'Not Safe', '', 3)),
    turnstile: mostly(fc.boolean()),
    services,
    sevices: services,
  },
  { requiredKeys: [] },
);

/** cobalt.directory `/api/tests` entries (docs/cobalt-api.md §6.2). */
const testResult = fc.oneof(
  fc.record(
    {
      status: mostly(fc.boolean()),
      message: mostly(fc.constantFrom('ok', 'turnstile enabled', 'Turnstile', 'error')),
      friendly: mostly(fc.string()),
    },
    { requiredKeys: [] },
  ),
  anyJson,
);
const directoryEntry = fc.record(
  {
    api: mostly(hostLike),
    protocol: mostly(fc.constantFrom('https', 'http', 'gopher')),
    frontend: mostly(hostLike),
    online: mostly(fc.boolean()),
    version: versionLike,
    codebase: mostly(fc.string()),
    tests: fc.oneof(fc.dictionary(serviceName, testResult, { maxKeys: 8 }), anyJson),
  },
  { requiredKeys: [] },
);

/** instances.cobalt.best entries, old and new shapes (docs/cobalt-api.md §6.3). */
const cobaltBestEntry = fc.record(
  {
    api: mostly(hostLike),
    url: mostly(hostLike),
    protocol: mostly(fc.constantFrom('https', 'http')),
    frontend: mostly(fc.oneof(hostLike, fc.constant(null))),
    online: mostly(
      fc.oneof(
        fc.boolean(),
        fc.record({ api: mostly(fc.boolean()), frontend: mostly(fc.boolean()) }),
      ),
    ),
    status: mostly(fc.constantFrom('online', 'offline', 'up', 'maybe')),
    version: versionLike,
    trust: mostly(fc.oneof(fc.integer({ min: -10, max: 120 }), fc.constantFrom('safe', '90'))),
    score: mostly(fc.integer({ min: -10, max: 120 })),
    turnstile: mostly(fc.boolean()),
    services,
    nodomain: mostly(fc.boolean()),
    git: mostly(fc.string()),
  },
  { requiredKeys: [] },
);

const list = <T>(entry: fc.Arbitrary<T>) =>
  fc.array(fc.oneof({ weight: 5, arbitrary: entry }, { weight: 1, arbitrary: anyJson }), {
    maxLength: 4,
  });

/** A list, bare or in one of the envelopes feeds use (feed-items.ts). */
function wrapped<T>(items: fc.Arbitrary<T[]>) {
  return fc.tuple(items, fc.constantFrom('bare', 'data', 'instances')).map(([entries, wrap]) => ({
    entries,
    json: wrap === 'bare' ? entries : { lastUpdatedUTC: '2026-01-01', [wrap]: entries },
  }));
}

describe('feed adapters on arbitrary and adversarial JSON', () => {
  it('parseFeedJson (format detection + dispatch): any JSON document', () => {
    fc.assert(
      fc.property(anyJson, (json) => {
        expectOutcome(parseFeedJson(json, SOURCE), null);
      }),
      { numRuns: RUNS },
    );
  });

  it('parseFeed: any text, JSON or not (HTML pages, BOMs, truncated JSON)', () => {
    const text = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 300 }),
      anyJson.map((json) => JSON.stringify(json) ?? ''),
      list(hyperEntry).map((items) => {
        const full = JSON.stringify(items);
        return full.slice(0, Math.floor(full.length / 2));
      }),
      fc.constantFrom('\ufeff[]', '<!doctype html><p>blocked</p>', '   ', 'null', '[[[[[[[[[['),
    );
    fc.assert(
      fc.property(text, (body) => {
        expectOutcome(parseFeed(body, SOURCE), null);
      }),
      { numRuns: RUNS },
    );
  });

  it('hyper.lol adapter: drifted entries of every generation', () => {
    // Found by this property: prototype names as service keys or trust labels used to come
    // back as Object.prototype members (a function as a "service"), which the storage schema
    // then refused, costing the whole snapshot.
    const prototypeNames = [
      {
        api: 'cobalt.example',
        trust: 'constructor',
        services: JSON.parse(
          '{"constructor":true,"__proto__":false,"toString":true,"youtube":true}',
        ) as unknown,
      },
    ];
    assertKeeping(
      wrapped(list(hyperEntry)),
      ({ json, entries }) => expectOutcome(parseHyperFeed(json, SOURCE), entries.length),
      [[{ json: prototypeNames, entries: prototypeNames }]],
    );
  });

  it('cobalt.directory /api/tests adapter: drifted entries and test maps', () => {
    assertKeeping(wrapped(list(directoryEntry)), ({ json, entries }) =>
      expectOutcome(parseDirectoryTestsFeed(json, SOURCE), entries.length),
    );
  });

  it('cobalt.directory /api/working adapter: service → address lists with junk', () => {
    const working = fc.record(
      {
        lastUpdatedUTC: mostly(fc.string()),
        data: mostly(
          fc.dictionary(serviceName, mostly(fc.array(mostly(hostLike), { maxLength: 6 })), {
            maxKeys: 6,
          }),
        ),
      },
      { requiredKeys: [] },
    );
    assertKeeping(fc.oneof(working, anyJson), (json) =>
      expectOutcome(parseDirectoryWorkingFeed(json, SOURCE), null),
    );
  });

  it('instances.cobalt.best adapter: old and new shapes, drifted', () => {
    assertKeeping(wrapped(list(cobaltBestEntry)), ({ json, entries }) =>
      expectOutcome(parseCobaltBestFeed(json, SOURCE), entries.length),
    );
  });

  it('host-keyed results maps (the key fills in a missing api)', () => {
    const map = fc.dictionary(
      fc.oneof(hostLike, nastyString),
      fc.oneof(hyperEntry, directoryEntry, cobaltBestEntry, fc.constant({})),
      { maxKeys: 3 },
    );
    assertKeeping(map, (json) => expectOutcome(parseFeedJson(json, SOURCE), null));
  });
});
