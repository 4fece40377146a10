import { POPUP_VIEW_FORMAT, usableView } from '../../../lib/ui/usable-view';
import { POPUP_SNAPSHOTS } from '../../fixtures/ui/snapshots';

const URL_7 = 'https://www.youtube.com/watch?v=abc';
const snapshot = { ...POPUP_SNAPSHOTS.ready, tabId: 7 };
const view = { format: POPUP_VIEW_FORMAT, url: URL_7, snapshot };

describe('usableView (the popup draws a stored view only of this tab at this address)', () => {
  it('a view of this tab at its current address → its snapshot', () => {
    expect(usableView(view, 7, URL_7)).toBe(snapshot);
  });

  it('a tab whose address is unknown to the background too (null both sides) → its snapshot', () => {
    const none = { ...view, url: null };
    expect(usableView(none, 7, null)).toBe(snapshot);
  });

  it.each<[string, unknown, number | null, string | null | undefined]>([
    ['nothing stored', undefined, 7, URL_7],
    ['not an object', 'view', 7, URL_7],
    ['null', null, 7, URL_7],
    ['another format', { ...view, format: POPUP_VIEW_FORMAT + 1 }, 7, URL_7],
    ['no format', { url: URL_7, snapshot }, 7, URL_7],
    ['another tab', view, 8, URL_7],
    ['no tab (a job page)', view, null, URL_7],
    ['the tab has moved to another page', view, 7, 'https://www.youtube.com/watch?v=other'],
    ['the popup could not read the address', view, 7, undefined],
    ['no snapshot', { ...view, snapshot: undefined }, 7, URL_7],
    ['a snapshot of another tab', { ...view, snapshot: { ...snapshot, tabId: 8 } }, 7, URL_7],
  ])('%s → null', (_label, stored, tabId, url) => {
    expect(usableView(stored, tabId, url)).toBeNull();
  });
});
