/**
 * Makes a filename from a third party (cobalt's `filename`, a Content-Disposition header) safe to
 * hand to the downloads API on every OS (docs/rules.md "Results"): one path segment, no traversal, no
 * control or direction-override characters, not a Windows device name, bounded, extension kept.
 */

export interface SanitizeFilenameOptions {
  /** Base name when nothing usable is left. */
  fallbackBase?: string;
  /** Extension (without dot) added when the name has none, e.g. from `extensionForMime`. */
  fallbackExtension?: string;
}

/** Characters (code points), extension included. */
export const MAX_FILENAME_CHARS = 120;
/** UTF-8 bytes: most filesystems stop at 255; leave room for the browser's " (1)" suffixes. */
export const MAX_FILENAME_BYTES = 240;
const DEFAULT_FALLBACK_BASE = 'download';
/** Work on at most this much hostile input. */
const MAX_INPUT_CHARS = 4096;
/** An extension is 1–10 ASCII letters/digits; anything else is part of the name. */
const EXTENSION_RE = /^[A-Za-z0-9]{1,10}$/;

/* eslint-disable no-control-regex -- matching control characters is the point */
/** C0, DEL and C1 controls. */
const CONTROL_RE = /[\u0000-\u001f\u007f-\u009f]/g;
/* eslint-enable no-control-regex */
/**
 * Invisible formatting that can disguise a name: bidi embeddings/overrides/isolates (U+202E
 * turns "evil\u202Egpj.exe" into "evilexe.jpg" on screen), marks, zero-width characters, BOM.
 */
const INVISIBLE_RE = /[\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;
const LONE_SURROGATE_RE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
/** Path separators and the other characters Windows refuses in names. */
const FORBIDDEN_RE = /[/\\:*?"<>|]/g;
/** Windows device names, reserved with any extension ("con.txt" too). */
const RESERVED_RE = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)$/i;

export function sanitizeFilename(raw: unknown, options: SanitizeFilenameOptions = {}): string {
  const text = typeof raw === 'string' ? raw.slice(0, MAX_INPUT_CHARS) : '';
  const cleaned = text
    .replace(LONE_SURROGATE_RE, '')
    .normalize('NFC')
    .replace(CONTROL_RE, '')
    .replace(INVISIBLE_RE, '')
    .replace(FORBIDDEN_RE, '_')
    .replace(/\s+/g, ' ')
    .replace(/\.{2,}/g, '.') // no ".." anywhere
    .replace(/[. ]+$/, ''); // Windows drops trailing dots and spaces

  const dot = cleaned.lastIndexOf('.');
  const candidate = dot >= 0 ? cleaned.slice(dot + 1) : '';
  const hasExtension = EXTENSION_RE.test(candidate);
  let base = (hasExtension ? cleaned.slice(0, dot) : cleaned).replace(/^[. ]+|[. ]+$/g, '');
  const extension = hasExtension ? candidate : safeExtension(options.fallbackExtension);

  if (base === '') base = safeBase(options.fallbackBase);
  if (RESERVED_RE.test(base.split('.')[0] ?? '')) base = `_${base}`;

  const suffix = extension ? `.${extension}` : '';
  base = truncate(base, MAX_FILENAME_CHARS - suffix.length, MAX_FILENAME_BYTES - suffix.length);
  base = base.replace(/[. ]+$/, '');
  if (base === '') base = DEFAULT_FALLBACK_BASE;
  return `${base}${suffix}`;
}

/** Cuts on code points (never splitting a surrogate pair) to fit both bounds. */
function truncate(value: string, maxChars: number, maxBytes: number): string {
  const encoder = new TextEncoder();
  let out = '';
  let chars = 0;
  let bytes = 0;
  for (const char of value) {
    const size = encoder.encode(char).length;
    if (chars + 1 > maxChars || bytes + size > maxBytes) break;
    out += char;
    chars += 1;
    bytes += size;
  }
  return out;
}

function safeExtension(value: string | undefined): string {
  return value && EXTENSION_RE.test(value) ? value : '';
}

function safeBase(value: string | undefined): string {
  if (!value) return DEFAULT_FALLBACK_BASE;
  const cleaned = sanitizeFilename(value);
  return cleaned === '' ? DEFAULT_FALLBACK_BASE : cleaned;
}

const MIME_EXTENSIONS: Record<string, string> = {
  'video/mp4': 'mp4',
  'video/webm': 'webm',
  'video/quicktime': 'mov',
  'video/x-matroska': 'mkv',
  'audio/mpeg': 'mp3',
  'audio/mp4': 'm4a',
  'audio/ogg': 'ogg',
  'audio/opus': 'opus',
  'audio/wav': 'wav',
  'audio/webm': 'weba',
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/gif': 'gif',
  'image/webp': 'webp',
};

/** A sensible extension for a MIME type (parameters ignored); `bin` when unknown. */
export function extensionForMime(mime: string | null | undefined): string {
  const type = (mime ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  return Object.hasOwn(MIME_EXTENSIONS, type) ? (MIME_EXTENSIONS[type] ?? 'bin') : 'bin';
}
