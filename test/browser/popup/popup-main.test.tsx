// @vitest-environment happy-dom
import { waitFor } from '@testing-library/preact';
import { fakeApi, type FakeApi } from '../../fixtures/ui/fake-api';
import { useLocale } from '../../fixtures/ui/locale';
import { POPUP_SNAPSHOTS } from '../../fixtures/ui/snapshots';
import { POPUP_VIEW_FORMAT, POPUP_VIEW_NAME } from '../../../lib/ui/usable-view';
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
    let bootRan = false;
    await openPopup('?tab=42', undefined, true, () => {
      bootRan = true;
    });
    expect(bootRan).toBe(true);
    // Sent by the boot script once it knew no stored view is there; main.tsx sent none of its own.
    await waitFor(() =>
      expect(api.callsOf('popup/snapshot')).toEqual([{ tabId: 42, jobId: null }]),
    );
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

  describe("the background's stored view (lib/app/popup-view-writer.ts)", () => {
    const PAGE = 'https://www.youtube.com/watch?v=abc';
    const view = (url: string) => ({
      format: POPUP_VIEW_FORMAT,
      url,
      snapshot: { ...POPUP_SNAPSHOTS.ready, tabId: 42 },
    });

    /** The tab at PAGE, the view stored; the live answer held until `answer()`. */
    async function withView(stored: ReturnType<typeof view>) {
      let answer!: () => void;
      const held = new Promise<void>((resolve) => (answer = resolve));
      api = fakeApi({
        'popup/snapshot': async () => {
          await held;
          return { ...POPUP_SNAPSHOTS.downloading, tabId: 42 };
        },
      });
      await openPopup('?tab=42', async () => {
        const { browser } = await import('wxt/browser');
        vi.spyOn(browser.tabs, 'get').mockResolvedValue({ id: 42, url: PAGE } as never);
        await browser.storage.session.set({ [POPUP_VIEW_NAME]: stored });
      });
      return answer;
    }

    afterEach(async () => {
      const { browser } = await import('wxt/browser');
      await browser.storage.session.remove(POPUP_VIEW_NAME);
    });

    it('a view of this tab at its address is drawn at once; the live answer replaces it', async () => {
      const answer = await withView(view(PAGE));
      await waitFor(() => expect(document.querySelector('h1')?.textContent).toBe('YouTube'));
      expect(document.querySelector('.job')).toBeNull();
      // Only PopupRoot's request left, after the view was drawn: the boot script sent none.
      await waitFor(() => expect(api.callsOf('popup/snapshot').length).toBeGreaterThan(0));
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(api.callsOf('popup/snapshot')).toEqual([{ tabId: 42, jobId: null }]);
      answer();
      await waitFor(() => expect(document.querySelector('.job')).not.toBeNull());
    });

    it('a view of another page of the tab is not drawn: the first frame waits for the answer', async () => {
      const answer = await withView(view('https://www.youtube.com/watch?v=old'));
      await waitFor(() => expect(api.callsOf('popup/snapshot').length).toBeGreaterThan(0));
      expect(document.querySelector('h1')).toBeNull();
      answer();
      await waitFor(() => expect(document.querySelector('.job')).not.toBeNull());
    });
  });
});
