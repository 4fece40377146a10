import type { Envelope, MessageType, Reply, RequestOf, ResponseOf } from '../messages/protocol';
import type { UserError } from '../model/user-error';

/**
 * One handler per protocol message (lib/messages/protocol.ts). The mapped type makes a missing
 * or mistyped handler a compile error, so the protocol and the background cannot drift. A
 * handler answers with its value, or throws a Refusal to say no in the user's words.
 */
export type MessageHandlers = {
  [K in MessageType]: (payload: RequestOf<K>) => Promise<ResponseOf<K>>;
};

/** A request the background declines for a reason the user can read (the page shows `userError`). */
export class Refusal extends Error {
  constructor(readonly userError: UserError) {
    super(userError.titleKey);
    this.name = 'Refusal';
  }
}

export function dispatchMessage<T extends MessageType>(
  handlers: MessageHandlers,
  envelope: Envelope<T>,
): Promise<ResponseOf<T>> {
  // The envelope was validated on arrival (message-schemas.ts): its payload matches its type.
  const handler = handlers[envelope.type] as (payload: RequestOf<T>) => Promise<ResponseOf<T>>;
  return handler(envelope.payload);
}

/** The answer on the wire: the value, or the refusal or failure as a serialisable error. */
export async function toReply<T extends MessageType>(
  answer: () => Promise<ResponseOf<T>>,
): Promise<Reply<T>> {
  try {
    return { ok: true, value: await answer() };
  } catch (error) {
    if (error instanceof Refusal)
      return { ok: false, error: { kind: 'user', error: error.userError } };
    return { ok: false, error: { kind: 'internal', message: String(error) } };
  }
}

/** The answer to a message that failed validation on arrival: nothing was acted on. */
export function invalidReply(message: string): Reply {
  return { ok: false, error: { kind: 'invalid', message } };
}
