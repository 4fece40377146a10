/**
 * The one message protocol between UI pages and the background (docs/rules.md "Architecture").
 * UI code imports this file with `import type` only; the background validates every arriving
 * message with the zod schemas in `message-schemas.ts` and checks the sender is our own page.
 *
 * Names are `domain/verb`. Each request maps to exactly one response type.
 */
import type { BatchStartResult, BatchView, PastePreview } from '../model/batch-view';
import type { HistoryEntry } from '../model/history-entry';
import type { DeepTestResult } from '../model/deep-test-result';
import type { FeedStatusView } from '../model/feed-status-view';
import type { SaveResult } from '../model/save-result';
import type { OptionsSnapshot, PopupSnapshot } from '../model/snapshots';
import type { UserError } from '../model/user-error';
import type { ServiceKey } from '../services/service-key';
import type { DownloadMode } from '../settings/schema';

/** Request → response for every message. */
export interface ProtocolMap {
  /**
   * `jobId` (optional): show this job rather than the tab's latest one: the popup opened as a
   * page (`popup.html?job=<id>`, a context-menu picker) or right after its own 'download/start'.
   */
  'popup/snapshot': { req: { tabId: number | null; jobId?: string | null }; res: PopupSnapshot };
  /** Refused with a UserError (a page no service handles): see Reply. */
  'download/start': {
    req: { tabId: number | null; url: string | null; mode: DownloadMode };
    res: { jobId: string };
  };
  'download/pick': {
    req: { jobId: string; indexes: number[]; audio: boolean };
    res: { ok: boolean };
  };
  /**
   * Queues every link cobalt can handle in `text`. `again`: links downloaded before are
   * downloaded again (true), skipped (false), or follow the setting (null; `ask` answers with them).
   */
  'batch/start': {
    req: { text: string; mode: DownloadMode; again: boolean | null };
    res: BatchStartResult;
  };
  /** Which links of a pasted text 'batch/start' would queue. */
  'batch/preview': { req: { text: string }; res: PastePreview };
  'batch/state': { req: Record<string, never>; res: BatchView };
  'batch/retry': { req: { id: string }; res: BatchView };
  /** One item, or every waiting and running item when `id` is null. */
  'batch/cancel': { req: { id: string | null }; res: BatchView };
  'history/list': { req: Record<string, never>; res: HistoryEntry[] };
  'history/clear': { req: Record<string, never>; res: HistoryEntry[] };
  /** A picker's "Download all": the post and its answer go to the batch queue. */
  'download/pick-all': { req: { jobId: string }; res: { ok: boolean } };
  /** Stops a job processing on this device; its temporary data is removed. */
  'download/cancel': { req: { jobId: string }; res: { ok: boolean } };
  'instance/pin': { req: { origin: string; pinned: boolean }; res: SaveResult };
  'instance/block': { req: { origin: string; blocked: boolean }; res: SaveResult };
  'instance/test': { req: { origin: string; service: ServiceKey | null }; res: DeepTestResult[] };
  'sources/refresh': { req: Record<string, never>; res: FeedStatusView[] };
  'options/snapshot': { req: Record<string, never>; res: OptionsSnapshot };
  'settings/save': { req: { settings: unknown }; res: SaveResult };
  'settings/import': { req: { json: string }; res: SaveResult };
  'settings/export': { req: Record<string, never>; res: { json: string } };
  'settings/reset': { req: Record<string, never>; res: SaveResult };
}

export type MessageType = keyof ProtocolMap;
export type RequestOf<T extends MessageType> = ProtocolMap[T]['req'];
export type ResponseOf<T extends MessageType> = ProtocolMap[T]['res'];

export interface Envelope<T extends MessageType = MessageType> {
  type: T;
  payload: RequestOf<T>;
}

/**
 * Why a request got no value, as it crosses the wire: a refusal in the user's words (rendered
 * as it is), a request that failed validation on arrival (message-schemas.ts), or a failure
 * inside the background. Never an exception object: those do not survive structured cloning.
 */
export type ReplyError =
  | { kind: 'user'; error: UserError }
  | { kind: 'invalid'; message: string }
  | { kind: 'internal'; message: string };

/** What the background sends back for every request (components/protocol-client.ts unwraps it). */
export type Reply<T extends MessageType = MessageType> =
  { ok: true; value: ResponseOf<T> } | { ok: false; error: ReplyError };

/** Background → UI push: something the open pages show changed; they re-request their snapshot. */
export interface ChangedBroadcast {
  type: 'changed';
  what: 'job' | 'instances' | 'settings' | 'feeds' | 'recent' | 'batch';
  jobId?: string;
}
