import { ProtocolError, TransportError, userErrorOf } from '../../../components/protocol-errors';
import { createProtocolClient } from '../../../components/protocol-client';
import { hasMessage, setI18n, t, tData, tOr, uiLocale } from '../../../platform/i18n';

function fakeRuntime(answer: (message: unknown) => unknown) {
  const listeners = new Set<(message: unknown) => void>();
  return {
    sent: [] as unknown[],
    listeners,
    sendMessage(message: unknown) {
      this.sent.push(message);
      try {
        return Promise.resolve(answer(message));
      } catch (error) {
        return Promise.reject(error);
      }
    },
    onMessage: {
      addListener: (l: (message: unknown) => void) => listeners.add(l),
      removeListener: (l: (message: unknown) => void) => listeners.delete(l),
    },
  };
}

const REFUSED = {
  kind: 'input',
  titleKey: 'error_unsupported_page_title',
  detailKey: 'error_unsupported_page_detail',
} as const;

async function thrown(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

describe('protocol client', () => {
  it('sends {type, payload} envelopes and returns the value of the reply', async () => {
    const runtime = fakeRuntime(() => ({ ok: true, value: { ok: true } }));
    const api = createProtocolClient(runtime);
    await expect(
      api.send('instance/pin', { origin: 'https://a.example', pinned: true }),
    ).resolves.toEqual({ ok: true });
    expect(runtime.sent).toEqual([
      { type: 'instance/pin', payload: { origin: 'https://a.example', pinned: true } },
    ]);
  });

  it('a refusal becomes a ProtocolError carrying the UserError the page renders', async () => {
    const api = createProtocolClient(
      fakeRuntime(() => ({ ok: false, error: { kind: 'user', error: REFUSED } })),
    );
    const error = await thrown(api.send('download/start', { tabId: 1, url: null, mode: 'auto' }));
    expect(error).toBeInstanceOf(ProtocolError);
    expect((error as ProtocolError).type).toBe('download/start');
    expect(userErrorOf(error)).toEqual(REFUSED);
  });

  it.each(['invalid', 'internal'] as const)(
    'a background %s error becomes a ProtocolError shown as an internal error with its code',
    async (kind) => {
      const api = createProtocolClient(
        fakeRuntime(() => ({ ok: false, error: { kind, message: 'boom' } })),
      );
      const error = await thrown(api.send('options/snapshot', {}));
      expect(error).toBeInstanceOf(ProtocolError);
      expect(userErrorOf(error)).toMatchObject({
        kind: 'internal',
        titleKey: 'error_internal_title',
        code: `reply.${kind}`,
      });
    },
  );

  it.each([
    ['nothing answers (no background listener)', () => undefined, /no answer/],
    ['the answer is not a reply', () => ({ json: '{}' }), /malformed answer/],
    [
      'a refusal without its UserError',
      () => ({ ok: false, error: { kind: 'user' } }),
      /malformed/,
    ],
    ['a success without its value', () => ({ ok: true }), /malformed answer/],
    [
      'an unknown error kind',
      () => ({ ok: false, error: { kind: 'x', message: '' } }),
      /malformed/,
    ],
    [
      'sending fails (the worker went away)',
      () => {
        throw new Error('Receiving end does not exist');
      },
      /Receiving end does not exist/,
    ],
  ])('%s: a TransportError, shown as "no answer"', async (_name, answer, message) => {
    const api = createProtocolClient(fakeRuntime(answer));
    const error = await thrown(api.send('options/snapshot', {}));
    expect(error).toBeInstanceOf(TransportError);
    expect((error as Error).message).toMatch(message);
    expect(userErrorOf(error).titleKey).toBe('error_no_answer_title');
  });

  it('passes ChangedBroadcast to subscribers only, and unsubscribes', () => {
    const runtime = fakeRuntime(() => null);
    const api = createProtocolClient(runtime);
    const seen: unknown[] = [];
    const off = api.onChanged((c) => seen.push(c));
    for (const l of runtime.listeners) {
      l({ type: 'changed', what: 'job', jobId: 'j1' });
      l({ type: 'popup/snapshot', payload: {} });
      l('noise');
    }
    expect(seen).toEqual([{ type: 'changed', what: 'job', jobId: 'j1' }]);
    off();
    expect(runtime.listeners.size).toBe(0);
  });
});

describe('t() through browser.i18n', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    setI18n(null);
  });

  it('uses browser.i18n.getMessage with string substitutions and the UI language', () => {
    const getMessage = vi.fn((key: string, subs?: string[]) =>
      key === 'instancesTitle' ? `Instanzen für ${subs?.[0]} (${subs?.[1]})` : '',
    );
    vi.stubGlobal('browser', { i18n: { getMessage, getUILanguage: () => 'de' } });
    setI18n(null);
    expect(t('instancesTitle', ['YouTube', 2])).toBe('Instanzen für YouTube (2)');
    expect(getMessage).toHaveBeenCalledWith('instancesTitle', ['YouTube', '2']);
    expect(uiLocale()).toBe('de');
  });

  it('a missing message shows its key; tOr falls back to a known key', () => {
    vi.stubGlobal('browser', {
      i18n: {
        getMessage: (k: string) => (k === 'known' ? 'Known' : ''),
        getUILanguage: () => 'en',
      },
    });
    setI18n(null);
    expect(tData('missingKey')).toBe('missingKey');
    expect(hasMessage('missingKey')).toBe(false);
    expect(tOr('missingKey', 'known')).toBe('Known');
    expect(tOr(undefined, 'known')).toBe('Known');
  });

  it('an i18n API that throws (not an extension page) degrades to keys, locale en', () => {
    vi.stubGlobal('browser', {
      i18n: {
        getMessage: () => {
          throw new Error('not implemented');
        },
        getUILanguage: () => {
          throw new Error('not implemented');
        },
      },
    });
    setI18n(null);
    expect(t('loading')).toBe('loading');
    expect(uiLocale()).toBe('en');
  });
});
