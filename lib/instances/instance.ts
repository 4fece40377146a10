import type { ServiceKey } from '../services/service-key';

/**
 * The one normalised instance model every source adapter produces (docs/rules.md "Sources").
 * Adapters yield `SourceEntry` (one instance as one source saw it); `mergeEntries` folds them
 * by origin into `Instance`, keeping which source each field came from.
 */

/** Where a fact came from. Custom list URLs are `custom:<url>`. */
export type SourceId =
  'hyper' | 'directory' | 'cobalt-best' | 'bundled' | 'user' | `custom:${string}`;

/**
 * Trust as the policy sees it. `listed` = the source publishes no trust data (cobalt.directory):
 * the policy treats it as configured (docs/rules.md "Trust policy").
 */
export type TrustLevel = 'safe' | 'unknown' | 'listed' | 'not_safe' | 'offline';

/** v7 speaks `POST /api/json`; v10 and v11 speak `POST /` with different keys (docs/cobalt-api.md §1–2). */
export type ApiGeneration = 'v7' | 'v10' | 'v11' | 'unknown';

export interface SourceEntry {
  source: SourceId;
  /** `https://host[:port]`, lowercase, no path: the only form we ever store or send to. */
  origin: string;
  /** Raw version string as reported ("11.7.1"), or null when unknown/"Offline"/"Unknown". */
  version: string | null;
  generation: ApiGeneration;
  /** null when the source carries no trust data. */
  trust: TrustLevel | null;
  online: boolean | null;
  turnstile: boolean | null;
  /** Per-service test result as this source reports it, in internal keys. */
  services: Partial<Record<ServiceKey, boolean>>;
  /** 0–100 (curved hyper.lol scores are clamped); null when unknown or offline (-1). */
  score: number | null;
  /** Frontend origin (`https://host`), or null ("None", absent). */
  frontend: string | null;
  /**
   * `owner/repo` of the code it runs (lib/instances/codebase.ts): cobalt.directory's `codebase`.
   * Absent from sources that do not carry it.
   */
  codebase?: string | null;
  /**
   * The source's tests got cobalt's "a key is missing" answer (`error.api.auth.*.missing`):
   * the instance serves only with an API key. Absent when the source says nothing of it.
   */
  needsKey?: true;
}

export interface ServiceStatus {
  ok: boolean;
  source: SourceId;
}

export type InstanceField =
  'version' | 'trust' | 'online' | 'turnstile' | 'score' | 'frontend' | 'codebase';

export interface Instance {
  origin: string;
  generation: ApiGeneration;
  version: string | null;
  trust: TrustLevel;
  online: boolean | null;
  turnstile: boolean | null;
  score: number | null;
  frontend: string | null;
  /** A tracker's `codebase`; the probe's `git.remote` is newer and wins (lib/rank/rank-context.ts). */
  codebase?: string | null;
  /** A source says it serves only with an API key (SourceEntry.needsKey). */
  needsKey?: true;
  services: Partial<Record<ServiceKey, ServiceStatus>>;
  /** Which source supplied each merged field. */
  provenance: Partial<Record<InstanceField, SourceId>>;
  /** Every source that lists this origin. */
  sources: SourceId[];
}

/** Why an entry of a feed was dropped: recorded, shown in diagnostics, never thrown. */
export interface DroppedEntry {
  index: number;
  reason: string;
}

export interface FeedParseResult {
  format: FeedFormat;
  entries: SourceEntry[];
  dropped: DroppedEntry[];
}

export type FeedFormat = 'hyper' | 'directory-tests' | 'directory-working' | 'cobalt-best';
