import type { FeedFormat } from '../instances/instance';
import { feedItems, isPlainObject } from './feed-items';

/**
 * Which tracker format a JSON document is, from its shape alone, so a user-added list URL in
 * any supported format just works (docs/rules.md "Sources").
 *
 * - `{ data: { "<slug>": [urls] } }` is cobalt.directory `/api/working` (§6.2).
 * - Otherwise the entries are found (feed-items.ts) and each entry votes for the format whose
 *   tell-tale keys it carries most (SIGNALS, from §6.1–6.3). The most votes win; a tie
 *   goes to the earlier format in FORMAT_ORDER.
 * - A list whose entries carry no tell-tale key at all (a plain `api, frontend, protocol` list,
 *   like cobalt.directory's input list) is read as `directory-tests`: a list without trust.
 */
export type FormatDetection = { ok: true; format: FeedFormat } | { ok: false; reason: string };

type EntryFormat = Exclude<FeedFormat, 'directory-working'>;

const FORMAT_ORDER: readonly EntryFormat[] = ['hyper', 'directory-tests', 'cobalt-best'];

/** `sevices` is the documented example's typo (web/api.md @ aa43c31). */
const HYPER_KEYS = [
  'api_online',
  'api_status',
  'frontend_online',
  'frontend_status',
  'frontEnd',
  'sevices',
] as const;

const SIGNALS: Record<EntryFormat, (entry: Record<string, unknown>) => number> = {
  hyper: (entry) =>
    count(entry, HYPER_KEYS) +
    (typeof entry.trust === 'string' ? 1 : 0) +
    // 2023-12 generation: `url` + `status` instead of `api` + `api_online`.
    (typeof entry.url === 'string' && typeof entry.status === 'boolean' ? 1 : 0),
  'directory-tests': (entry) => count(entry, ['tests', 'codebase', 'remote']),
  'cobalt-best': (entry) =>
    count(entry, ['nodomain', 'git', 'info']) +
    (typeof entry.trust === 'number' ? 1 : 0) +
    (isPlainObject(entry.online) ? 1 : 0) +
    // A boolean `online` next to `services` (not `tests`) is the newer cobalt.best entry.
    (typeof entry.online === 'boolean' && 'services' in entry && !('tests' in entry) ? 1 : 0),
};

const FALLBACK: EntryFormat = 'directory-tests';

export function detectFormat(json: unknown): FormatDetection {
  if (isPlainObject(json) && isWorkingMap(json.data)) {
    return { ok: true, format: 'directory-working' };
  }
  const items = feedItems(json);
  if (items === null) {
    return { ok: false, reason: 'The answer is JSON but not a known instance list' };
  }
  const entries = items.filter(isPlainObject);
  if (!entries.some((entry) => typeof entry.api === 'string' || typeof entry.url === 'string')) {
    return {
      ok: false,
      reason:
        items.length === 0 ? 'The feed lists no instances' : 'The list has no instance entries',
    };
  }
  const votes = new Map<EntryFormat, number>(FORMAT_ORDER.map((format) => [format, 0]));
  for (const entry of entries) {
    const winner = strongest(entry);
    if (winner) votes.set(winner, (votes.get(winner) ?? 0) + 1);
  }
  let best: EntryFormat = FALLBACK;
  let bestVotes = 0;
  for (const format of FORMAT_ORDER) {
    const formatVotes = votes.get(format) ?? 0;
    if (formatVotes > bestVotes) {
      best = format;
      bestVotes = formatVotes;
    }
  }
  return { ok: true, format: best };
}

/** The format this one entry looks most like, or null when it has no tell-tale key. */
function strongest(entry: Record<string, unknown>): EntryFormat | null {
  let winner: EntryFormat | null = null;
  let top = 0;
  for (const format of FORMAT_ORDER) {
    const score = SIGNALS[format](entry);
    if (score > top) {
      winner = format;
      top = score;
    }
  }
  return winner;
}

function count(entry: Record<string, unknown>, keys: readonly string[]): number {
  return keys.filter((key) => key in entry).length;
}

/**
 * `/api/working`'s `data`: an object of per-service address lists. One malformed slug must not
 * hide the feed (the parser drops it), so it is enough that some value is a list and none is an
 * entry object (which would make it a host-keyed results map).
 */
function isWorkingMap(data: unknown): boolean {
  if (!isPlainObject(data)) return false;
  const values = Object.values(data);
  return values.some((value) => Array.isArray(value)) && !values.some(isPlainObject);
}
