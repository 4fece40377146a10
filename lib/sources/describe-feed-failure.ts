import type { FeedFailure } from './feed-failure';

export interface FailureContext {
  /** The feed's host, as the user knows it (`cobalt.directory`). */
  host: string;
  timeoutMs: number;
  /** When the list still in use was fetched; null when none was (the bundled one is used). */
  listFrom: number | null;
  /** The transport's own words (network errors), kept for diagnostics. */
  detail?: string;
}

/**
 * A failure in plain English for the stored state and the diagnostics export; the pages show
 * the same words from public/_locales (`feedFail_<kind>`), in the user's language.
 */
export function describeFeedFailure(failure: FeedFailure, ctx: FailureContext): string {
  const { host } = ctx;
  const using =
    ctx.listFrom === null
      ? 'using the bundled list'
      : `using the list from ${isoDay(ctx.listFrom)}`;
  switch (failure.kind) {
    case 'dns':
      return `${host} could not be found (its name does not resolve); ${using}`;
    case 'unreachable':
      return `Could not reach ${host}${ctx.detail ? ` (${ctx.detail})` : ''}; ${using}`;
    case 'timeout':
      return `${host} did not answer within ${formatDuration(ctx.timeoutMs)}; ${using}`;
    case 'challenge':
      return `${host} asked for a browser check; ${using}`;
    case 'gone':
      return `${host} no longer serves this list (HTTP ${failure.status ?? '?'}); ${using}`;
    case 'http':
      return `${host} answered with an error (HTTP ${failure.status ?? '?'}); ${using}`;
    case 'not-json':
      return `${host} did not send a JSON list${ctx.detail ? ` (${ctx.detail})` : ''}; ${using}`;
    case 'bad-feed':
      return `The list from ${host} could not be read${ctx.detail ? ` (${ctx.detail})` : ''}; ${using}`;
    case 'empty':
      return `The list from ${host} had no usable instances${ctx.detail ? ` (${ctx.detail})` : ''}; ${using}`;
    case 'too-large':
      return `The list from ${host} was too large to accept; ${using}`;
    case 'bad-url':
      return `The list address is not an http(s) address`;
    case 'cancelled':
      return `The refresh of ${host} was cancelled`;
    case 'no-copy-304':
      return `${host} said "not modified" but we hold no copy of its list; ${using}`;
  }
}

const SECOND_MS = 1000;

function formatDuration(ms: number): string {
  return ms < SECOND_MS ? `${ms} ms` : `${Math.round(ms / SECOND_MS)} s`;
}

/** A date as YYYY-MM-DD (UTC): unambiguous in any language. */
function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
