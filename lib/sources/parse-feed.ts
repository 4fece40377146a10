import type { FeedFormat, SourceId } from '../instances/instance';
import { parseJson } from '../net/http';
import { detectFormat } from './detect-format';
import type { FeedOutcome } from './feed-outcome';
import { parseCobaltBestFeed } from './parse-cobalt-best';
import { parseDirectoryTestsFeed } from './parse-directory-tests';
import { parseDirectoryWorkingFeed } from './parse-directory-working';
import { parseHyperFeed } from './parse-hyper';

/**
 * A tracker's answer (text) → entries, whatever the format: detect, then dispatch. A non-JSON
 * or wrong-shape answer is a plain-words error value, never a throw, so the caller can keep
 * the last good snapshot (docs/rules.md "Sources").
 */
const PARSERS: Record<FeedFormat, (json: unknown, source: SourceId) => FeedOutcome> = {
  hyper: parseHyperFeed,
  'directory-tests': parseDirectoryTestsFeed,
  'directory-working': parseDirectoryWorkingFeed,
  'cobalt-best': parseCobaltBestFeed,
};

const BYTE_ORDER_MARK = /^\uFEFF/;
const LOOKS_LIKE_HTML = /^\s*<(!doctype|html|head|body|\?xml|[a-z]+[\s>])/i;

export function parseFeed(text: string, source: SourceId): FeedOutcome {
  const body = text.replace(BYTE_ORDER_MARK, '');
  if (body.trim() === '') return { ok: false, error: 'The answer was empty' };
  const json = parseJson(body);
  if (!json.ok) {
    return {
      ok: false,
      error: LOOKS_LIKE_HTML.test(body)
        ? 'The answer is a web page, not a JSON instance list'
        : 'The answer is not valid JSON',
    };
  }
  return parseFeedJson(json.value, source);
}

/** Same, for an already-parsed document (bundled files, tests). */
export function parseFeedJson(json: unknown, source: SourceId): FeedOutcome {
  const detected = detectFormat(json);
  if (!detected.ok) return { ok: false, error: detected.reason };
  return PARSERS[detected.format](json, source);
}
