import type { DownloadOptions } from '../settings/schema';
import type { ApiGeneration } from '../instances/instance';
import { safeDownloadUrl } from '../safety/safe-download-url';
import type { ParsedVersion } from '../instances/parse-version';
import { capabilities } from './api-version';
import { CLIENT_CODES, classifyError } from './classify-error';
import type { ClassifiedError } from './error-action';
import type { WireValue } from './request-keys';

/**
 * The request for one instance (docs/cobalt-api.md §2, §3.2, §7): the endpoint of its generation, the
 * exact headers cobalt accepts, and a body with `url` plus only the keys that this version
 * accepts and whose value differs from this version's default (the official web app's
 * minimal-body rule, docs/cobalt-api.md §8). An unknown version gets `{url}` alone.
 */

export interface BuildRequestInput {
  /** The instance origin; any path is ignored (docs/cobalt-api.md §1: "always use the origin only"). */
  origin: string;
  /** Raw version string as reported ("11.7.1"), null when unknown, or already parsed. */
  version: string | null | undefined | ParsedVersion;
  /** The page link, already normalised by lib/services. */
  url: string;
  options: DownloadOptions;
  /** The user's key for this instance (lowercase UUID), sent as `Authorization: Api-Key …`. */
  apiKey?: string | null;
}

interface CobaltRequest {
  /** Endpoint: `origin + '/'`, or `origin + '/api/json'` on v7. */
  url: string;
  headers: Record<string, string>;
  body: string;
  generation: ApiGeneration;
  /** Wire keys left out so the body fits BODY_LIMIT_BYTES (least important first). */
  dropped: string[];
}

export type BuildRequestResult =
  { ok: true; request: CobaltRequest } | { ok: false; error: ClassifiedError };

/** `express.json({ limit: 1024 })`: 1024 bytes pass, 1025 do not (real-cobalt 9000-post-body-*). */
export const BODY_LIMIT_BYTES = 1024;

/**
 * Exactly `application/json`: cobalt refuses lists, `*\/*`, upper-case charsets and a missing
 * space (docs/cobalt-api.md §3.2, real-cobalt 9000-post-*-accept / content-type cases).
 */
const JSON_MEDIA_TYPE = 'application/json';

const API_KEY_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function buildRequest(input: BuildRequestInput): BuildRequestResult {
  const origin = originOf(input.origin);
  if (!origin) return failure(CLIENT_CODES.badOrigin);
  const link = safeDownloadUrl(input.url);
  if (!link.ok) return failure(CLIENT_CODES.badLink);

  const headers: Record<string, string> = {
    Accept: JSON_MEDIA_TYPE,
    'Content-Type': JSON_MEDIA_TYPE,
  };
  if (input.apiKey !== undefined && input.apiKey !== null && input.apiKey !== '') {
    // A malformed key would only earn auth.key.invalid, and a CR/LF in it must never reach a
    // header; the settings schema already insists on a lowercase UUID.
    if (!API_KEY_RE.test(input.apiKey)) return failure(CLIENT_CODES.invalidApiKey);
    headers.Authorization = `Api-Key ${input.apiKey}`;
  }

  const caps = capabilities(input.version);
  // v7 URI-decodes `url` server-side (docs/cobalt-api.md §7), so it must travel encoded there.
  const wireUrl = caps.generation === 'v7' ? encodeURIComponent(input.url) : input.url;
  const entries: [string, WireValue][] = [];
  for (const key of caps.keys) {
    const value = key.encode(input.options);
    if (value !== null && value !== key.defaultValue) entries.push([key.wire, value]);
  }

  const dropped: string[] = [];
  let body = serialise(wireUrl, entries);
  while (byteLength(body) > BODY_LIMIT_BYTES) {
    const last = entries.pop();
    if (!last) return failure(CLIENT_CODES.bodyTooLarge);
    dropped.unshift(last[0]);
    body = serialise(wireUrl, entries);
  }
  return {
    ok: true,
    request: {
      url: `${origin}${caps.endpointPath}`,
      headers,
      body,
      generation: caps.generation,
      dropped,
    },
  };
}

function serialise(url: string, entries: [string, WireValue][]): string {
  return JSON.stringify(Object.fromEntries([['url', url], ...entries]));
}

function byteLength(text: string): number {
  return new TextEncoder().encode(text).length;
}

function originOf(raw: string): string | null {
  const checked = safeDownloadUrl(raw);
  return checked.ok ? new URL(checked.url).origin : null;
}

function failure(code: string): BuildRequestResult {
  return { ok: false, error: classifyError(code) };
}
