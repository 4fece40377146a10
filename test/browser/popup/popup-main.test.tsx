// @vitest-environment happy-dom
import { waitFor } from '@testing-library/preact';
import { fakeApi, type FakeApi } from '../../fixtures/ui/fake-api';
import { useLocale } from '../../fixtures/ui/locale';
import { POPUP_SNAPSHOTS } from '../../fixtures/ui/snapshots';
import type * as ProtocolClient from '../../../components/protocol-client';

let api: FakeApi;
vi.mock('../../../components/protocol-client', async (original) => ({
  ...(await original<typeof ProtocolClient>()),
  createProtocolClient: () => api,
}));

/**
 * The background's side of runtime.sendMessage for the first snapshot request (sent before the
 * protocol client exists): answered by the same fake api, as a Reply.
 */
async function answerFromFakeApi(): Promise<void> {
  const { browser } = await import('wxt/browser');
  vi.spyOn(browser.runtime, 'sendMessage').mockImplementation((async (envelope: {
    type: 'popup/snapshot';
    payload: { tabId: number | null; jobId: string | null };
  }) => ({ ok: true, value: await api.send(envelope.type, envelope.payload) })) as never);
}

/**
 * Loads entrypoints/popup/main.tsx as the browser would, at the given popup URL; with `boot`,
 * after entrypoints/popup-boot (the classic script popup.html runs first) as well.
 */
async function openPopup(
  search: string,
  before?: () => Promise<void>,
  boot = true,
  beforeMain?: () => void,
) {
  vi.resetModules();
  vi.restoreAllMocks();
  await answerFromFakeApi();
  await before?.();
  document.body.innerHTML = '<div id="app"></div>';
  document.body.className = '';
  history.replaceState(null, '', `/popup.html${search}`);
  useLocale('en');
  if (boot) {
    const { default: script } = await import('../../../entrypoints/popup-boot');
    script.main();
  }
  beforeMain?.();
  await import('../../../entrypoints/popup/main');
}

describe('popup entry point', () => {
  beforeEach(() => {
    api = fakeApi({ 'popup/snapshot': () => POPUP_SNAPSHOTS.ready });
  });

  it('?tab=<id> acts on that tab and draws the first frame from the snapshot', async () => {
    await openPopup('?tab=42');
    await waitFor(() => expect(document.querySelector('h1')?.textContent).toBe('YouTube'));
    expect(api.callsOf('popup/snapshot')[0]).toEqual({ tabId: 42, jobId: null });
    expect(document.body.textContent).not.toContain('Loading');
  });

  it('?job=<id> shows that job as a page', async () => {
    api = fakeApi({ 'popup/snapshot': () => POPUP_SNAPSHOTS.picker });
    await openPopup('?job=job-picker');
    await waitFor(() => expect(document.querySelector('.picker')).not.toBeNull());
    expect(api.callsOf('popup/snapshot')[0]).toEqual({ tabId: null, jobId: 'job-picker' });
    expect(document.body.classList.contains('as-page')).toBe(true);
  });

  it('without ?tab= it asks the browser for the active tab', async () => {
    const query = vi.fn(async () => [{ id: 31 }]);
    await openPopup('', async () => {
      const { browser } = await import('wxt/browser');
      vi.spyOn(browser.tabs, 'query').mockImplementation(query as never);
    });
    await waitFor(() => expect(api.callsOf('popup/snapshot').length).toBeGreaterThan(0));
    expect(query).toHaveBeenCalledWith({ active: true, currentWindow: true });
    expect(api.callsOf('popup/snapshot')[0]).toEqual({ tabId: 31, jobId: null });
    expect(query).toHaveBeenCalledTimes(1);
  });

  it('takes over the request popup-boot.js sent: the first snapshot is asked for once', async () => {
    let answer!: () => void;
    const held = new Promise<void>((resolve) => (answer = resolve));
    api = fakeApi({
      'popup/snapshot': async () => {
        await held;
        return POPUP_SNAPSHOTS.ready;
      },
    });
    let sentBeforeMain: unknown[] = [];
    await openPopup('?tab=42', undefined, true, () => {
      sentBeforeMain = [...api.callsOf('popup/snapshot')];
    });
    // Sent by the boot script before main.tsx ran; main.tsx has not sent one of its own.
    expect(sentBeforeMain).toEqual([{ tabId: 42, jobId: null }]);
    expect(api.callsOf('popup/snapshot')).toEqual([{ tabId: 42, jobId: null }]);
    answer();
    await waitFor(() => expect(document.querySelector('h1')?.textContent).toBe('YouTube'));
    expect(document.body.textContent).not.toContain('Loading');
  });

  it('without popup-boot.js main.tsx sends the same first request itself', async () => {
    await openPopup('?tab=7', undefined, false);
    await waitFor(() => expect(document.querySelector('h1')?.textContent).toBe('YouTube'));
    expect(api.callsOf('popup/snapshot')[0]).toEqual({ tabId: 7, jobId: null });
  });

  it('a refused first request draws the page from the next one instead', async () => {
    const { browser } = await import('wxt/browser');
    await openPopup('?tab=42', async () => {
      vi.spyOn(browser.runtime, 'sendMessage').mockResolvedValue({
        ok: false,
        error: { kind: 'internal', message: 'state not loaded' },
      } as never);
    });
    await waitFor(() => expect(document.querySelector('h1')?.textContent).toBe('YouTube'));
    expect(api.callsOf('popup/snapshot')[0]).toEqual({ tabId: 42, jobId: null });
  });
});
