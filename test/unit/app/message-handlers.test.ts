import { invalidReply, Refusal, toReply } from '../../../lib/app/message-handlers';

const REFUSED = {
  kind: 'input',
  titleKey: 'error_unsupported_page_title',
  detailKey: 'error_unsupported_page_detail',
} as const;

describe('toReply', () => {
  it('a value is answered as {ok: true, value}', async () => {
    expect(await toReply<'settings/export'>(async () => ({ json: '{}' }))).toEqual({
      ok: true,
      value: { json: '{}' },
    });
  });

  it('a Refusal is answered with its UserError for the page to show', async () => {
    const reply = await toReply<'download/start'>(async () => {
      throw new Refusal(REFUSED);
    });
    expect(reply).toEqual({ ok: false, error: { kind: 'user', error: REFUSED } });
  });

  it('anything else thrown is an internal error, as plain text that survives the wire', async () => {
    const reply = await toReply<'options/snapshot'>(async () => {
      throw new TypeError('tabs unavailable');
    });
    expect(reply).toEqual({
      ok: false,
      error: { kind: 'internal', message: 'TypeError: tabs unavailable' },
    });
    expect(structuredClone(reply)).toEqual(reply);
  });
});

describe('invalidReply', () => {
  it('names what was wrong with the request', () => {
    expect(invalidReply('unknown message type "x"')).toEqual({
      ok: false,
      error: { kind: 'invalid', message: 'unknown message type "x"' },
    });
  });
});
