/**
 * The filename a `Content-Disposition` header names (RFC 6266): `filename*=UTF-8''…` wins over
 * `filename="…"`. v7 streams carry their filename only here (docs/cobalt-api.md §7). The result is raw
 * third-party text: pass it through sanitizeFilename before use.
 */

/** Headers longer than this are not worth parsing. */
const MAX_HEADER_LENGTH = 8192;

export function filenameFromContentDisposition(header: string | null | undefined): string | null {
  if (!header || header.length > MAX_HEADER_LENGTH) return null;
  const extended = /(?:^|;)\s*filename\*\s*=\s*([^;]*)/i.exec(header)?.[1]?.trim();
  if (extended) {
    const match = /^([\w!#$%&+^`{}~-]+)'[\w-]*'(.*)$/.exec(extended);
    if (match && match[1]?.toLowerCase() === 'utf-8') {
      try {
        return decodeURIComponent(match[2] ?? '');
      } catch {
        // malformed percent-encoding: fall back to the plain parameter
      }
    }
  }
  const plain = /(?:^|;)\s*filename\s*=\s*("(?:[^"\\]|\\.)*"|[^;]*)/i.exec(header)?.[1]?.trim();
  if (!plain) return null;
  if (plain.startsWith('"')) return plain.slice(1, -1).replace(/\\(.)/g, '$1');
  return plain;
}
