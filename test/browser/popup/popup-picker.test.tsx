// @vitest-environment happy-dom
import { fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { PopupRoot } from '../../../components/popup/popup-root';
import { fakeApi } from '../../fixtures/ui/fake-api';
import { en_, useLocale } from '../../fixtures/ui/locale';
import { POPUP_SNAPSHOTS } from '../../fixtures/ui/snapshots';
import { renderPopup } from './render-popup';

beforeAll(() => useLocale('en'));

const item = (n: number, type: string) =>
  screen.getByRole('checkbox', { name: en_('pickerItem', [n, type]) });

describe('picker grid for multi-item posts', () => {
  it('shows each item with its thumbnail or type, and the audio choice', () => {
    renderPopup(POPUP_SNAPSHOTS.picker);
    expect(screen.getByRole('heading', { name: en_('pickerTitle', [3]) })).toBeTruthy();
    expect(item(1, 'photo')).toBeTruthy();
    expect(item(2, 'video')).toBeTruthy();
    expect(item(3, 'photo')).toBeTruthy();
    const images = document.querySelectorAll('img.thumb');
    expect([...images].map((i) => i.getAttribute('src'))).toEqual([
      'https://cdn.example/thumb-0.jpg',
      'https://cdn.example/thumb-1.jpg',
    ]);
    expect(screen.getByRole('checkbox', { name: en_('pickerAudio') })).toBeTruthy();
  });

  it("select two of three + audio → 'download/pick' with those indexes", async () => {
    const { api } = renderPopup(POPUP_SNAPSHOTS.picker, { 'download/pick': () => ({ ok: true }) });
    const download = () => screen.getByRole('button', { name: /Download selected/ });
    expect(download()).toHaveProperty('disabled', true);
    fireEvent.click(item(1, 'photo'));
    fireEvent.click(item(3, 'photo'));
    fireEvent.click(screen.getByRole('checkbox', { name: en_('pickerAudio') }));
    expect(download().textContent).toBe(en_('pickerDownloadSelected', [2]));
    fireEvent.click(download());
    await waitFor(() =>
      expect(api.callsOf('download/pick')).toEqual([
        { jobId: 'job-picker', indexes: [0, 2], audio: true },
      ]),
    );
  });

  it("select all, select none; Download all hands the post to the queue ('download/pick-all')", async () => {
    const { api } = renderPopup(POPUP_SNAPSHOTS.picker, {
      'download/pick': () => ({ ok: true }),
      'download/pick-all': () => ({ ok: true }),
    });
    fireEvent.click(screen.getByRole('button', { name: en_('pickerSelectAll') }));
    expect(item(2, 'video')).toHaveProperty('checked', true);
    fireEvent.click(screen.getByRole('button', { name: en_('pickerSelectNone') }));
    expect(item(2, 'video')).toHaveProperty('checked', false);
    fireEvent.click(screen.getByRole('button', { name: en_('pickerDownloadAll') }));
    await waitFor(() =>
      expect(api.callsOf('download/pick-all')).toEqual([{ jobId: 'job-picker' }]),
    );
    expect(api.callsOf('download/pick')).toEqual([]);
  });

  it('an expired thumbnail falls back to the item type', () => {
    renderPopup(POPUP_SNAPSHOTS.picker);
    const first = document.querySelector('img.thumb')!;
    fireEvent.error(first);
    expect(document.querySelectorAll('img.thumb')).toHaveLength(1);
    expect(within(item(1, 'photo').closest('label')!).queryByRole('img')).toBeNull();
  });

  it('opened as a page for a job (popup.html?job=…): asks for that job and shows only its picker', async () => {
    const api = fakeApi({
      'popup/snapshot': () => ({ ...POPUP_SNAPSHOTS.picker, page: { kind: 'none' } }),
    });
    render(
      <PopupRoot
        api={api}
        tabId={null}
        jobId="job-picker"
        openOptions={() => {}}
        openTab={() => {}}
      />,
    );
    expect(await screen.findByRole('heading', { name: en_('pickerTitle', [3]) })).toBeTruthy();
    expect(api.callsOf('popup/snapshot')).toEqual([{ tabId: null, jobId: 'job-picker' }]);
    expect(screen.queryByLabelText(en_('pasteLinkLabel'))).toBeNull();
    expect(screen.queryByRole('button', { name: en_('downloadButton') })).toBeNull();
  });

  it('a job page whose job is gone says so', async () => {
    const api = fakeApi({ 'popup/snapshot': () => ({ ...POPUP_SNAPSHOTS.ready, job: null }) });
    render(
      <PopupRoot
        api={api}
        tabId={null}
        jobId="job-old"
        openOptions={() => {}}
        openTab={() => {}}
      />,
    );
    expect(await screen.findByText(en_('jobGone'))).toBeTruthy();
  });
});
