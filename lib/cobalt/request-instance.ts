import { httpRequest, type FetchLike, type HttpFailureKind } from '../net/http';
import { safeDownloadUrl } from '../safety/safe-download-url';
import { sanitizeFilename } from '../safety/sanitize-filename';
import { buildRequest, type BuildRequestInput } from './build-request';
import { CLIENT_CODES, classifyError } from './classify-error';
import type { AttemptOutcome, CobaltResult, RateLimitInfo } from './cobalt-result';
import type { ClassifiedError } from './error-action';
import { parseResponse } from './parse-response';
import { MAX_WAIT_SECONDS, readRateLimit, retryAt } from './rate-limit';

/**
 * One attempt against one instance (v7 `/api/json` or v10+ `/`): build, POST, parse, classify.
 * The result never contains the API key or the request; it is what the trail and health see.
 *
 * `redirect: 'manual'` (as the official web app does, docs/cobalt-api.md §3.8): a 3xx (Node) or an
 * opaque redirect (browsers, status 0) is a failure, never followed, so the Authorization
 * header can never be replayed to another origin.
 */

export interface RequestInstanceInput extends BuildRequestInput {
  fetch: FetchLike;
  signal?: AbortSignal;
  timeoutMs?: number;
  now?: () => number;
  /** From the probe (`turnstileSitekey` in `GET /`): without a key, the instance is skipped. */
  turnstile?: boolean;
}

/** The official web app aborts `POST /` after 20 s (docs/cobalt-api.md §3.8). */
const DEFAULT_TIMEOUT_MS = 20_000;
/** cobalt answers are small; a picker of many long CDN URLs stays far below this. */
export const MAX_ANSWER_BYTES = 256 * 1024;

const RATE_LIMIT_CODES = new Set(['error.api.rate_exceeded', CLIENT_CODES.rateLimited]);

export async function requestInstance(input: RequestInstanceInput): Promise<AttemptOutcome> {
  const now = input.now ?? Date.now;
  const hasKey = typeof input.apiKey === 'string' && input.apiKey !== '';
  // Turnstile cannot be solved by an extension and must not be bypassed (docs/rules.md "Trust policy");
  // an API key is checked before the JWT on the server, so with a key it is worth a try.
  if (input.turnstile && !hasKey) return failed(classifyError(CLIENT_CODES.turnstile), 0, null);

  const built = buildRequest(input);
  if (!built.ok) return failed(built.error, 0, null);
  const { request } = built;

  const answer = await httpRequest(
    input.fetch,
    {
      url: request.url,
      method: 'POST',
      headers: request.headers,
      body: request.body,
      timeoutMs: input.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      maxBytes: MAX_ANSWER_BYTES,
      signal: input.signal,
      redirect: 'manual',
    },
    now,
  );
  if (!answer.ok) {
    return failed(classifyError(transportCode(answer.kind, answer.message)), answer.ms, null);
  }
  if (isRedirect(answer.status)) {
    return failed(
      classifyError(CLIENT_CODES.redirect, { context: { httpStatus: answer.status } }),
      answer.ms,
      null,
    );
  }

  const at = now();
  const rateLimit = readRateLimit(answer.headers, at);
  const parsed = parseResponse(answer);
  if (!parsed.ok) {
    const until = RATE_LIMIT_CODES.has(parsed.code)
      ? rateLimitUntil(rateLimit, parsed.context, at)
      : null;
    const error = classifyError(parsed.code, { context: parsed.context, retryAt: until });
    return failed(error, answer.ms, rateLimit);
  }
  const safe = safeResult(parsed.result);
  if (!safe) return failed(classifyError(CLIENT_CODES.unsafeUrl), answer.ms, rateLimit);
  return { ok: true, result: safe, ms: answer.ms, rateLimit };
}

function failed(
  error: ClassifiedError,
  ms: number,
  rateLimit: RateLimitInfo | null,
): AttemptOutcome {
  return { ok: false, error, ms, rateLimit };
}

function isRedirect(status: number): boolean {
  return status === 0 || (status >= 300 && status < 400);
}

function transportCode(kind: HttpFailureKind, message: string): string {
  switch (kind) {
    case 'timeout':
      return CLIENT_CODES.timeout;
    case 'aborted':
      return CLIENT_CODES.aborted;
    case 'too-large':
      return CLIENT_CODES.responseTooLarge;
    case 'bad-url':
      return CLIENT_CODES.badOrigin;
    case 'network':
      // Node names the cause; browsers only say "Failed to fetch" (then: client.network).
      return /ECONNREFUSED/.test(message) ? CLIENT_CODES.refused : CLIENT_CODES.network;
  }
}

/** Headers first; else cobalt's `context.limit`, which is the window in seconds (§3.3). */
function rateLimitUntil(
  info: RateLimitInfo | null,
  context: Record<string, unknown> | undefined,
  at: number,
): number | null {
  const fromHeaders = retryAt(info, at);
  if (fromHeaders !== null) return fromHeaders;
  const window = context?.limit;
  if (typeof window !== 'number' || !Number.isFinite(window) || window < 0) return null;
  return at + Math.min(window, MAX_WAIT_SECONDS) * 1000;
}

/**
 * Only http(s) URLs survive (docs/rules.md "Safety"); filenames are sanitised here, at the boundary, so
 * nothing downstream ever sees a hostile one. Unsafe thumbnails or audio are dropped; an unsafe
 * main URL fails the attempt.
 */
function safeResult(result: CobaltResult): CobaltResult | null {
  switch (result.status) {
    case 'tunnel':
    case 'redirect': {
      const url = safeDownloadUrl(result.url);
      if (!url.ok) return null;
      return { status: result.status, url: url.url, filename: safeName(result.filename) };
    }
    case 'picker': {
      const items = result.items.flatMap((item) => {
        const url = safeDownloadUrl(item.url);
        if (!url.ok) return [];
        const thumb = safeDownloadUrl(item.thumb);
        return [{ type: item.type, url: url.url, thumb: thumb.ok ? thumb.url : null }];
      });
      if (items.length === 0) return null;
      const audio = safeDownloadUrl(result.audio);
      return {
        status: 'picker',
        items,
        audio: audio.ok ? audio.url : null,
        audioFilename: audio.ok ? safeName(result.audioFilename) : null,
      };
    }
    case 'local-processing': {
      const tunnel: string[] = [];
      for (const raw of result.tunnel) {
        const url = safeDownloadUrl(raw);
        if (!url.ok) return null;
        tunnel.push(url.url);
      }
      return {
        status: 'local-processing',
        type: result.type,
        tunnel,
        filename: safeName(result.filename),
        metadata: result.metadata,
        isHLS: result.isHLS,
      };
    }
  }
}

function safeName(filename: string | null): string | null {
  return filename === null ? null : sanitizeFilename(filename);
}
