/**
 * A tiny matcher for cobalt's url-pattern strings (docs/cobalt-api.md §5.1 step 4), so the service table can
 * hold cobalt's own pattern text (`:user/status/:id`, `watch?v=:id`, `s-:accessKey`).
 *
 * Semantics copied from the npm `url-pattern` package as cobalt configures it:
 * - `:name` (letters and digits) captures one run of the segment charset below, greedily;
 * - `*` matches anything, slashes included (used only in our own rewrites);
 * - every other character is literal, and the whole input must match.
 * cobalt widens url-pattern's default segment charset (`a-zA-Z0-9-_~ %`) with `@`, `.` and `:`,
 * so a capture never spans `/`, `?`, `&` or `=`.
 *
 * A RegExp with named groups may stand in for a string where the pattern language is too small
 * (taking the last 32 characters of a loom slug).
 */

export type PathPattern = string | RegExp;
export type Captures = Readonly<Record<string, string>>;

const SEGMENT_CHARSET = String.raw`[a-zA-Z0-9\-_~ %@.:]+`;
const TOKEN = /:([a-zA-Z0-9]+)|\*/g;
const REGEX_SPECIALS = /[.*+?^${}()|[\]\\/-]/g;

const compiled = new Map<string, RegExp>();

function escapeLiteral(text: string): string {
  return text.replace(REGEX_SPECIALS, '\\$&');
}

/** url-pattern string → anchored RegExp with one named group per `:name`. */
export function compilePattern(pattern: string): RegExp {
  const cached = compiled.get(pattern);
  if (cached) return cached;
  let source = '';
  let last = 0;
  for (const token of pattern.matchAll(TOKEN)) {
    source += escapeLiteral(pattern.slice(last, token.index));
    source += token[1] === undefined ? '.*?' : `(?<${token[1]}>${SEGMENT_CHARSET})`;
    last = token.index + token[0].length;
  }
  source += escapeLiteral(pattern.slice(last));
  const regex = new RegExp(`^${source}$`);
  compiled.set(pattern, regex);
  return regex;
}

/** The named captures when `input` matches the whole pattern, else null. */
export function matchPattern(pattern: PathPattern, input: string): Captures | null {
  const regex = typeof pattern === 'string' ? compilePattern(pattern) : pattern;
  const match = regex.exec(input);
  if (!match) return null;
  const captures: Record<string, string> = {};
  for (const [name, value] of Object.entries(match.groups ?? {})) {
    if (value !== undefined) captures[name] = value;
  }
  return captures;
}

/** First pattern of the list that matches, with its captures. */
export function matchFirst(patterns: readonly PathPattern[], input: string): Captures | null {
  for (const pattern of patterns) {
    const captures = matchPattern(pattern, input);
    if (captures) return captures;
  }
  return null;
}

/** `watch?v=:id` + {id: 'abc'} → `watch?v=abc`; a name with no capture is left as written. */
export function fillTemplate(template: string, captures: Captures): string {
  return template.replace(/:([a-zA-Z0-9]+)/g, (token, name: string) => captures[name] ?? token);
}
