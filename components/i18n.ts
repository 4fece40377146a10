/**
 * Every UI string goes through `t()`, which reads `_locales/<lang>/messages.json` via
 * `browser.i18n.getMessage` in the extension. Tests and screenshot scripts inject a lookup
 * built from the real locale files (lib/ui/chrome-i18n.ts), so they see the same text.
 */
import type { GetMessage } from '../lib/ui/chrome-i18n';

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

/** The message for `key` with `$1…` substituted; the key itself when the locale lacks it. */
export function t(key: string, params?: readonly (string | number)[]): string {
  return impl.getMessage(key, params?.map(String)) || key;
}

/** Does the current locale have this message? (for keys that arrive as data) */
export function hasMessage(key: string): boolean {
  return impl.getMessage(key) !== '';
}

/** `key`'s message, or `fallbackKey`'s when the locale lacks `key` (keys that arrive as data). */
export function tOr(
  key: string | undefined,
  fallbackKey: string,
  params?: readonly (string | number)[],
): string {
  return key && hasMessage(key) ? t(key, params) : t(fallbackKey, params);
}

/** BCP 47 tag of the UI language, for Intl formatting. */
export function uiLocale(): string {
  return impl.locale;
}
