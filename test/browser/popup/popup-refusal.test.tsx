// @vitest-environment happy-dom
import { fireEvent, render, screen } from '@testing-library/preact';
import { PopupRoot } from '../../../components/popup/popup-root';
import { createProtocolClient } from '../../../components/protocol-client';
import { en_, useLocale } from '../../fixtures/ui/locale';
import {
  fakeBrowser,
  popupSender,
  startBackground,
  useBackground,
  type Background,
} from '../background/background-harness';

/**
 * A refusal travels the whole way: the popup's real protocol client sends 'download/start' to
 * the real background (runtime.onMessage, the engine), which refuses it; the Reply comes back
 * as a `user` error, the client throws a ProtocolError, and the popup shows the background's
 * UserError in plain words.
 */
useBackground();
beforeAll(() => useLocale('en'));

/** runtime.sendMessage from our popup page, delivered to the background's listener. */
function runtimeTo(bg: Background) {
  return {
    sendMessage: async (message: unknown) => (await bg.deliver(message, popupSender())).response,
    onMessage: { addListener: () => undefined, removeListener: () => undefined },
  };
}

describe('a request the background refuses', () => {
  it('a pasted link no service handles: the popup shows the refusal in the background’s words', async () => {
    const bg = startBackground();
    const tab = await fakeBrowser.tabs.create({ url: 'https://example.com/' });
    const api = createProtocolClient(runtimeTo(bg));
    render(
      <PopupRoot
        api={api}
        tabId={tab.id!}
        jobId={null}
        openOptions={() => undefined}
        openTab={() => undefined}
      />,
    );

    const link = await screen.findByLabelText(en_('pasteLinkLabel'));
    fireEvent.input(link, { target: { value: 'https://example.com/an/article' } });
    fireEvent.click(screen.getByRole('button', { name: en_('downloadButton') }));

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain(en_('error_unsupported_page_title'));
    expect(alert.textContent).toContain(en_('error_unsupported_page_detail'));
    expect(alert.textContent).not.toContain(en_('error_no_answer_title'));
    // Refused before anything was stored or fetched.
    expect(await bg.jobs()).toEqual([]);
    expect(bg.fetched).toEqual([]);
  });
});
