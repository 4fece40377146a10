import type { Envelope, MessageType, RequestOf, ResponseOf } from '../messages/protocol';

/**
 * One handler per protocol message (lib/messages/protocol.ts). The mapped type makes a missing
 * or mistyped handler a compile error, so the protocol and the background cannot drift.
 */
export type MessageHandlers = {
  [K in MessageType]: (payload: RequestOf<K>) => Promise<ResponseOf<K>>;
};

export function dispatchMessage<T extends MessageType>(
  handlers: MessageHandlers,
  envelope: Envelope<T>,
): Promise<ResponseOf<T>> {
  // The envelope was validated on arrival (message-schemas.ts): its payload matches its type.
  const handler = handlers[envelope.type] as (payload: RequestOf<T>) => Promise<ResponseOf<T>>;
  return handler(envelope.payload);
}
