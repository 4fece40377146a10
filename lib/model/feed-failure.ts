/**
 * Why a feed refresh failed, as a kind the pages put in plain words (public/_locales
 * `feedFail_<kind>`); classified in lib/sources/feed-failure.ts.
 */
export const FEED_FAILURE_KINDS = [
  'dns',
  'unreachable',
  'timeout',
  'challenge',
  'gone',
  'http',
  'not-json',
  'bad-feed',
  'empty',
  'too-large',
  'bad-url',
  'cancelled',
  'no-copy-304',
] as const;
export type FeedFailureKind = (typeof FEED_FAILURE_KINDS)[number];

export interface FeedFailure {
  kind: FeedFailureKind;
  /** The HTTP status when the failure came with one. */
  status: number | null;
}
