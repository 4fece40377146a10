import { browser } from 'wxt/browser';

/**
 * Background-side i18n: WXT types `getMessage` with the generated key union; engine keys
 * arrive as plain strings (i18n keys carried in lib/ values), so the lookup is widened here.
 * A missing key shows the key itself rather than an empty notification.
 */
export function translate(key: string, params: string[] = []): string {
  const get = browser.i18n.getMessage as (name: string, substitutions?: string[]) => string;
  return get(key, params) || key;
}
