/**
 * The gate every URL passes before anything is fetched or downloaded (docs/rules.md "Results",
 * "Safety"): only http: and https:, no credentials, a real host. An instance is a third party:
 * a `javascript:`, `data:`, `file:`, `blob:` or `chrome:` "download URL" from it is hostile or
 * broken, never something to hand to the downloads API.
 */

type UnsafeUrlReason =
  'not-a-string' | 'too-long' | 'unparseable' | 'scheme' | 'credentials' | 'no-host';

export type SafeUrlResult = { ok: true; url: string } | { ok: false; reason: UnsafeUrlReason };

/** Longer than any tunnel or CDN URL cobalt makes; a bound for hostile input. */
export const MAX_URL_LENGTH = 8192;

const ALLOWED_PROTOCOLS = new Set(['http:', 'https:']);

export function safeDownloadUrl(raw: unknown): SafeUrlResult {
  if (typeof raw !== 'string') return { ok: false, reason: 'not-a-string' };
  if (raw.length > MAX_URL_LENGTH) return { ok: false, reason: 'too-long' };
  let url: URL;
  try {
    // The WHATWG parser strips tabs/newlines and leading/trailing C0 controls, exactly as a
    // browser would before acting on the URL, so "java\nscript:" is judged as "javascript:".
    url = new URL(raw);
  } catch {
    return { ok: false, reason: 'unparseable' };
  }
  if (!ALLOWED_PROTOCOLS.has(url.protocol)) return { ok: false, reason: 'scheme' };
  // user:pass@ can disguise the real host (https://youtube.com@evil.example/) and leaks secrets.
  if (url.username !== '' || url.password !== '') return { ok: false, reason: 'credentials' };
  if (url.hostname === '') return { ok: false, reason: 'no-host' };
  return { ok: true, url: url.href };
}

export function isSafeDownloadUrl(raw: unknown): raw is string {
  return safeDownloadUrl(raw).ok;
}
