// @vitest-environment happy-dom
import { fireEvent, screen, waitFor } from '@testing-library/preact';
import { en_, useLocale } from '../../fixtures/ui/locale';
import { POPUP_SNAPSHOTS, type PopupState } from '../../fixtures/ui/snapshots';
import { renderPopup } from './render-popup';

beforeAll(() => useLocale('en'));

const FOCUSABLE = 'button, a[href], input, select, textarea, summary, [tabindex]';

/** Accessible name as testing-library computes it, through the role query. */
function namedControls(): HTMLElement[] {
  return [
    ...screen.queryAllByRole('button'),
    ...screen.queryAllByRole('link'),
    ...screen.queryAllByRole('checkbox'),
    ...screen.queryAllByRole('radio'),
    ...screen.queryAllByRole('textbox'),
  ];
}

describe('popup keyboard and labels', () => {
  const states = Object.keys(POPUP_SNAPSHOTS) as PopupState[];

  it.each(states)('%s: every control is reachable by Tab and has a name', async (state) => {
    await renderPopup(POPUP_SNAPSHOTS[state]);
    // Disabled controls are skipped by Tab on purpose.
    const focusable = [...document.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
      (el) => !(el as HTMLButtonElement).disabled,
    );
    expect(focusable.length).toBeGreaterThan(0);
    for (const el of focusable) {
      expect(el.getAttribute('tabindex')).not.toBe('-1');
      el.focus();
      expect(document.activeElement).toBe(el);
    }
    for (const control of namedControls()) {
      const name =
        control.getAttribute('aria-label') ??
        (control.id ? document.querySelector(`label[for="${control.id}"]`)?.textContent : null) ??
        control.closest('label')?.textContent ??
        control.textContent;
      expect(name?.trim(), control.outerHTML).toBeTruthy();
    }
  });

  it('ready, every fold opened: the rows built on opening are reachable and named too', async () => {
    await renderPopup(POPUP_SNAPSHOTS.ready);
    const folds = [...document.querySelectorAll<HTMLDetailsElement>('details')];
    expect(folds.length).toBeGreaterThan(0);
    for (const fold of folds) fireEvent.click(fold.querySelector('summary')!);
    await waitFor(() =>
      expect(document.querySelector('details.excluded .inst-list button')).not.toBeNull(),
    );
    const inFolds = [...document.querySelectorAll<HTMLElement>('details .inst-list *')].filter(
      (el) => el.matches(FOCUSABLE) && !(el as HTMLButtonElement).disabled,
    );
    expect(inFolds.length).toBeGreaterThan(0);
    for (const el of inFolds) {
      expect(el.getAttribute('tabindex')).not.toBe('-1');
      el.focus();
      expect(document.activeElement).toBe(el);
      const name = el.getAttribute('aria-label') ?? el.textContent;
      expect(name?.trim(), el.outerHTML).toBeTruthy();
    }
  });

  it('the link field is found by its label and submits with Enter (form submit)', async () => {
    const { api } = await renderPopup(POPUP_SNAPSHOTS.unsupported, {
      'download/start': () => ({ jobId: 'j' }),
    });
    const field = screen.getByLabelText(en_('pasteLinkLabel'));
    fireEvent.input(field, { target: { value: 'youtu.be/dQw4w9WgXcQ' } });
    fireEvent.submit(field.closest('form')!);
    expect(api.callsOf('download/start')).toEqual([
      { tabId: 7, url: 'https://youtu.be/dQw4w9WgXcQ', mode: 'auto' },
    ]);
  });

  it('download modes are one radio group with a legend', async () => {
    await renderPopup(POPUP_SNAPSHOTS.ready);
    const group = screen.getByRole('group', { name: en_('modeLegend') });
    expect(group.querySelectorAll('input[type="radio"][name="mode"]')).toHaveLength(3);
  });

  it('the settings button is an icon with a text name', async () => {
    const { openOptions } = await renderPopup(POPUP_SNAPSHOTS.ready);
    fireEvent.click(screen.getByRole('button', { name: en_('openSettings') }));
    expect(openOptions).toHaveBeenCalled();
  });
});
