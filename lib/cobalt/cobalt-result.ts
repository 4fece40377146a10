import type { ClassifiedError } from './error-action';

/**
 * A successful cobalt answer, normalised across v7 / v10 / v11 (docs/cobalt-api.md §3.4, §7).
 * Produced by lib/cobalt (parse), consumed by lib/submit and the downloads adapter.
 */
export type CobaltResult =
  | { status: 'tunnel'; url: string; filename: string | null }
  | { status: 'redirect'; url: string; filename: string | null }
  | {
      status: 'picker';
      items: { type: 'photo' | 'video' | 'gif'; url: string; thumb: string | null }[];
      audio: string | null;
      audioFilename: string | null;
    }
  | {
      status: 'local-processing';
      /** proxy | merge | mute | audio | gif | remux (docs/cobalt-api.md §3.4). Only `proxy` is a ready file. */
      type: string;
      tunnel: string[];
      filename: string | null;
      /** `output.metadata`: tags cobalt would have written (title, artist, …), as sent. */
      metadata: Record<string, unknown> | null;
      /** The tunnels are HLS playlists, not files (cobalt's `isHLS`). */
      isHLS: boolean;
    };

/** Rate-limit facts read from `RateLimit-*` / `Retry-After` headers (docs/cobalt-api.md §3.3). */
export interface RateLimitInfo {
  limit: number | null;
  remaining: number | null;
  /** Seconds until the window resets. */
  resetSeconds: number | null;
  /** Seconds from `Retry-After`, sanitised (bounded, non-negative), when present. */
  retryAfterSeconds: number | null;
}

/** One attempt against one instance: what lib/submit's chain reasons about. */
export type AttemptOutcome =
  | { ok: true; result: CobaltResult; ms: number; rateLimit: RateLimitInfo | null }
  | { ok: false; error: ClassifiedError; ms: number; rateLimit: RateLimitInfo | null };
