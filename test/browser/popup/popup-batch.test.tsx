// @vitest-environment happy-dom
import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { en_, useLocale } from '../../fixtures/ui/locale';
import { POPUP_SNAPSHOTS } from '../../fixtures/ui/snapshots';
import type { PastePreview } from '../../../lib/model/batch-view';
import { renderPopup } from './render-popup';

beforeAll(() => useLocale('en'));

const A = 'https://www.youtube.com/watch?v=aaaaaaaaaaa';
const B = 'https://www.youtube.com/watch?v=bbbbbbbbbbb';
/** 'batch/preview' finding A and B. */
const previewAB = (): PastePreview => ({
  links: [
    { url: A, service: 'youtube' },
    { url: B, service: 'youtube' },
  ],
  ignored: 0,
});
const pasteField = () =>
  screen.getByRole('textbox', { name: en_('pasteLinkLabel') }) as HTMLTextAreaElement;

describe('the popup and the batch queue', () => {
  it('a paste of several links lists them and queues the text', async () => {
    const { api } = await renderPopup(POPUP_SNAPSHOTS.unsupported, {
      'batch/start': () => ({ added: 2, asked: [] }),
      'batch/preview': () => ({
        links: [
          { url: A, service: 'youtube' },
          { url: B, service: 'youtube' },
        ],
        ignored: 1,
      }),
    });
    const text = `see ${A}\n${B} and https://example.com/page`;
    fireEvent.input(screen.getByRole('textbox', { name: en_('pasteLinkLabel') }), {
      target: { value: text },
    });
    expect(await screen.findByText(en_('pasteLinksWill', ['2']))).toBeTruthy();
    expect(api.callsOf('batch/preview')).toEqual([{ text }]);
    const list = screen.getByRole('list', { name: en_('pasteLinksWill', ['2']) });
    expect(
      within(list)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([`YouTube ${A}`, `YouTube ${B}`]);
    expect(screen.getByText(en_('pasteLinksIgnored', ['1']))).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: en_('downloadLinksButton', ['2']) }));
    await waitFor(() =>
      expect(api.callsOf('batch/start')).toEqual([{ text, mode: 'auto', again: null }]),
    );
    // Queued: the field is emptied for the next paste (the queue shows the links).
    await waitFor(() => expect(pasteField().value).toBe(''));
  });

  it('a paste the background refuses stays in the field, with the reason', async () => {
    const { api } = await renderPopup(POPUP_SNAPSHOTS.unsupported, {
      'batch/preview': previewAB,
      'batch/start': () => {
        throw new Error('receiving end does not exist');
      },
    });
    fireEvent.input(pasteField(), { target: { value: `${A}\n${B}` } });
    fireEvent.click(await screen.findByRole('button', { name: en_('downloadLinksButton', ['2']) }));
    await waitFor(() => expect(api.callsOf('batch/start')).toHaveLength(1));
    expect(await screen.findByRole('alert')).toBeTruthy();
    expect(pasteField().value).toBe(`${A}\n${B}`);
  });

  it('links downloaded before: asks, and sends the answer', async () => {
    const { api } = await renderPopup(POPUP_SNAPSHOTS.unsupported, {
      'batch/preview': previewAB,
      'batch/start': ({ again }) =>
        again === null ? { added: 0, asked: [A] } : { added: 1, asked: [] },
    });
    fireEvent.input(screen.getByRole('textbox', { name: en_('pasteLinkLabel') }), {
      target: { value: `${A} ${B}` },
    });
    fireEvent.click(await screen.findByRole('button', { name: en_('downloadLinksButton', ['2']) }));
    const ask = await screen.findByRole('alertdialog', { name: en_('batchAskTitle', ['1']) });
    expect(within(ask).getByText(A)).toBeTruthy();
    fireEvent.click(within(ask).getByRole('button', { name: en_('batchAskSkip') }));
    await waitFor(() =>
      expect(api.callsOf('batch/start').map((c) => c.again)).toEqual([null, false]),
    );
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());
  });

  it('the queue: counts, states, retry and cancel by keyboard-reachable buttons', async () => {
    const view = POPUP_SNAPSHOTS.batch.batch;
    const { api } = await renderPopup(POPUP_SNAPSHOTS.batch, {
      'batch/retry': () => view,
      'batch/cancel': () => view,
    });
    const queue = screen.getByRole('region', { name: en_('batchTitle') });
    expect(within(queue).getByText(en_('batchCounts', ['1', '1', '2', '1']))).toBeTruthy();
    expect(
      within(queue)
        .getAllByRole('listitem')
        .map((li) => li.getAttribute('data-state')),
    ).toEqual(['done', 'failed', 'running', 'waiting', 'skipped']);
    fireEvent.click(
      within(queue).getByRole('button', {
        name: en_('batchRetryLabel', ['https://www.youtube.com/watch?v=private0001']),
      }),
    );
    fireEvent.click(
      within(queue).getByRole('button', {
        name: en_('batchCancelLabel', ['https://www.youtube.com/watch?v=9bZkp7q19f0']),
      }),
    );
    fireEvent.click(within(queue).getByRole('button', { name: en_('batchCancelAll') }));
    await waitFor(() => {
      expect(api.callsOf('batch/retry')).toEqual([{ id: 'b2' }]);
      expect(api.callsOf('batch/cancel')).toEqual([{ id: 'b4' }, { id: null }]);
    });
    // The skipped link (downloaded before) offers to download it again.
    expect(
      within(queue).getByRole('button', {
        name: en_('batchRetryLabel', ['https://www.youtube.com/watch?v=kJQP7kiw5Fk']),
      }).textContent,
    ).toBe(en_('batchDownloadAgain'));
  });

  it('the page was downloaded before: marked, and the Download button asks first', async () => {
    const { api } = await renderPopup(POPUP_SNAPSHOTS.batch, {
      'download/start': () => ({ jobId: 'j-new' }),
    });
    expect(screen.getByText(en_('downloadedBeforeNote', ['1 hour ago']))).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: en_('downloadButton') }));
    expect(screen.getByRole('alert').textContent).toBe(en_('downloadAgainAsk'));
    expect(api.callsOf('download/start')).toEqual([]);
    fireEvent.click(screen.getByRole('button', { name: en_('batchDownloadAgain') }));
    await waitFor(() =>
      expect(api.callsOf('download/start')).toEqual([{ tabId: 7, url: null, mode: 'auto' }]),
    );
  });
});
