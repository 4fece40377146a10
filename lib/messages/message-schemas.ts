import { z } from 'zod';
import { SERVICE_KEYS } from '../services/service-key';
import { DownloadModeSchema } from '../settings/schema';
import { StoredOriginSchema } from '../storage/stored-origin-schema';
import type { Envelope, MessageType, ProtocolMap } from './protocol';

/**
 * Arrival-side validation for every message of the protocol (protocol.ts). The background
 * never trusts a payload's shape: a malformed message is answered with an error, not acted on.
 */
const Empty = z.object({}).strict();
const BatchItemId = z.string().min(1).max(64);
const TabId = z.number().int().nonnegative().nullable();
/** Exactly an http(s) origin (`https://host[:port]`): never a path a probe would append to. */
const Origin = z.string().max(300).pipe(StoredOriginSchema);

const REQUEST_SCHEMAS = {
  'popup/snapshot': z.object({
    tabId: TabId,
    jobId: z.string().min(1).max(64).nullable().optional(),
  }),
  'download/start': z.object({
    tabId: TabId,
    url: z.string().max(4096).nullable(),
    mode: DownloadModeSchema,
  }),
  'download/pick': z.object({
    jobId: z.string().min(1).max(64),
    indexes: z.array(z.number().int().nonnegative()).max(10_000),
    audio: z.boolean(),
  }),
  'batch/start': z.object({
    // A selection of a long page can be large; links are short and capped at 500 per batch.
    text: z.string().max(1_000_000),
    mode: DownloadModeSchema,
    again: z.boolean().nullable(),
  }),
  'batch/preview': z.object({ text: z.string().max(1_000_000) }),
  'batch/state': Empty,
  'batch/retry': z.object({ id: BatchItemId }),
  'batch/cancel': z.object({ id: BatchItemId.nullable() }),
  'history/list': Empty,
  'history/clear': Empty,
  'download/pick-all': z.object({ jobId: z.string().min(1).max(64) }),
  'download/cancel': z.object({ jobId: z.string().min(1).max(64) }),
  'instance/pin': z.object({ origin: Origin, pinned: z.boolean() }),
  'instance/block': z.object({ origin: Origin, blocked: z.boolean() }),
  'instance/test': z.object({ origin: Origin, service: z.enum(SERVICE_KEYS).nullable() }),
  'sources/refresh': Empty,
  'options/snapshot': Empty,
  'settings/save': z.object({ settings: z.unknown() }),
  'settings/import': z.object({ json: z.string().max(512 * 1024) }),
  'settings/export': Empty,
  'settings/reset': Empty,
} satisfies { [K in MessageType]: z.ZodType<ProtocolMap[K]['req']> };

export const MESSAGE_TYPES = Object.keys(REQUEST_SCHEMAS) as MessageType[];

export type ParsedMessage = { ok: true; envelope: Envelope } | { ok: false; error: string };

export function parseMessage(raw: unknown): ParsedMessage {
  if (typeof raw !== 'object' || raw === null)
    return { ok: false, error: 'message is not an object' };
  const { type, payload } = raw as { type?: unknown; payload?: unknown };
  // Own keys only: `toString`, `__proto__` and friends are not message types.
  if (typeof type !== 'string' || !Object.hasOwn(REQUEST_SCHEMAS, type)) {
    return { ok: false, error: `unknown message type ${JSON.stringify(type)}` };
  }
  const schema = REQUEST_SCHEMAS[type as MessageType];
  const parsed = schema.safeParse(payload ?? {});
  if (!parsed.success) {
    return {
      ok: false,
      error: `invalid ${type} payload: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'} ${i.message}`).join('; ')}`,
    };
  }
  return { ok: true, envelope: { type: type as MessageType, payload: parsed.data } as Envelope };
}

/** Minimal sender shape shared by Chromium and Firefox. */
export interface MessageSender {
  id?: string;
  url?: string;
  /** Present when the message comes from a content script in a web page. */
  tab?: unknown;
}

/**
 * Only our own extension pages may talk to the background: same extension id, and a page URL
 * under our own origin (chrome-extension://<id>/ or moz-extension://<uuid>/). Content scripts
 * (which carry `tab` and a web page URL) and other extensions are refused.
 */
export function isTrustedSender(
  sender: MessageSender,
  extensionId: string,
  extensionOrigin: string,
): boolean {
  if (sender.id !== extensionId) return false;
  if (typeof sender.url !== 'string') return false;
  const base = extensionOrigin.endsWith('/') ? extensionOrigin : `${extensionOrigin}/`;
  return sender.url.startsWith(base);
}
