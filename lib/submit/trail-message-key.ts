import type { TrailOutcome } from '../model/trail';
import { SUBMIT_CODES } from './submit-codes';

/**
 * Plain-words reason for one step of the fallback trail ("A: rate limited → B: ok"), as an i18n
 * key (TrailEntry.messageKey). Codes are grouped by what the user can understand, not by
 * cobalt's internals; the exact code stays in TrailEntry.code for diagnostics.
 */

/** Every key trailMessageKey() can return, for the UI engineer's messages.json. */
export const TRAIL_MESSAGE_KEYS = [
  'trail_running',
  'trail_ok',
  'trail_cancelled',
  'trail_skipped',
  'trail_timeout',
  'trail_deadline',
  'trail_rate_limited',
  'trail_needs_key',
  'trail_bot_protection',
  'trail_service_disabled',
  'trail_service_blocked',
  'trail_region',
  'trail_needs_local_processing',
  'trail_local_needs_encoding',
  'trail_local_hls',
  'trail_local_unsupported',
  'trail_unsafe_url',
  'trail_target_local_network',
  'trail_target_port',
  'trail_target_foreign_tunnel',
  'trail_target_not_media_host',
  'trail_download_not_media',
  'trail_download_broken',
  'trail_unreachable',
  'trail_server_error',
  'trail_content',
  'trail_failed',
] as const;

export type TrailMessageKey = (typeof TRAIL_MESSAGE_KEYS)[number];

/** First match wins; prefixes are full cobalt codes (docs/cobalt-api.md §4). */
const FAILURE_RULES: readonly { prefixes: readonly string[]; key: TrailMessageKey }[] = [
  { prefixes: [SUBMIT_CODES.timeout, 'error.api.timed_out'], key: 'trail_timeout' },
  { prefixes: [SUBMIT_CODES.deadline], key: 'trail_deadline' },
  {
    prefixes: ['error.api.rate_exceeded', 'error.api.fetch.rate', 'client.rate_limited'],
    key: 'trail_rate_limited',
  },
  { prefixes: ['error.api.auth.key.', 'client.invalid_api_key'], key: 'trail_needs_key' },
  {
    prefixes: ['error.api.auth.jwt.', 'error.api.auth.turnstile.', 'client.turnstile'],
    key: 'trail_bot_protection',
  },
  {
    prefixes: [
      'error.api.service.disabled',
      'error.api.service.unsupported',
      'error.api.youtube.disabled_main_instance',
    ],
    key: 'trail_service_disabled',
  },
  { prefixes: ['error.api.content.video.region', 'error.api.content.region'], key: 'trail_region' },
  { prefixes: ['error.api.fetch.', 'error.api.youtube.'], key: 'trail_service_blocked' },
  { prefixes: [SUBMIT_CODES.localNeedsEncoding], key: 'trail_local_needs_encoding' },
  { prefixes: [SUBMIT_CODES.localHls], key: 'trail_local_hls' },
  { prefixes: [SUBMIT_CODES.localUnsupported], key: 'trail_local_unsupported' },
  { prefixes: [SUBMIT_CODES.needsLocalProcessing], key: 'trail_needs_local_processing' },
  { prefixes: [SUBMIT_CODES.unsafeUrl], key: 'trail_unsafe_url' },
  { prefixes: [SUBMIT_CODES.targetLocalNetwork], key: 'trail_target_local_network' },
  { prefixes: [SUBMIT_CODES.targetPort], key: 'trail_target_port' },
  { prefixes: [SUBMIT_CODES.targetForeignTunnel], key: 'trail_target_foreign_tunnel' },
  { prefixes: [SUBMIT_CODES.targetNotMediaHost], key: 'trail_target_not_media_host' },
  { prefixes: [SUBMIT_CODES.downloadNotMedia], key: 'trail_download_not_media' },
  { prefixes: [SUBMIT_CODES.downloadBroken], key: 'trail_download_broken' },
  {
    prefixes: ['client.network', 'client.refused', 'error.api.unreachable'],
    key: 'trail_unreachable',
  },
  {
    prefixes: [
      'client.http_5xx',
      'client.bad_response',
      'client.unknown_response',
      'client.response_too_large',
      'client.redirect',
    ],
    key: 'trail_server_error',
  },
  { prefixes: ['error.api.content.', 'error.api.link.'], key: 'trail_content' },
];

export function trailMessageKey(outcome: TrailOutcome, code?: string): TrailMessageKey {
  switch (outcome) {
    case 'running':
      return 'trail_running';
    case 'ok':
      return 'trail_ok';
    case 'skipped':
      return 'trail_skipped';
    case 'cancelled':
      return code === SUBMIT_CODES.deadline ? 'trail_deadline' : 'trail_cancelled';
    case 'failed': {
      if (code === undefined) return 'trail_failed';
      const rule = FAILURE_RULES.find((r) => r.prefixes.some((prefix) => code.startsWith(prefix)));
      return rule?.key ?? 'trail_failed';
    }
  }
}
