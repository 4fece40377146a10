import {
  MESSAGE_TYPES,
  isTrustedSender,
  parseMessage,
} from '../../../lib/messages/message-schemas';

describe('parseMessage', () => {
  it.each([
    [{ type: 'popup/snapshot', payload: { tabId: 3 } }],
    [{ type: 'popup/snapshot', payload: { tabId: null } }],
    [{ type: 'download/start', payload: { tabId: 1, url: null, mode: 'audio' } }],
    [{ type: 'download/pick', payload: { jobId: 'j1', indexes: [0, 2], audio: true } }],
    [{ type: 'instance/pin', payload: { origin: 'https://a.example', pinned: true } }],
    [{ type: 'instance/block', payload: { origin: 'http://127.0.0.1:8080', blocked: true } }],
    [{ type: 'instance/test', payload: { origin: 'https://a.example', service: 'youtube' } }],
    [{ type: 'sources/refresh', payload: {} }],
    [{ type: 'settings/import', payload: { json: '{}' } }],
  ])('accepts %j', (raw) => {
    expect(parseMessage(raw)).toMatchObject({ ok: true, envelope: { type: raw.type } });
  });

  it.each([
    [null, 'not an object'],
    ['popup/snapshot', 'not an object'],
    [{ type: 'nope', payload: {} }, 'unknown message type'],
    [{ type: 'popup/snapshot', payload: { tabId: -1 } }, 'invalid popup/snapshot'],
    [{ type: 'download/start', payload: { tabId: 1, url: null, mode: 'loud' } }, 'mode'],
    [{ type: 'download/pick', payload: { jobId: '', indexes: [], audio: false } }, 'jobId'],
    [{ type: 'instance/test', payload: { origin: 'x', service: 'myspace' } }, 'service'],
    [
      { type: 'instance/test', payload: { origin: 'http://127.0.0.1:1/path?x#y', service: null } },
      'origin',
    ],
    [{ type: 'instance/pin', payload: { origin: 'javascript:alert(1)', pinned: true } }, 'origin'],
    [{ type: 'sources/refresh', payload: { extra: 1 } }, 'invalid sources/refresh'],
    [{ type: 'toString', payload: {} }, 'unknown message type'],
  ])('refuses %j with a clear error', (raw, fragment) => {
    const parsed = parseMessage(raw);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toContain(fragment);
  });

  it('has a schema for every protocol message', () => {
    expect(MESSAGE_TYPES.sort()).toEqual(
      [
        'batch/cancel',
        'batch/retry',
        'batch/preview',
        'batch/start',
        'batch/state',
        'history/clear',
        'history/list',
        'download/cancel',
        'download/pick',
        'download/pick-all',
        'download/start',
        'instance/block',
        'instance/pin',
        'instance/test',
        'options/snapshot',
        'popup/snapshot',
        'settings/export',
        'settings/import',
        'settings/reset',
        'settings/save',
        'sources/refresh',
      ].sort(),
    );
  });
});

describe('isTrustedSender', () => {
  const id = 'abcdef';
  const origin = 'chrome-extension://abcdef';
  it.each([
    [{ id, url: 'chrome-extension://abcdef/popup.html' }, true],
    [{ id, url: 'chrome-extension://abcdef/options.html?x=1' }, true],
    [{ id: 'other', url: 'chrome-extension://other/popup.html' }, false],
    [{ id, url: 'https://evil.example/', tab: {} }, false],
    [{ id, url: 'chrome-extension://abcdefg/popup.html' }, false],
    [{ id }, false],
    [{}, false],
  ])('%j → %s', (sender, expected) => {
    expect(isTrustedSender(sender, id, origin)).toBe(expected);
  });
});
