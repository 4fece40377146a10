import { z } from 'zod';
import type { SourceId } from '../instances/instance';
import { coerceFlag } from './coerce-flag';
import { collectEntries, type EntryResult, type FeedOutcome } from './feed-outcome';
import { feedItems, isPlainObject } from './feed-items';
import { mapServices } from './map-services';
import { frontendOrigin, normaliseOrigin } from './normalise-origin';
import { parseVersion } from '../instances/parse-version';
import { normaliseCodebase } from '../instances/codebase';
import {
  describeZodError,
  entryObject,
  JsonObject,
  lenient,
  optionalText,
  requiredText,
} from './tolerant-schema';

/**
 * cobalt.directory `GET /api/tests` → `{ lastUpdatedUTC, data: Instance[] }` (docs/cobalt-api.md §6.2).
 * Each entry: `api`, `frontend` (absent when none), `protocol`, `online`, `version`
 * (`"Offline"`/`"Unknown"`), `codebase` (the instance's `git.remote`; `remote` before 2026-01-20),
 * `startTime`, and `tests: { "<slug>": {status, message, friendly?} }` which includes a
 * `"Frontend"` test and is `{}` when offline. There is no trust (→ null, merged as `listed`)
 * and no score (computed here). The same parser reads the tracker's input list
 * (`api, frontend, protocol`).
 */
const DirectoryEntry = entryObject({
  api: requiredText(),
  protocol: optionalText(),
  frontend: lenient(z.string()),
  online: lenient(z.boolean()),
  version: lenient(z.union([z.string(), z.number()])),
  tests: lenient(JsonObject),
  codebase: lenient(z.string()),
  remote: lenient(z.string()),
});

/** The site's own score counts `Frontend` (§6.2); ours rates the API, so it is left out. */
const FRONTEND_TEST = 'frontend';
/** The tracker's message when it cannot test a Turnstile instance without a key (§6.2). */
const TURNSTILE_MESSAGE = /turnstile/i;
/**
 * A test answered with cobalt's own "a key is missing" error (`error.api.auth.key.missing`, or
 * `auth.jwt.missing` where a key is the other way in; docs/cobalt-api.md §3.6).
 */
const KEY_MISSING_MESSAGE = /error\.api\.auth\.[a-z_]+\.missing/i;
const PERCENT = 100;

function parseDirectoryTestsEntry(item: unknown, source: SourceId): EntryResult {
  const parsed = DirectoryEntry.safeParse(item);
  if (!parsed.success) return { ok: false, reason: describeZodError(parsed.error) };
  const entry = parsed.data;
  const origin = normaliseOrigin(entry.api, entry.protocol);
  if (!origin.ok) return origin;
  // One pass over the tests (this runs for every entry of a feed): the API tests, each one's
  // verdict, and the tally, without intermediate lists.
  const tests: Record<string, unknown> = {};
  let counted = 0;
  let passed = 0;
  let allTurnstile = true;
  let allKeyMissing = true;
  const raw = entry.tests ?? {};
  for (const name in raw) {
    if (!Object.hasOwn(raw, name)) continue;
    if (name.trim().toLowerCase() === FRONTEND_TEST) continue;
    const result = raw[name];
    if (name === '__proto__') defineOwn(tests, name, result);
    else tests[name] = result;
    const ok = coerceFlag(result);
    if (ok === null) continue;
    counted += 1;
    if (ok || !KEY_MISSING_MESSAGE.test(messageOf(result))) allKeyMissing = false;
    if (ok) {
      passed += 1;
      allTurnstile = false;
    } else if (allTurnstile && !TURNSTILE_MESSAGE.test(messageOf(result))) {
      allTurnstile = false;
    }
  }
  const turnstile = counted > 0 && allTurnstile;
  // Every test refused for want of a key: it was not tested either, and it needs a key.
  const needsKey = counted > 0 && allKeyMissing;
  const { version, generation } = parseVersion(entry.version);
  return {
    ok: true,
    entry: {
      source,
      origin: origin.origin,
      version,
      generation,
      trust: null,
      online: entry.online ?? null,
      // Only a positive finding is a fact: the tracker tests some hosts with private API keys
      // (§0.3, §6.2), so passing tests do not prove there is no Turnstile.
      turnstile: turnstile ? true : null,
      // A Turnstile instance was not tested at all: its failures say nothing about services.
      services: turnstile || needsKey ? {} : mapServices(tests),
      score: counted > 0 ? Math.round((passed / counted) * PERCENT) : null,
      frontend: frontendOrigin(entry.frontend),
      codebase: normaliseCodebase(entry.codebase ?? entry.remote),
      ...(needsKey ? { needsKey: true as const } : {}),
    },
  };
}

/** As Object.fromEntries does: an own property even for a name like `__proto__`. */
function defineOwn(target: Record<string, unknown>, name: string, value: unknown): void {
  Object.defineProperty(target, name, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

function messageOf(result: unknown): string {
  return isPlainObject(result) && typeof result.message === 'string' ? result.message : '';
}

export function parseDirectoryTestsFeed(json: unknown, source: SourceId): FeedOutcome {
  const items = feedItems(json);
  if (items === null) return { ok: false, error: 'The feed has no "data" list of instances' };
  return collectEntries('directory-tests', items, (item) => parseDirectoryTestsEntry(item, source));
}
