import type { ClassifiedError } from '../cobalt/error-action';
import type { UserError } from '../model/user-error';
import type { FallbackFailure } from './run-fallback';
import { SUBMIT_CODES } from './submit-codes';

/**
 * A failed chain in plain words: what happened and what to do (docs/rules.md "toolbar popup": errors in
 * plain words with what to do). Keys are chrome.i18n message names (letters, digits, `_`); their
 * words are in public/_locales/<lang>/messages.json (test/unit/submit/user-error.test.ts fails
 * the type check when a key has no English words).
 */

export const USER_ERROR_KEYS = [
  'error_private_title',
  'error_private_detail',
  'error_unavailable_title',
  'error_unavailable_detail',
  'error_age_title',
  'error_age_detail',
  'error_live_title',
  'error_live_detail',
  'error_too_long_title',
  'error_too_long_detail',
  'error_too_long_limit_detail',
  'error_paid_title',
  'error_paid_detail',
  'error_drm_title',
  'error_drm_detail',
  'error_audio_unsupported_title',
  'error_audio_unsupported_detail',
  'error_link_unsupported_title',
  'error_link_unsupported_detail',
  'error_bad_link_title',
  'error_bad_link_detail',
  'error_link_too_long_title',
  'error_link_too_long_detail',
  'error_content_title',
  'error_content_detail',
  'error_internal_title',
  'error_internal_detail',
  'error_key_title',
  'error_key_add_detail',
  'error_key_fix_detail',
  'error_needs_local_processing_title',
  'error_needs_local_processing_detail',
  'error_instances_title',
  'error_instances_detail',
  'error_deadline_detail',
  'error_no_instances_title',
  'error_no_instances_detail',
  'error_empty_title',
  'error_empty_detail',
  'error_short_link_title',
  'error_short_link_detail',
] as const;

type UserErrorKey = (typeof USER_ERROR_KEYS)[number];

interface Message {
  kind: UserError['kind'];
  titleKey: UserErrorKey;
  detailKey: UserErrorKey;
}

/**
 * Codes whose meaning the user can act on directly, whichever way the chain ended. Prefixes
 * are full cobalt codes (docs/cobalt-api.md §4). `content.too_long` fails over (the limit is set per
 * instance), so it also arrives here when every instance's limit was too short.
 */
const CODE_MESSAGES: readonly { codes: readonly string[]; message: Message }[] = [
  {
    codes: ['error.api.content.video.private', 'error.api.content.post.private'],
    message: content('error_private'),
  },
  {
    codes: ['error.api.content.post.unavailable', 'error.api.content.video.unavailable'],
    message: content('error_unavailable'),
  },
  {
    codes: ['error.api.content.video.age', 'error.api.content.post.age'],
    message: content('error_age'),
  },
  { codes: ['error.api.content.video.live'], message: content('error_live') },
  { codes: ['error.api.content.too_long'], message: content('error_too_long') },
  { codes: ['error.api.content.paid'], message: content('error_paid') },
  { codes: ['error.api.youtube.drm'], message: content('error_drm') },
  {
    codes: ['error.api.service.audio_not_supported'],
    message: content('error_audio_unsupported'),
  },
  {
    codes: ['error.api.link.unsupported', 'error.api.link.invalid'],
    message: {
      kind: 'input',
      titleKey: 'error_link_unsupported_title',
      detailKey: 'error_link_unsupported_detail',
    },
  },
  // lib/cobalt's own stops (classify-error.ts): the page link itself cannot be sent.
  {
    codes: ['client.bad_link'],
    message: {
      kind: 'input',
      titleKey: 'error_bad_link_title',
      detailKey: 'error_bad_link_detail',
    },
  },
  {
    codes: ['client.body_too_large'],
    message: {
      kind: 'input',
      titleKey: 'error_link_too_long_title',
      detailKey: 'error_link_too_long_detail',
    },
  },
];

/** The stems that have both a `_title` and a `_detail` key, so a typo fails the type check. */
type StemOf<K> = K extends `${infer S}_title`
  ? `${S}_detail` extends UserErrorKey
    ? S
    : never
  : never;
type MessageStem = StemOf<UserErrorKey>;

function content(stem: MessageStem): Message {
  return {
    kind: 'content',
    titleKey: `${stem}_title` as UserErrorKey,
    detailKey: `${stem}_detail` as UserErrorKey,
  };
}

/**
 * Key problems are worth their own message: the user can act on them in the options page.
 * lib/cobalt marks them with a remedy; the code prefix covers an error classified without one.
 */
const KEY_CODE_PREFIX = 'error.api.auth.key.';

function isKeyProblem(error: ClassifiedError): boolean {
  return (
    error.remedy === 'add-key' ||
    error.remedy === 'fix-key' ||
    error.code.startsWith(KEY_CODE_PREFIX)
  );
}

export function toUserError(failure: FallbackFailure): UserError {
  const tried = String(failure.trail.length);
  const code = failure.error?.code;

  if (failure.reason === 'no-candidates') {
    return {
      kind: 'instances',
      titleKey: 'error_no_instances_title',
      detailKey: 'error_no_instances_detail',
    };
  }
  if (code !== undefined) {
    const known = CODE_MESSAGES.find((entry) => entry.codes.includes(code));
    if (known) return tooLongWithLimit(failure) ?? withCode(known.message, code, []);
    if (failure.error && isKeyProblem(failure.error)) {
      const origin = failure.trail.find((entry) => entry.code === code)?.origin ?? '';
      // The classifier knows whether the user gave this instance a key (remedy fix-key) or not.
      const detailKey =
        failure.error?.remedy === 'fix-key' ? 'error_key_fix_detail' : 'error_key_add_detail';
      return withCode({ kind: 'setup', titleKey: 'error_key_title', detailKey }, code, [origin]);
    }
    if (code.startsWith(SUBMIT_CODES.needsLocalProcessing)) {
      return withCode(
        {
          kind: 'instances',
          titleKey: 'error_needs_local_processing_title',
          detailKey: 'error_needs_local_processing_detail',
        },
        code,
        [tried],
      );
    }
  }
  if (failure.reason === 'content') {
    // Ambiguous answers that stopped the chain after their bounded failovers (classify-error.ts
    // maxFailovers): several instances agreeing means the post or the link is the problem.
    if (code === 'error.api.fetch.empty') return withCode(content('error_empty'), code, [tried]);
    if (code === 'error.api.fetch.short_link') {
      return withCode(
        { kind: 'input', titleKey: 'error_short_link_title', detailKey: 'error_short_link_detail' },
        code,
        [],
      );
    }
    // A stop code we have no words for: still nothing to retry. A stop that is not the
    // content's fault is our own bug, and says so rather than blaming the post.
    const message: Message =
      failure.error?.errorClass === 'content'
        ? content('error_content')
        : {
            kind: 'internal',
            titleKey: 'error_internal_title',
            detailKey: 'error_internal_detail',
          };
    return withCode(message, code, code === undefined ? [] : [code]);
  }
  return withCode(
    {
      kind: 'instances',
      titleKey: 'error_instances_title',
      detailKey: failure.reason === 'deadline' ? 'error_deadline_detail' : 'error_instances_detail',
    },
    code,
    [tried],
  );
}

/** `content.too_long` carries the last instance's limit in minutes (docs/cobalt-api.md §4): say it. */
function tooLongWithLimit(failure: FallbackFailure): UserError | null {
  const limit = failure.error?.context?.limit;
  if (failure.error?.code !== 'error.api.content.too_long') return null;
  if (typeof limit !== 'number' || !Number.isFinite(limit) || limit <= 0) return null;
  return withCode(
    { kind: 'content', titleKey: 'error_too_long_title', detailKey: 'error_too_long_limit_detail' },
    failure.error.code,
    [String(Math.round(limit))],
  );
}

function withCode(message: Message, code: string | undefined, params: string[]): UserError {
  const error: UserError = { ...message };
  if (params.length > 0) error.params = params;
  if (code !== undefined) error.code = code;
  return error;
}
