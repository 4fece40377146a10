import type { TrailOutcome } from '../../../lib/model/trail';
import { trailMessageKey, type TrailMessageKey } from '../../../lib/submit/trail-message-key';

describe('trailMessageKey', () => {
  it.each<[TrailOutcome, string | undefined, TrailMessageKey]>([
    ['running', undefined, 'trail_running'],
    ['ok', undefined, 'trail_ok'],
    ['skipped', undefined, 'trail_skipped'],
    ['cancelled', undefined, 'trail_cancelled'],
    ['cancelled', 'client.deadline', 'trail_deadline'],
    ['failed', undefined, 'trail_failed'],
    ['failed', 'client.timeout', 'trail_timeout'],
    ['failed', 'error.api.rate_exceeded', 'trail_rate_limited'],
    ['failed', 'error.api.fetch.rate', 'trail_rate_limited'],
    ['failed', 'error.api.auth.key.missing', 'trail_needs_key'],
    ['failed', 'error.api.auth.jwt.missing', 'trail_bot_protection'],
    ['failed', 'error.api.auth.turnstile.invalid', 'trail_bot_protection'],
    ['failed', 'error.api.service.disabled', 'trail_service_disabled'],
    ['failed', 'error.api.youtube.disabled_main_instance', 'trail_service_disabled'],
    ['failed', 'error.api.content.video.region', 'trail_region'],
    ['failed', 'error.api.content.region', 'trail_region'],
    ['failed', 'error.api.fetch.fail', 'trail_service_blocked'],
    ['failed', 'error.api.youtube.login', 'trail_service_blocked'],
    ['failed', 'client.needs_local_processing', 'trail_needs_local_processing'],
    ['failed', 'client.unsafe_url', 'trail_unsafe_url'],
    ['failed', 'client.network', 'trail_unreachable'],
    ['failed', 'client.refused', 'trail_unreachable'],
    ['failed', 'client.http_5xx', 'trail_server_error'],
    ['failed', 'client.bad_response', 'trail_server_error'],
    ['failed', 'client.rate_limited', 'trail_rate_limited'],
    ['failed', 'client.turnstile', 'trail_bot_protection'],
    ['failed', 'client.invalid_api_key', 'trail_needs_key'],
    ['failed', 'error.api.content.post.private', 'trail_content'],
    ['failed', 'error.api.link.unsupported', 'trail_content'],
    ['failed', 'error.api.generic', 'trail_failed'],
  ])('%s %s → %s', (outcome, code, expected) => {
    expect(trailMessageKey(outcome, code)).toBe(expected);
  });
});
