import type {
  ChangedBroadcast,
  MessageType,
  RequestOf,
  ResponseOf,
} from '../lib/messages/protocol';

/**
 * What the pages get to talk to the background with. main.tsx makes the real one
 * (protocol-client.ts); tests pass a fake.
 */
export interface Api {
  /**
   * Resolves to the answer's value; throws ProtocolError (refused or failed in the background)
   * or TransportError (no usable answer), both in protocol-errors.ts.
   */
  send<T extends MessageType>(type: T, payload: RequestOf<T>): Promise<ResponseOf<T>>;
  /** Subscribe to background pushes; returns the unsubscribe function. */
  onChanged(listener: (change: ChangedBroadcast) => void): () => void;
}
