import { matchService, type ServiceMatch } from '../services/match-service';

/** More links than this in one paste or selection is not a batch a person meant to start. */
export const MAX_BATCH_LINKS = 500;
/** Longest text read for links (a whole page's selection can be large; links are short). */
const MAX_TEXT_LENGTH = 1_000_000;

/** Anything that starts like a web address, up to the first space or bracket. */
const URL_LIKE = /https?:\/\/[^\s<>"'`{}|\\^[\]]+/gi;
/** Sentence punctuation that ends up glued to a link in prose ("see https://x.com/a/b.") */
const TRAILING = /[.,;:!?)]+$/;

export interface ExtractedLinks {
  /** Links cobalt can handle, in order of first appearance, each once (by the link sent). */
  links: ServiceMatch[];
  /** Web addresses found that no service takes (shown to the user as "not downloadable"). */
  ignored: number;
  /** Links dropped because the batch was already at `MAX_BATCH_LINKS`. */
  overflow: number;
}

/**
 * Text (a paste, a page selection, one link per line or prose) → the links cobalt can handle.
 * Each candidate goes through `matchService`, the same rule a single download uses
 * (docs/rules.md "Service detection"), so a batch never holds a link a single download would
 * refuse; links that send the same (tracking or a hash dropped) count once.
 */
export function extractLinks(text: string): ExtractedLinks {
  const seen = new Set<string>();
  const links: ServiceMatch[] = [];
  let ignored = 0;
  let overflow = 0;
  for (const raw of text.slice(0, MAX_TEXT_LENGTH).match(URL_LIKE) ?? []) {
    const match = matchService(trimTrailing(raw));
    if (!match) {
      ignored += 1;
      continue;
    }
    if (seen.has(match.url)) continue;
    seen.add(match.url);
    if (links.length >= MAX_BATCH_LINKS) overflow += 1;
    else links.push(match);
  }
  return { links, ignored, overflow };
}

/** Drops glued punctuation; a `)` stays when the link opened one itself (wiki-style paths). */
function trimTrailing(link: string): string {
  const trimmed = link.replace(TRAILING, '');
  const tail = link.slice(trimmed.length);
  const opens = (trimmed.match(/\(/g) ?? []).length;
  const closes = (trimmed.match(/\)/g) ?? []).length;
  return opens > closes && tail.startsWith(')') ? `${trimmed})` : trimmed;
}
