/**
 * i18n keys that reach the UI as data (rank reasons, user errors, trail steps) or through
 * lookup tables, exported so other modules can use the same names and
 * test/unit/i18n/locales.test.ts can prove every locale defines them.
 * Keys written literally as t('…') in components are found by that test's source scan.
 */
import type { BatchItemState } from '../lib/model/batch-item';
import type { TrustLevel } from '../lib/instances/instance';
import type { FeedFailureKind } from '../lib/sources/feed-failure';
import type { PickerItemView } from '../lib/model/job-view';
import type { RankReason } from '../lib/model/rank-reason';
import type { TrailOutcome } from '../lib/model/trail';
import type { UserError } from '../lib/model/user-error';
export { TRAIL_MESSAGE_KEYS } from '../lib/ui/trail-message';

/**
 * Rank reasons (InstanceView.reasons[].key) and how many `params` each takes. The brief's
 * names and lib/rank's (lib/rank/reason-keys.ts, whose every key is tested against the
 * locales) are both defined; a reason with params is written with $1 in every locale.
 */
export const REASON_PARAMS = {
  reasonNotSafe: 0,
  reasonOffline: 0,
  reasonTurnstile: 0,
  reasonBlocked: 0,
  reasonOfficialNeedsKey: 0,
  reasonNeedsKey: 0,
  reasonHttp: 0,
  reasonIpOnly: 0,
  reasonLocalNetwork: 0,
  reasonLegacyV7: 0,
  reasonUnknownTrust: 0,
  reasonTrustUnknown: 0,
  reasonListedTrust: 0,
  reasonTrustListed: 0,
  reasonServiceUnsupported: 0,
  reasonServiceDisabled: 0,
  /** $1 = minutes until the quarantine ends */
  reasonQuarantined: 1,
  reasonTrustSafe: 0,
  reasonTrackerOk: 0,
  reasonTrackerServiceOk: 0,
  reasonTrackerFail: 0,
  reasonTrackerServiceFailed: 0,
  /** $1 = tracker score 0–100 */
  reasonScore: 1,
  reasonTrackerScore: 1,
  /** $1 = latency in ms */
  reasonLatency: 1,
  reasonProbeFailed: 0,
  /** $1 = recent (decayed) successes for this service */
  reasonRecentOk: 1,
  reasonRecentSuccesses: 1,
  /** $1 = recent (decayed) failures for this service */
  reasonRecentFail: 1,
  reasonRecentFailures: 1,
  reasonV11: 0,
  reasonV10: 0,
  /** $1 = API generation (v11, v10, v7) */
  reasonGeneration: 1,
  /** $1 = position in the pinned order, from 1 */
  reasonPinned: 1,
  reasonOwnKey: 0,
  reasonSelfHosted: 0,
  reasonMyInstance: 0,
} as const satisfies Record<string, number>;

/**
 * User errors (UserError.titleKey / detailKey). lib/submit owns the keys of failed downloads
 * (lib/submit/user-error.ts USER_ERROR_KEYS, every one defined in each locale, tested). These
 * are the UI's own, also meant for the background's errors that do not come from a chain:
 * each `error_x_title` has an `error_x_detail`.
 */
export const UI_ERROR_KEYS = [
  /** The background did not answer (popup load or 'download/start' threw). */
  'error_no_answer_title',
  'error_no_answer_detail',
  /** Fallback when an error key is unknown to the locale. */
  'error_generic_title',
  'error_generic_detail',
  /** kind 'input': 'download/start' with url null on a page cobalt cannot handle. */
  'error_unsupported_page_title',
  'error_unsupported_page_detail',
  /** kind 'input': no tab to act on (browser-internal page, closed tab). */
  'error_no_page_title',
  'error_no_page_detail',
  /** kind 'internal': the downloads API refused the file (client.download_failed). */
  'error_download_failed_title',
  'error_download_failed_detail',
  /** kind 'setup': every instance for the service is excluded by the user's trust settings. */
  'error_policy_title',
  'error_policy_detail',
] as const;

/** What to do, per error class (shown under every error of that class). */
export const ERROR_KIND_HINT_KEYS: Record<UserError['kind'], string> = {
  content: 'error_hint_content',
  instances: 'error_hint_instances',
  setup: 'error_hint_setup',
  input: 'error_hint_input',
  internal: 'error_hint_internal',
};

export { MODE_KEYS } from './mode-keys';

export const TRUST_KEYS: Record<TrustLevel, string> = {
  safe: 'trustSafe',
  listed: 'trustListed',
  unknown: 'trustUnknown',
  not_safe: 'trustNotSafe',
  offline: 'trustOffline',
};

export const OUTCOME_KEYS: Record<TrailOutcome, string> = {
  running: 'outcomeRunning',
  ok: 'outcomeOk',
  failed: 'outcomeFailed',
  skipped: 'outcomeSkipped',
  cancelled: 'outcomeCancelled',
};

/** Screen-reader words for a rank reason's effect (+ helps, − hurts, ! excludes, = info). */
export const EFFECT_KEYS: Record<RankReason['effect'], string> = {
  '+': 'effectPlus',
  '-': 'effectMinus',
  '!': 'effectExcludes',
  '=': 'effectInfo',
};

export const PICKER_TYPE_KEYS: Record<PickerItemView['type'], string> = {
  photo: 'itemPhoto',
  video: 'itemVideo',
  gif: 'itemGif',
};

/** Notices the background may send (PopupSnapshot.notices / OptionsSnapshot.notices). */
export const NOTICE_KEYS = [
  'noticeBundled',
  'noticeBundledFrom',
  'noticeSettingsReset',
  'noticeSettingsRepaired',
  'noticeFeedsStale',
  'noticeProbeOff',
] as const;

/** Manifest strings (wxt.config.ts). */
export const MANIFEST_KEYS = ['extName', 'extDescription', 'commandDownloadPage'] as const;

/** A batch item's state in the popup's queue (components/popup/batch-panel.tsx). */
export const BATCH_STATE_KEYS = {
  waiting: 'batchStateWaiting',
  running: 'batchStateRunning',
  done: 'batchStateDone',
  failed: 'batchStateFailed',
  skipped: 'batchStateSkipped',
} as const satisfies Record<BatchItemState, string>;
/** A feed's failure kind (lib/sources/feed-failure.ts) → its words; `$1` is the source's name. */
export const FEED_FAILURE_KEYS: Record<FeedFailureKind, string> = {
  dns: 'feedFail_dns',
  unreachable: 'feedFail_unreachable',
  timeout: 'feedFail_timeout',
  challenge: 'feedFail_challenge',
  gone: 'feedFail_gone',
  http: 'feedFail_http',
  'not-json': 'feedFail_not_json',
  'bad-feed': 'feedFail_bad_feed',
  empty: 'feedFail_empty',
  'too-large': 'feedFail_too_large',
  'bad-url': 'feedFail_bad_url',
  cancelled: 'feedFail_cancelled',
  'no-copy-304': 'feedFail_no_copy_304',
};
