import type { HealthRecord } from './health-state';

/**
 * The answers of an instance that serves only with a key: `error.api.auth.<kind>.missing`.
 * `auth.key.missing` comes from `API_AUTH_REQUIRED=1`; `auth.jwt.missing` from an instance with
 * Turnstile sessions, where a configured key is the other way in (docs/cobalt-api.md §3.6;
 * https://github.com/imputnet/cobalt/blob/main/api/src/core/api.js).
 */
const KEY_MISSING = /^error\.api\.auth\.[a-z_]+\.missing$/;

/** Whether this instance's last answer for the service asked for a key. */
export function askedForKey(record: HealthRecord | undefined): boolean {
  return record?.lastOutcome != null && KEY_MISSING.test(record.lastOutcome);
}
