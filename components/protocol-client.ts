import { browser } from 'wxt/browser';
import type { ChangedBroadcast, Envelope, MessageType } from '../lib/messages/protocol';
import type { Api } from './api';

interface RuntimeLike {
  sendMessage(message: unknown): Promise<unknown>;
  onMessage: {
    addListener(listener: (message: unknown) => void): void;
    removeListener(listener: (message: unknown) => void): void;
  };
}

function isChanged(message: unknown): message is ChangedBroadcast {
  return (
    typeof message === 'object' &&
    message !== null &&
    (message as { type?: unknown }).type === 'changed'
  );
}

/**
 * The typed client for lib/messages/protocol.ts: one `runtime.sendMessage({type, payload})`
 * per request, and `runtime.onMessage` for the background's ChangedBroadcast. Only page entry
 * points (main.tsx) create it; components receive it as `api`.
 */
export function createProtocolClient(
  runtime: RuntimeLike = browser.runtime as unknown as RuntimeLike,
): Api {
  return {
    async send(type, payload) {
      const envelope: Envelope<MessageType> = { type, payload };
      const response = await runtime.sendMessage(envelope);
      if (response === undefined) throw new Error(`no answer to ${type}`);
      return response as never;
    },
    onChanged(listener) {
      const handler = (message: unknown) => {
        if (isChanged(message)) listener(message);
      };
      runtime.onMessage.addListener(handler);
      return () => runtime.onMessage.removeListener(handler);
    },
  };
}
