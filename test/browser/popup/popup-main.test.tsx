// @vitest-environment happy-dom
import { waitFor } from '@testing-library/preact';
import { fakeApi, type FakeApi } from '../../fixtures/ui/fake-api';
import { useLocale } from '../../fixtures/ui/locale';
import { POPUP_SNAPSHOTS } from '../../fixtures/ui/snapshots';

let api: FakeApi;
vi.mock('../../../components/protocol-client', () => ({ createProtocolClient: () => api }));

/** Loads entrypoints/popup/main.tsx as the browser would, at the given popup URL. */
async function openPopup(search: string, before?: () => Promise<void>) {
  vi.resetModules();
  await before?.();
  document.body.innerHTML = '<div id="app"></div>';
  document.body.className = '';
  history.replaceState(null, '', `/popup.html${search}`);
  useLocale('en');
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
  });
});
