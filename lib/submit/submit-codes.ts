import type { ClassifiedError } from '../cobalt/error-action';

/**
 * Client-side codes lib/submit produces (the `client.*` family, next to cobalt's `error.api.*`).
 * They travel in TrailEntry.code and UserError.code, so they are part of the UI contract.
 */
export const SUBMIT_CODES = {
  /** The attempt outlived two hedge delays and was abandoned to make room for the next one. */
  timeout: 'client.timeout',
  /** The overall deadline passed with attempts still in flight. */
  deadline: 'client.deadline',
  /** The instance answered with local-processing that needs muxing (merge, mute, audio…). */
  needsLocalProcessing: 'client.needs_local_processing',
  /**
   * Parts this extension cannot combine on the device (lib/mux/local-plan.ts): `audio` and `gif`
   * need an encoder, `isHLS` a playlist reader; `unsupported` is a container or answer shape the
   * muxer does not take. Prefixed by needsLocalProcessing, so "no ready file" still sums them up.
   */
  localNeedsEncoding: 'client.needs_local_processing.encoding',
  localHls: 'client.needs_local_processing.hls',
  localUnsupported: 'client.needs_local_processing.unsupported',
  /** A download URL that is not http(s) (javascript:, data:, file:, blob:, chrome:…). */
  unsafeUrl: 'client.unsafe_url',
  /**
   * Download targets the instance may not name (lib/safety/download-target.ts): an address or
   * name on the user's own network, a non-default port, a tunnel on another site, a host the
   * service does not serve media from.
   */
  targetLocalNetwork: 'client.target.local_network',
  targetPort: 'client.target.port',
  targetForeignTunnel: 'client.target.foreign_tunnel',
  targetNotMediaHost: 'client.target.not_media_host',
  /** A picker choice that names no item of the post (or audio the post does not have). */
  badPick: 'client.bad_pick',
  /** The downloads adapter refused or failed to start the download. */
  downloadFailed: 'client.download_failed',
  /** The finished download was a web page or error document, or empty: not the file. */
  downloadNotMedia: 'client.download.not_media',
  /** The transfer stopped on a network or server error (an expired or dying tunnel). */
  downloadBroken: 'client.download.broken',
  /** This computer's disk refused the file (full, no access): no instance can help. */
  downloadLocal: 'client.download.local',
  /**
   * The attempt function or acceptResult threw instead of answering (a bug). Contained as a
   * failed attempt so one broken piece can never leave the chain hanging.
   */
  internal: 'client.internal',
} as const;

export type SubmitCode = (typeof SUBMIT_CODES)[keyof typeof SUBMIT_CODES];

/** The ClassifiedError for each chain-level failure: all of them mean "try the next instance". */
export function submitError(
  code: SubmitCode,
  errorClass: ClassifiedError['errorClass'],
): ClassifiedError {
  return { code, action: 'failover', errorClass };
}
