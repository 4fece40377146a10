import type enMessages from '../public/_locales/en/messages.json';

/**
 * The one i18n path, for the popup, the options page and the background alike: every string
 * comes from `public/_locales/<lang>/messages.json` through the browser's i18n.getMessage, and
 * English exists only in `public/_locales/en/messages.json`. Keys written in code are typed
 * from that file (`MessageKey`), so a key with no English words is a compile error;
 * test/unit/i18n/locales.test.ts proves every locale has every key English has.
 * Keys that arrive as data (rank reasons, user errors, notices, badge and menu titles carried
 * in lib/ values) go through `tData`/`tOr`, which fall back instead of showing nothing.
 *
 * Tests and screenshot scripts inject a lookup built from the real locale files
 * (test/support/chrome-i18n.ts), so they see the same text.
 */
export type MessageKey = keyof typeof enMessages;

/** chrome.i18n.getMessage's contract: "" for an unknown key. */
export type GetMessage = (key: string, substitutions?: readonly string[]) => string;

interface I18nImpl {
  getMessage: GetMessage;
  locale: string;
}

interface BrowserI18n {
  getMessage(key: string, substitutions?: string | string[]): string;
  getUILanguage(): string;
}

function browserI18n(): BrowserI18n | null {
  const g = globalThis as { chrome?: { i18n?: BrowserI18n }; browser?: { i18n?: BrowserI18n } };
  return g.browser?.i18n ?? g.chrome?.i18n ?? null;
}

/** `getUILanguage()` costs ~0.1 ms a call in Chromium and never changes while a page is open. */
let browserLocale: string | null = null;

const fromBrowser: I18nImpl = {
  getMessage: (key, substitutions) => {
    try {
      return browserI18n()?.getMessage(key, substitutions ? [...substitutions] : undefined) ?? '';
    } catch {
      return '';
    }
  },
  get locale() {
    if (browserLocale === null) {
      try {
        browserLocale = browserI18n()?.getUILanguage() ?? 'en';
      } catch {
        browserLocale = 'en';
      }
    }
    return browserLocale;
  },
};

let impl: I18nImpl = fromBrowser;

/** Replace the message source (tests); `null` restores `browser.i18n`. */
export function setI18n(next: I18nImpl | null): void {
  impl = next ?? fromBrowser;
  browserLocale = null;
}

type Params = readonly (string | number)[];

/** The message for `key` with `$1…` substituted. */
export function t(key: MessageKey, params?: Params): string {
  return tData(key, params);
}

/** A key that arrives as data: its message, or the key itself when no locale has it. */
export function tData(key: string, params?: Params): string {
  return impl.getMessage(key, params?.map(String)) || key;
}

/** Does the current locale have this message? (for keys that arrive as data) */
export function hasMessage(key: string): boolean {
  return impl.getMessage(key) !== '';
}

/** `key`'s message, or `fallbackKey`'s when the locale lacks `key` (keys that arrive as data). */
export function tOr(key: string | undefined, fallbackKey: string, params?: Params): string {
  return key && hasMessage(key) ? tData(key, params) : tData(fallbackKey, params);
}

/** BCP 47 tag of the UI language, for Intl formatting. */
export function uiLocale(): string {
  return impl.locale;
}
