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
  send<T extends MessageType>(type: T, payload: RequestOf<T>): Promise<ResponseOf<T>>;
  /** Subscribe to background pushes; returns the unsubscribe function. */
  onChanged(listener: (change: ChangedBroadcast) => void): () => void;
}
