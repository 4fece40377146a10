import type { GetMessage } from '../../platform/i18n';

/**
 * The `_locales/<lang>/messages.json` format and Chrome's `i18n.getMessage` substitution rules,
 * as a pure function: tests and screenshot scripts render with real locale files through it.
 *
 * Rules (developer.chrome.com/docs/extensions/reference/api/i18n): message names are
 * case-insensitive; `$name$` refers to a named placeholder whose `content` may hold `$1`–`$9`;
 * `$1`–`$9` in the message itself are substituted directly; a missing substitution becomes "";
 * `$$` is a literal `$`. An unknown message name gives "".
 */
export interface LocaleMessage {
  message: string;
  description?: string;
  placeholders?: Record<string, { content: string; example?: string }>;
}

export type LocaleMessages = Record<string, LocaleMessage>;

const TOKEN = /\$\$|\$([A-Za-z0-9_@]+)\$|\$([1-9])/g;

export function createGetMessage(messages: LocaleMessages): GetMessage {
  const byName = new Map<string, LocaleMessage>();
  for (const [name, entry] of Object.entries(messages)) byName.set(name.toLowerCase(), entry);

  return (key, substitutions = []) => {
    const entry = byName.get(key.toLowerCase());
    if (!entry) return '';
    const placeholders = new Map<string, string>();
    for (const [name, p] of Object.entries(entry.placeholders ?? {})) {
      placeholders.set(name.toLowerCase(), p.content);
    }
    const sub = (digit: string) => substitutions[Number(digit) - 1] ?? '';
    return entry.message.replace(
      TOKEN,
      (match, name: string | undefined, digit: string | undefined) => {
        if (match === '$$') return '$';
        if (digit) return sub(digit);
        const content = placeholders.get(name!.toLowerCase());
        if (content === undefined) return match;
        return content.replace(/\$([1-9])/g, (_m, d: string) => sub(d));
      },
    );
  };
}

/** Placeholder numbers ($1, $2…) a message uses, sorted: for consistency checks across locales. */
export function placeholderNumbers(entry: LocaleMessage): number[] {
  const found = new Set<number>();
  const collect = (text: string) => {
    for (const m of text.matchAll(/\$([1-9])/g)) found.add(Number(m[1]));
  };
  for (const m of entry.message.matchAll(TOKEN)) {
    if (m[2]) found.add(Number(m[2]));
    else if (m[1])
      collect(
        entry.placeholders?.[m[1]]?.content ??
          entry.placeholders?.[m[1].toLowerCase()]?.content ??
          '',
      );
  }
  return [...found].sort((a, b) => a - b);
}
