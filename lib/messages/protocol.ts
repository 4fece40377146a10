/**
 * The one message protocol between UI pages and the background (BRIEF "Architecture").
 * UI code imports this file with `import type` only; the background validates every arriving
 * message with the zod schemas in `message-schemas.ts` and checks the sender is our own page.
 *
 * Names are `domain/verb`. Each request maps to exactly one response type.
 */
import type { HandoffTarget } from '../rank/handoff-targets';
import type { FeedFailure } from '../sources/feed-failure';
import type { ServiceKey } from '../services/service-key';
import type { DownloadMode, Settings } from '../settings/schema';
import type { ApiGeneration, TrustLevel } from '../instances/instance';

/** A reason an instance ranks where it does, or why it is excluded. `key` is an i18n message key. */
export interface RankReason {
  key: string;
  /** Substitutions for the i18n message. */
  params?: string[];
  /** + helps, − hurts, ! excludes, = neutral information. */
  effect: '+' | '-' | '!' | '=';
}

export interface InstanceView {
  origin: string;
  frontend: string | null;
  version: string | null;
  generation: ApiGeneration;
  trust: TrustLevel;
  pinned: boolean;
  blocked: boolean;
  hasKey: boolean;
  /** null when excluded. */
  score: number | null;
  excluded: boolean;
  reasons: RankReason[];
  latencyMs: number | null;
}

export type PageInfo =
  | { kind: 'supported'; service: ServiceKey; url: string }
  /** A cobalt service's site, but not a media link (a profile, the home page). */
  | { kind: 'service-page'; service: ServiceKey }
  | { kind: 'unsupported' }
  /** No tab, or a browser-internal page. */
  | { kind: 'none' };

export type TrailOutcome = 'running' | 'ok' | 'failed' | 'skipped' | 'cancelled';

export interface TrailEntry {
  origin: string;
  outcome: TrailOutcome;
  /** cobalt error code or client code; never contains a key or the page URL. */
  code?: string;
  /** i18n key for a plain-words reason. */
  messageKey?: string;
  ms: number;
}

export interface PickerItemView {
  index: number;
  type: 'photo' | 'video' | 'gif';
  thumb: string | null;
}

/** A user-facing error: what happened and what to do, as i18n keys. */
export interface UserError {
  /** 'content' → nothing to retry; 'instances' → all failed; 'setup' → fix a setting/key; 'input' → bad link. */
  kind: 'content' | 'instances' | 'setup' | 'input' | 'internal';
  titleKey: string;
  detailKey: string;
  params?: string[];
  code?: string;
}

export type JobState = 'running' | 'picker' | 'downloading' | 'done' | 'failed';

export interface JobView {
  id: string;
  tabId: number | null;
  service: ServiceKey;
  mode: DownloadMode;
  state: JobState;
  startedAt: number;
  trail: TrailEntry[];
  /** Instance that served the result. */
  servedBy: string | null;
  picker: { items: PickerItemView[]; hasAudio: boolean } | null;
  filenames: string[];
  error: UserError | null;
  /** The link this job downloads (the popup offers "try again" with it); optional. */
  url?: string | null;
  /** Optional download progress while `state` is 'downloading' (downloads API byte counts). */
  bytes?: { received: number; total: number | null };
}

export interface RecentDownload {
  at: number;
  service: ServiceKey;
  filename: string | null;
  servedBy: string | null;
  ok: boolean;
  errorKey?: string;
}

export interface FeedStatusView {
  source: string;
  enabled: boolean;
  lastSuccess: number | null;
  lastError: string | null;
  lastAttempt: number | null;
  entries: number;
  dropped: number;
  nextAttempt: number | null;
  /** The kind of the current failure (lib/sources/feed-failure.ts); null while it works. */
  failure: FeedFailure | null;
  /** Failing for a day or more, so asked once a day (lib/sources/refresh-limits.ts). */
  daily: boolean;
  /** When the list still in use from this source was fetched; null when none is held. */
  listFrom: number | null;
}

export interface PopupSnapshot {
  page: PageInfo;
  tabId: number | null;
  supportedServices: ServiceKey[];
  instances: InstanceView[];
  /** The ranked list comes only from the bundled snapshot (no tracker reached yet). */
  usingBundled: boolean;
  job: JobView | null;
  recent: RecentDownload[];
  defaultMode: DownloadMode;
  /** Plain-words notices (e.g. a corrupt setting was reset), as i18n keys + params. */
  notices: { key: string; params?: string[] }[];
  /** Web apps that can take the link when no automatic instance can (lib/rank/handoff-targets.ts). */
  handoff: HandoffTarget[];
}

export interface DiagnosticsRow {
  origin: string;
  version: string | null;
  trust: TrustLevel;
  online: boolean | null;
  turnstile: boolean | null;
  sources: string[];
  services: Partial<Record<ServiceKey, boolean>>;
  latencyMs: number | null;
  /** Short health summary: successes / failures, quarantined services. */
  health: { ok: number; failed: number; quarantined: ServiceKey[] };
}

export interface OptionsSnapshot {
  settings: Settings;
  feeds: FeedStatusView[];
  diagnostics: DiagnosticsRow[];
  notices: { key: string; params?: string[] }[];
}

export interface ValidationProblem {
  path: string;
  message: string;
}

export type SaveResult = { ok: true } | { ok: false; problems: ValidationProblem[] };

export interface DeepTestResult {
  origin: string;
  service: ServiceKey;
  ok: boolean;
  code?: string;
  ms: number;
}

/** Request → response for every message. */
export interface ProtocolMap {
  /**
   * `jobId` (optional): show this job rather than the tab's latest one: the popup opened as a
   * page (`popup.html?job=<id>`, a context-menu picker) or right after its own 'download/start'.
   */
  'popup/snapshot': { req: { tabId: number | null; jobId?: string | null }; res: PopupSnapshot };
  'download/start': {
    req: { tabId: number | null; url: string | null; mode: DownloadMode };
    res: { jobId: string } | { error: UserError };
  };
  'download/pick': {
    req: { jobId: string; indexes: number[]; audio: boolean };
    res: { ok: boolean };
  };
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

/** Background → UI push: something the open pages show changed; they re-request their snapshot. */
export interface ChangedBroadcast {
  type: 'changed';
  what: 'job' | 'instances' | 'settings' | 'feeds' | 'recent';
  jobId?: string;
}
