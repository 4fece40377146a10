import type { TrailMessageKey } from './trail-message-key';
import type { UserErrorKey } from './user-error';

/**
 * English text for every key lib/submit emits, for public/_locales/en/messages.json. `$1` is
 * chrome.i18n's first substitution (UserError.params[0]). Kept next to the keys so a new key
 * without words fails the type check here.
 */
export const USER_ERROR_STRINGS_EN: Record<UserErrorKey, string> = {
  error_empty_title: 'Nothing to download was found',
  error_empty_detail:
    '$1 instances found no media in this post. It may be text only, or the media was removed.',
  error_short_link_title: 'This short link could not be opened',
  error_short_link_detail:
    'Open the link in a tab first, then download from the full address it leads to.',

  error_private_title: 'This post is private',
  error_private_detail: 'Only people it is shared with can see it, so it cannot be downloaded.',
  error_unavailable_title: 'This post is gone',
  error_unavailable_detail: 'It was deleted or is no longer available.',
  error_age_title: 'This is age-restricted',
  error_age_detail: 'The site only shows it to signed-in adults, so it cannot be downloaded.',
  error_live_title: 'This is a live stream',
  error_live_detail: 'Live streams cannot be downloaded. Try again when it has ended.',
  error_too_long_title: 'This is too long',
  error_too_long_detail: 'It is longer than the instances tried allow.',
  error_too_long_limit_detail:
    'It is longer than the instances tried allow (the last one takes up to $1 minutes).',
  error_paid_title: 'This is paid content',
  error_paid_detail: 'Paid tracks cannot be downloaded.',
  error_drm_title: 'This is copy-protected',
  error_drm_detail: 'It is protected by DRM, so it cannot be downloaded.',
  error_audio_unsupported_title: 'Audio only is not available here',
  error_audio_unsupported_detail: 'Try the normal download instead of audio only.',
  error_link_unsupported_title: 'This link is not supported',
  error_link_unsupported_detail:
    'Open the post or video itself rather than a profile, playlist or feed.',
  error_bad_link_title: 'This is not a web link',
  error_bad_link_detail: 'Only http and https links can be downloaded.',
  error_link_too_long_title: 'This link is too long',
  error_link_too_long_detail: 'Remove extra parts of the link (after ? or #) and try again.',
  error_internal_title: 'Something went wrong',
  error_internal_detail: 'The extension hit a problem of its own ($1). Please report it.',
  error_content_title: 'This cannot be downloaded',
  error_content_detail: 'The site refused it ($1).',
  error_key_title: 'An API key is needed',
  error_key_add_detail:
    '$1 only works with an API key. Add one in the options page, or use another instance.',
  error_key_fix_detail: '$1 did not accept your API key. Check it in the options page.',
  error_needs_local_processing_title: 'No ready file available',
  error_needs_local_processing_detail:
    'The instances tried ($1) only offer this as separate parts to combine, which this extension cannot do.',
  error_instances_title: 'No instance could download this',
  error_instances_detail:
    'All $1 instances tried failed. Try again later or add your own instance.',
  error_deadline_detail: 'None of the $1 instances tried answered in time. Try again later.',
  error_no_instances_title: 'No usable instance',
  error_no_instances_detail:
    'No instance is known to work for this site. Refresh the sources or add your own instance.',
};

/** English text for the fallback trail ("A: rate limited → B: ok"). */
export const TRAIL_STRINGS_EN: Record<TrailMessageKey, string> = {
  trail_running: 'trying…',
  trail_ok: 'ok',
  trail_cancelled: 'not needed',
  trail_skipped: 'skipped',
  trail_timeout: 'too slow',
  trail_deadline: 'out of time',
  trail_rate_limited: 'rate limited',
  trail_needs_key: 'needs an API key',
  trail_bot_protection: 'bot protection',
  trail_service_disabled: 'site disabled here',
  trail_service_blocked: 'blocked by the site',
  trail_region: 'blocked in its region',
  trail_needs_local_processing: 'no ready file',
  trail_unsafe_url: 'unsafe link',
  trail_target_local_network: 'answered with a link to your local network',
  trail_target_port: 'answered with a link to an unusual port',
  trail_target_foreign_tunnel: 'answered with a download on another site',
  trail_target_not_media_host: "answered with a link outside the site's media servers",
  trail_unreachable: 'unreachable',
  trail_server_error: 'server error',
  trail_content: 'refused the content',
  trail_failed: 'failed',
};
