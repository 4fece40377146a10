import { setI18n, uiLocale } from '../../../platform/i18n';

/** The UI language is read from the browser once per page, not once per formatted row. */
describe('uiLocale', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    setI18n(null);
  });

  it('asks browser.i18n.getUILanguage() once and caches the answer', () => {
    const getUILanguage = vi.fn(() => 'de-DE');
    vi.stubGlobal('browser', { i18n: { getMessage: () => '', getUILanguage } });
    setI18n(null);
    expect(uiLocale()).toBe('de-DE');
    expect(uiLocale()).toBe('de-DE');
    expect(uiLocale()).toBe('de-DE');
    expect(getUILanguage).toHaveBeenCalledTimes(1);
  });

  it("falls back to 'en' when the browser has no answer, and setI18n(null) reads it afresh", () => {
    vi.stubGlobal('browser', {
      i18n: {
        getMessage: () => '',
        getUILanguage: () => {
          throw new Error('no i18n here');
        },
      },
    });
    setI18n(null);
    expect(uiLocale()).toBe('en');
    vi.stubGlobal('browser', { i18n: { getMessage: () => '', getUILanguage: () => 'fr' } });
    expect(uiLocale()).toBe('en'); // cached
    setI18n(null);
    expect(uiLocale()).toBe('fr');
  });

  it('an injected implementation (tests) wins over the browser', () => {
    setI18n({ getMessage: () => '', locale: 'pt-BR' });
    expect(uiLocale()).toBe('pt-BR');
  });
});
