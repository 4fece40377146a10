// Every protocol answer is a Reply (lib/messages/protocol.ts): `{ok: true, value}` or
// `{ok: false, error}`. Scenarios work with the value; a refusal or failure is an error here.

class ReplyError extends Error {
  constructor(type, error) {
    super(`${type} was answered with an error: ${JSON.stringify(error)}`);
    this.name = 'ReplyError';
    this.reply = error;
  }
}

export function unwrapReply(type, reply) {
  if (reply === undefined || reply === null || typeof reply !== 'object') {
    throw new Error(`${type}: no reply (${JSON.stringify(reply)})`);
  }
  if (reply.ok === true && 'value' in reply) return reply.value;
  if (reply.ok === false) throw new ReplyError(type, reply.error);
  throw new Error(`${type}: not a reply: ${JSON.stringify(reply)}`);
}
