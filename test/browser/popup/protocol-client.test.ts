import { createProtocolClient } from '../../../components/protocol-client';
import { hasMessage, setI18n, t, tOr, uiLocale } from '../../../components/i18n';

function fakeRuntime(answer: (message: unknown) => unknown) {
  const listeners = new Set<(message: unknown) => void>();
  return {
    sent: [] as unknown[],
    listeners,
    sendMessage(message: unknown) {
      this.sent.push(message);
      return Promise.resolve(answer(message));
    },
    onMessage: {
      addListener: (l: (message: unknown) => void) => listeners.add(l),
      removeListener: (l: (message: unknown) => void) => listeners.delete(l),
    },
  };
}

describe('protocol client', () => {
  it('sends {type, payload} envelopes and returns the answer', async () => {
    const runtime = fakeRuntime(() => ({ ok: true }));
    const api = createProtocolClient(runtime);
    await expect(
      api.send('instance/pin', { origin: 'https://a.example', pinned: true }),
    ).resolves.toEqual({
      ok: true,
    });
    expect(runtime.sent).toEqual([
      { type: 'instance/pin', payload: { origin: 'https://a.example', pinned: true } },
    ]);
  });

  it('rejects when nothing answers (no background listener)', async () => {
    const api = createProtocolClient(fakeRuntime(() => undefined));
    await expect(api.send('options/snapshot', {})).rejects.toThrow('no answer to options/snapshot');
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
    expect(t('missingKey')).toBe('missingKey');
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
