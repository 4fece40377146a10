import { z } from 'zod';
import { parseJson } from '../net/http';
import { CLIENT_CODES } from './classify-error';
import type { CobaltResult } from './cobalt-result';

/**
 * A `POST /` (v10+) or `POST /api/json` (v7) answer → a CobaltResult or an error code.
 * The JSON `status` decides, never the HTTP status (docs/cobalt-api.md §0 item 2, §3.4); v7 shapes are
 * mapped onto the current ones (docs/cobalt-api.md §7). Pure: no classification here.
 */

export type ParsedResponse =
  | { ok: true; result: CobaltResult }
  | { ok: false; code: string; context?: Record<string, unknown> };

export interface RawAnswer {
  /** HTTP status. */
  status: number;
  text: string;
}

const Url = z.string().min(1);
/** A filename absent, null or not a string is "no filename" (v7 never sends one). */
const Filename = z
  .unknown()
  .optional()
  .transform((value) => (typeof value === 'string' && value !== '' ? value : null));

const PickerItem = z.object({
  // the web app treats a missing type as a photo; an unknown one only changes the icon
  type: z
    .unknown()
    .optional()
    .transform((value) => (value === 'video' || value === 'gif' ? value : 'photo')),
  url: Url,
  thumb: z
    .unknown()
    .optional()
    .transform((value) => (typeof value === 'string' && value !== '' ? value : null)),
});

/** cobalt's error.context is `{service?, limit?}`; anything else is dropped, and bounded. */
const Context = z
  .record(z.string(), z.unknown())
  .optional()
  .catch(undefined)
  .transform((context) => {
    if (!context) return undefined;
    const out: Record<string, unknown> = {};
    if (typeof context.service === 'string') out.service = context.service.slice(0, 64);
    if (typeof context.limit === 'number' && Number.isFinite(context.limit)) {
      out.limit = context.limit;
    }
    return Object.keys(out).length > 0 ? out : undefined;
  });

/** A cobalt error code: dotted lowercase words, bounded. */
const Code = z.string().regex(/^[a-z0-9_.]{1,100}$/i);

const Answer = z.discriminatedUnion('status', [
  z.object({ status: z.literal('tunnel'), url: Url, filename: Filename }),
  z.object({ status: z.literal('redirect'), url: Url, filename: Filename }),
  z.object({
    status: z.literal('picker'),
    picker: z.array(PickerItem).min(1),
    // v7: `audio: false` when there is none
    audio: z
      .unknown()
      .optional()
      .transform((value) => (typeof value === 'string' && value ? value : null)),
    audioFilename: Filename,
  }),
  z.object({
    status: z.literal('local-processing'),
    type: z.string().min(1).max(32),
    tunnel: z.array(Url).min(1),
    output: z
      .object({
        filename: Filename,
        metadata: z.record(z.string(), z.unknown()).optional().catch(undefined),
      })
      .optional(),
    isHLS: z.unknown().optional(),
  }),
  z.object({
    status: z.literal('error'),
    // v10+: {code, context}; v7: localized prose in `text`
    error: z.object({ code: Code, context: Context }).optional(),
    text: z.string().optional(),
  }),
  z.object({ status: z.literal('stream'), url: Url }), // v7 tunnel
  z.object({ status: z.literal('rate-limit') }), // v7 429
]);

const KNOWN_STATUSES = new Set([
  'tunnel',
  'redirect',
  'picker',
  'local-processing',
  'error',
  'stream',
  'rate-limit',
]);

const RATE_LIMITED_HTTP = 429;
const SERVER_ERROR_HTTP = 500;

export function parseResponse({ status, text }: RawAnswer): ParsedResponse {
  const httpContext = { httpStatus: status };
  const json = parseJson(text);
  const envelope = json.ok ? z.object({ status: z.string() }).safeParse(json.value) : null;
  if (!envelope?.success) {
    // Not a cobalt answer: a proxy's 429, a 5xx page, an HTML block page, an empty body.
    if (status === RATE_LIMITED_HTTP) return fail(CLIENT_CODES.rateLimited, httpContext);
    if (status >= SERVER_ERROR_HTTP) return fail(CLIENT_CODES.http5xx, httpContext);
    return fail(CLIENT_CODES.badResponse, httpContext);
  }
  if (!KNOWN_STATUSES.has(envelope.data.status)) {
    // the web app's error.api.unknown_response (docs/cobalt-api.md §8)
    return fail(CLIENT_CODES.unknownResponse, httpContext);
  }
  const parsed = Answer.safeParse(json.ok ? json.value : null);
  if (!parsed.success) return fail(CLIENT_CODES.badResponse, httpContext);
  const answer = parsed.data;
  switch (answer.status) {
    case 'tunnel':
    case 'redirect':
      return ok({ status: answer.status, url: answer.url, filename: answer.filename });
    case 'stream':
      return ok({ status: 'tunnel', url: answer.url, filename: null });
    case 'picker':
      return ok({
        status: 'picker',
        items: answer.picker,
        audio: answer.audio,
        audioFilename: answer.audioFilename,
      });
    case 'local-processing':
      return ok({
        status: 'local-processing',
        type: answer.type,
        tunnel: answer.tunnel,
        filename: answer.output?.filename ?? null,
        metadata: answer.output?.metadata ?? null,
        // only a literal true: anything else is read as plain files, which the muxer then checks
        isHLS: answer.isHLS === true,
      });
    case 'rate-limit':
      return fail('error.api.rate_exceeded');
    case 'error':
      if (answer.error) return fail(answer.error.code, answer.error.context);
      if (answer.text !== undefined) return fail(CLIENT_CODES.legacyError);
      return fail(CLIENT_CODES.badResponse, httpContext);
  }
}

function ok(result: CobaltResult): ParsedResponse {
  return { ok: true, result };
}

function fail(code: string, context?: Record<string, unknown>): ParsedResponse {
  return context ? { ok: false, code, context } : { ok: false, code };
}
