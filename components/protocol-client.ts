import { browser } from 'wxt/browser';
import type {
  ChangedBroadcast,
  Envelope,
  MessageType,
  Reply,
  ReplyError,
  ResponseOf,
} from '../lib/messages/protocol';
import type { Api } from './api';
import { ProtocolError, TransportError } from './protocol-errors';

interface RuntimeLike {
  sendMessage(message: unknown): Promise<unknown>;
  onMessage: {
    addListener(listener: (message: unknown) => void): void;
    removeListener(listener: (message: unknown) => void): void;
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function isChanged(message: unknown): message is ChangedBroadcast {
  return isObject(message) && message.type === 'changed';
}

function isReplyError(value: unknown): value is ReplyError {
  if (!isObject(value)) return false;
  if (value.kind === 'user') {
    const error = value.error;
    return (
      isObject(error) && typeof error.titleKey === 'string' && typeof error.detailKey === 'string'
    );
  }
  return (
    (value.kind === 'invalid' || value.kind === 'internal') && typeof value.message === 'string'
  );
}

/**
 * The shape of a Reply (lib/messages/protocol.ts), checked by hand: zod stays out of the popup
 * bundle. The value itself is trusted as the type's answer: it comes from our own background,
 * which built it with the handler typed for `type` (lib/app/message-handlers.ts).
 */
function isReplyTo<T extends MessageType>(value: unknown, _type: T): value is Reply<T> {
  if (!isObject(value)) return false;
  if (value.ok === true) return 'value' in value;
  return value.ok === false && isReplyError(value.error);
}

/**
 * Turns what `runtime.sendMessage` resolved to for a `type` request into its value, or throws
 * as `Api.send` does. `send` uses it, and so does the popup for the first snapshot request,
 * which popup-boot.js sent before the client existed (components/popup/early-snapshot.ts).
 */
export async function readReply<T extends MessageType>(
  type: T,
  pending: Promise<unknown>,
): Promise<ResponseOf<T>> {
  let reply: unknown;
  try {
    reply = await pending;
  } catch (error) {
    throw new TransportError(type, String(error));
  }
  if (reply === undefined) throw new TransportError(type, 'no answer');
  if (!isReplyTo(reply, type)) throw new TransportError(type, 'malformed answer');
  if (!reply.ok) throw new ProtocolError(type, reply.error);
  return reply.value;
}

/**
 * The typed client for lib/messages/protocol.ts: one `runtime.sendMessage({type, payload})`
 * per request, answered with a Reply that `send` turns back into the value, a ProtocolError
 * (refused, with the background's UserError, or failed) or a TransportError (no usable answer);
 * and `runtime.onMessage` for the background's ChangedBroadcast. Only page entry points
 * (main.tsx) create it; components receive it as `api`.
 */
export function createProtocolClient(
  runtime: RuntimeLike = browser.runtime as unknown as RuntimeLike,
): Api {
  return {
    send(type, payload) {
      const envelope: Envelope<typeof type> = { type, payload };
      // A synchronous throw is a transport failure too, rejected like the rest.
      return readReply(type, new Promise((resolve) => resolve(runtime.sendMessage(envelope))));
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
