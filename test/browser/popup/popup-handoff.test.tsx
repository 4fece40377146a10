// @vitest-environment happy-dom
import { fireEvent, screen, within } from '@testing-library/preact';
import { en_, useLocale } from '../../fixtures/ui/locale';
import { POPUP_SNAPSHOTS } from '../../fixtures/ui/snapshots';
import { renderPopup } from './render-popup';

beforeAll(() => useLocale('en'));

const LINK = 'https://www.youtube.com/watch?v=dQw4w9WgXcQ';
const handoffGroup = () => screen.getByRole('group', { name: en_('handoffLabel') });

describe("hand-off to an instance's own web app", () => {
  it('every automatic instance failed: the error offers the web apps; a click opens one tab at <frontend>/#<link>', () => {
    const { openTab, api } = renderPopup(POPUP_SNAPSHOTS.errorInstances);
    const buttons = within(handoffGroup()).getAllByRole('button');
    expect(buttons.map((b) => b.textContent)).toEqual([
      en_('handoffOpen', ['gated.example']),
      en_('handoffOpen', ['cobalt.tools']),
    ]);
    // Nothing opens by itself.
    expect(openTab).not.toHaveBeenCalled();
    fireEvent.click(buttons[0]!);
    expect(openTab.mock.calls).toEqual([[`https://gated.example/#${encodeURIComponent(LINK)}`]]);
    // The hand-off goes through no background message (the link goes to that web app only).
    expect(api.callsOf('download/start')).toEqual([]);
  });

  it('an API key problem (setup) offers them too', () => {
    renderPopup(POPUP_SNAPSHOTS.errorSetup);
    expect(handoffGroup()).toBeTruthy();
  });

  it('a content error (private post) offers no web app: it would fail there too', () => {
    renderPopup(POPUP_SNAPSHOTS.errorContent);
    expect(screen.queryByRole('group', { name: en_('handoffLabel') })).toBeNull();
  });

  it('no web app known: no offer', () => {
    renderPopup({ ...POPUP_SNAPSHOTS.errorInstances, handoff: [] });
    expect(screen.queryByRole('group', { name: en_('handoffLabel') })).toBeNull();
  });

  it('each instance with a web app offers "Open in web app" in the list', () => {
    const { openTab } = renderPopup(POPUP_SNAPSHOTS.ready);
    const row = screen.getByRole('group', { name: en_('actionsFor', ['cobalt.alpha.example']) });
    fireEvent.click(within(row).getByRole('button', { name: en_('actOpenWebApp') }));
    expect(openTab.mock.calls).toEqual([[`https://alpha.example/#${encodeURIComponent(LINK)}`]]);
  });
});
