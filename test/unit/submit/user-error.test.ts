import { classifyError } from '../../../lib/cobalt/classify-error';
import type { ClassifiedError } from '../../../lib/cobalt/error-action';
import type { TrailEntry } from '../../../lib/model/trail';
import type { UserError } from '../../../lib/model/user-error';
import type { FallbackFailure } from '../../../lib/submit/run-fallback';
import { TRAIL_MESSAGE_KEYS } from '../../../lib/submit/trail-message-key';
import { USER_ERROR_KEYS, toUserError } from '../../../lib/submit/user-error';
import type { MessageKey } from '../../../platform/i18n';

function stop(code: string, context?: Record<string, unknown>): ClassifiedError {
  return context
    ? { code, action: 'stop', errorClass: 'content', context }
    : { code, action: 'stop', errorClass: 'content' };
}

function failover(code: string, context?: Record<string, unknown>): ClassifiedError {
  return context
    ? { code, action: 'failover', errorClass: 'instance', context }
    : { code, action: 'failover', errorClass: 'instance' };
}

function trailOf(...codes: string[]): TrailEntry[] {
  return codes.map((code, i) => ({
    origin: `https://i${i + 1}.test`,
    outcome: 'failed',
    code,
    ms: 10,
  }));
}

function failure(
  reason: FallbackFailure['reason'],
  error: ClassifiedError | null,
  trail: TrailEntry[] = error ? trailOf(error.code) : [],
): FallbackFailure {
  return { ok: false, reason, error, trail };
}

describe('toUserError', () => {
  it.each<{ name: string; failure: FallbackFailure; expected: UserError }>([
    {
      name: 'private post',
      failure: failure('content', stop('error.api.content.post.private')),
      expected: {
        kind: 'content',
        titleKey: 'error_private_title',
        detailKey: 'error_private_detail',
        code: 'error.api.content.post.private',
      },
    },
    {
      name: 'private video',
      failure: failure('content', stop('error.api.content.video.private')),
      expected: {
        kind: 'content',
        titleKey: 'error_private_title',
        detailKey: 'error_private_detail',
        code: 'error.api.content.video.private',
      },
    },
    {
      name: 'deleted post',
      failure: failure('content', stop('error.api.content.post.unavailable')),
      expected: {
        kind: 'content',
        titleKey: 'error_unavailable_title',
        detailKey: 'error_unavailable_detail',
        code: 'error.api.content.post.unavailable',
      },
    },
    {
      name: 'unavailable video',
      failure: failure('content', stop('error.api.content.video.unavailable')),
      expected: {
        kind: 'content',
        titleKey: 'error_unavailable_title',
        detailKey: 'error_unavailable_detail',
        code: 'error.api.content.video.unavailable',
      },
    },
    {
      name: 'age-gated',
      failure: failure('content', stop('error.api.content.video.age')),
      expected: {
        kind: 'content',
        titleKey: 'error_age_title',
        detailKey: 'error_age_detail',
        code: 'error.api.content.video.age',
      },
    },
    {
      name: 'live stream',
      failure: failure('content', stop('error.api.content.video.live')),
      expected: {
        kind: 'content',
        titleKey: 'error_live_title',
        detailKey: 'error_live_detail',
        code: 'error.api.content.video.live',
      },
    },
    {
      name: 'too long, with the instance limit in minutes',
      failure: failure('exhausted', failover('error.api.content.too_long', { limit: 179.9 })),
      expected: {
        kind: 'content',
        titleKey: 'error_too_long_title',
        detailKey: 'error_too_long_limit_detail',
        params: ['180'],
        code: 'error.api.content.too_long',
      },
    },
    {
      name: 'too long, without a usable limit',
      failure: failure('exhausted', failover('error.api.content.too_long', { limit: 'x' })),
      expected: {
        kind: 'content',
        titleKey: 'error_too_long_title',
        detailKey: 'error_too_long_detail',
        code: 'error.api.content.too_long',
      },
    },
    {
      name: 'paid track',
      failure: failure('content', stop('error.api.content.paid')),
      expected: {
        kind: 'content',
        titleKey: 'error_paid_title',
        detailKey: 'error_paid_detail',
        code: 'error.api.content.paid',
      },
    },
    {
      name: 'DRM',
      failure: failure('content', stop('error.api.youtube.drm')),
      expected: {
        kind: 'content',
        titleKey: 'error_drm_title',
        detailKey: 'error_drm_detail',
        code: 'error.api.youtube.drm',
      },
    },
    {
      name: 'audio only not supported',
      failure: failure('content', stop('error.api.service.audio_not_supported')),
      expected: {
        kind: 'content',
        titleKey: 'error_audio_unsupported_title',
        detailKey: 'error_audio_unsupported_detail',
        code: 'error.api.service.audio_not_supported',
      },
    },
    {
      name: 'link unsupported is an input problem',
      failure: failure('content', stop('error.api.link.unsupported')),
      expected: {
        kind: 'input',
        titleKey: 'error_link_unsupported_title',
        detailKey: 'error_link_unsupported_detail',
        code: 'error.api.link.unsupported',
      },
    },
    {
      name: 'a stop code without its own words',
      failure: failure('content', stop('error.api.something.new')),
      expected: {
        kind: 'content',
        titleKey: 'error_content_title',
        detailKey: 'error_content_detail',
        params: ['error.api.something.new'],
        code: 'error.api.something.new',
      },
    },
    {
      name: 'a page link that is not http(s)',
      failure: failure('content', {
        code: 'client.bad_link',
        action: 'stop',
        errorClass: 'client',
      }),
      expected: {
        kind: 'input',
        titleKey: 'error_bad_link_title',
        detailKey: 'error_bad_link_detail',
        code: 'client.bad_link',
      },
    },
    {
      name: 'a page link too long for cobalt’s body limit',
      failure: failure('content', {
        code: 'client.body_too_large',
        action: 'stop',
        errorClass: 'client',
      }),
      expected: {
        kind: 'input',
        titleKey: 'error_link_too_long_title',
        detailKey: 'error_link_too_long_detail',
        code: 'client.body_too_large',
      },
    },
    {
      name: 'an unknown stop that is not the content’s fault is ours',
      failure: failure('content', { code: 'client.aborted', action: 'stop', errorClass: 'client' }),
      expected: {
        kind: 'internal',
        titleKey: 'error_internal_title',
        detailKey: 'error_internal_detail',
        params: ['client.aborted'],
        code: 'client.aborted',
      },
    },
    {
      name: 'a key rejected by lib/cobalt before sending (remedy only)',
      failure: failure('exhausted', {
        code: 'client.invalid_api_key',
        action: 'failover',
        errorClass: 'client',
        remedy: 'fix-key',
      }),
      expected: {
        kind: 'setup',
        titleKey: 'error_key_title',
        detailKey: 'error_key_fix_detail',
        params: ['https://i1.test'],
        code: 'client.invalid_api_key',
      },
    },
    {
      name: 'a missing API key names the instance to fix',
      failure: failure(
        'exhausted',
        failover('error.api.auth.key.missing'),
        trailOf('error.api.rate_exceeded', 'error.api.auth.key.missing'),
      ),
      expected: {
        kind: 'setup',
        titleKey: 'error_key_title',
        detailKey: 'error_key_add_detail',
        params: ['https://i2.test'],
        code: 'error.api.auth.key.missing',
      },
    },
    {
      name: 'a rejected API key asks to fix it',
      failure: failure('exhausted', {
        ...failover('error.api.auth.key.invalid'),
        remedy: 'fix-key',
      }),
      expected: {
        kind: 'setup',
        titleKey: 'error_key_title',
        detailKey: 'error_key_fix_detail',
        params: ['https://i1.test'],
        code: 'error.api.auth.key.invalid',
      },
    },
    {
      name: 'every instance failed: says how many were tried',
      failure: failure(
        'exhausted',
        failover('error.api.fetch.fail'),
        trailOf('error.api.rate_exceeded', 'client.timeout', 'error.api.fetch.fail'),
      ),
      expected: {
        kind: 'instances',
        titleKey: 'error_instances_title',
        detailKey: 'error_instances_detail',
        params: ['3'],
        code: 'error.api.fetch.fail',
      },
    },
    {
      name: 'out of time',
      failure: failure(
        'deadline',
        { code: 'client.deadline', action: 'failover', errorClass: 'transient' },
        trailOf('client.deadline', 'client.deadline'),
      ),
      expected: {
        kind: 'instances',
        titleKey: 'error_instances_title',
        detailKey: 'error_deadline_detail',
        params: ['2'],
        code: 'client.deadline',
      },
    },
    {
      name: 'no instance serves a ready file',
      failure: failure(
        'exhausted',
        failover('client.needs_local_processing'),
        trailOf('client.needs_local_processing', 'client.needs_local_processing'),
      ),
      expected: {
        kind: 'instances',
        titleKey: 'error_needs_local_processing_title',
        detailKey: 'error_needs_local_processing_detail',
        params: ['2'],
        code: 'client.needs_local_processing',
      },
    },
    {
      name: 'no usable instance at all',
      failure: failure('no-candidates', null),
      expected: {
        kind: 'instances',
        titleKey: 'error_no_instances_title',
        detailKey: 'error_no_instances_detail',
      },
    },
  ])('$name', ({ failure: f, expected }) => {
    expect(toUserError(f)).toEqual(expected);
  });

  it('only ever returns keys from USER_ERROR_KEYS', () => {
    const codes = [
      'error.api.content.post.private',
      'error.api.content.too_long',
      'error.api.link.invalid',
      'error.api.auth.key.invalid',
      'client.needs_local_processing',
      'error.api.whatever',
    ];
    const reasons: FallbackFailure['reason'][] = [
      'content',
      'exhausted',
      'deadline',
      'no-candidates',
    ];
    const keys: readonly string[] = USER_ERROR_KEYS;
    for (const reason of reasons) {
      for (const code of codes) {
        const error = toUserError(failure(reason, failover(code, { limit: 60 })));
        expect(keys).toContain(error.titleKey);
        expect(keys).toContain(error.detailKey);
      }
    }
  });
});

// Every key lib/submit emits has English words in public/_locales/en/messages.json, the one
// place English lives: a key without them is a type error here (MessageKey is typed from it).
const WORDED_USER_ERROR_KEYS: readonly MessageKey[] = USER_ERROR_KEYS;
const WORDED_TRAIL_KEYS: readonly MessageKey[] = TRAIL_MESSAGE_KEYS;

describe('English strings', () => {
  it.each([
    ['user errors', WORDED_USER_ERROR_KEYS],
    ['trail', WORDED_TRAIL_KEYS],
  ] as const)('every %s key is a chrome.i18n-safe name, listed once', (_l, keys) => {
    for (const key of keys) expect(key).toMatch(/^[a-z0-9_]+$/);
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe('bounded ambiguous answers', () => {
  const trail = (code: string, n: number) =>
    Array.from({ length: n }, (_, i) => ({
      origin: `https://i${i}.example`,
      outcome: 'failed' as const,
      code,
      ms: 10,
    }));

  it('several instances finding nothing: the post has nothing to download (nothing to retry)', () => {
    const error = toUserError({
      ok: false,
      reason: 'content',
      error: classifyError('error.api.fetch.empty'),
      trail: trail('error.api.fetch.empty', 3),
    });
    expect(error).toMatchObject({
      kind: 'content',
      titleKey: 'error_empty_title',
      detailKey: 'error_empty_detail',
      params: ['3'],
    });
  });

  it('a short link no instance could resolve: open it first', () => {
    const error = toUserError({
      ok: false,
      reason: 'content',
      error: classifyError('error.api.fetch.short_link'),
      trail: trail('error.api.fetch.short_link', 2),
    });
    expect(error).toMatchObject({ kind: 'input', titleKey: 'error_short_link_title' });
  });
});
