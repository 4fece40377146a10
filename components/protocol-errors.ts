import type { MessageType, ReplyError } from '../lib/messages/protocol';
import type { UserError } from '../lib/model/user-error';

/**
 * What `api.send` throws when it gets no value (components/protocol-client.ts). A page shows
 * either in plain words through `userErrorOf`.
 */

/** The background answered, but with a refusal or a failure instead of a value. */
export class ProtocolError extends Error {
  constructor(
    readonly type: MessageType,
    readonly reply: ReplyError,
  ) {
    super(`${type}: ${reply.kind === 'user' ? reply.error.titleKey : reply.message}`);
    this.name = 'ProtocolError';
  }
}

/** No usable answer arrived: no listener, a worker gone mid-request, or a malformed reply. */
export class TransportError extends Error {
  constructor(
    readonly type: MessageType,
    detail: string,
  ) {
    super(`${type}: ${detail}`);
    this.name = 'TransportError';
  }
}

const NO_ANSWER: UserError = {
  kind: 'internal',
  titleKey: 'error_no_answer_title',
  detailKey: 'error_no_answer_detail',
};

/** The error to render for anything `api.send` threw: the background's own words when it gave some. */
export function userErrorOf(error: unknown): UserError {
  if (error instanceof ProtocolError) {
    const { reply } = error;
    if (reply.kind === 'user') return reply.error;
    // Not the user's doing and nothing they can fix: the generic words, with a code to report.
    const code = `reply.${reply.kind}`;
    return {
      kind: 'internal',
      titleKey: 'error_internal_title',
      detailKey: 'error_internal_detail',
      params: [code],
      code,
    };
  }
  return NO_ANSWER;
}
