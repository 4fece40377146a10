// @vitest-environment happy-dom
import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import type { DeepTestResult } from '../../../lib/model/deep-test-result';
import { en_, useLocale } from '../../fixtures/ui/locale';
import { POPUP_SNAPSHOTS } from '../../fixtures/ui/snapshots';
import { renderPopup } from './render-popup';

beforeAll(() => useLocale('en'));

/** Open a fold by clicking its summary (the element opens, then fires 'toggle'). */
async function openFold(details: HTMLDetailsElement): Promise<void> {
  fireEvent.click(details.querySelector('summary')!);
  await waitFor(() => expect(details.querySelector('.inst-list')).not.toBeNull());
}

const actionsOf = (host: string) => screen.getByRole('group', { name: en_('actionsFor', [host]) });

describe('instance actions', () => {
  it("pin / unpin → 'instance/pin'", async () => {
    const { api } = await renderPopup(POPUP_SNAPSHOTS.ready, {
      'instance/pin': () => ({ ok: true }),
    });
    const beta = within(actionsOf('api.beta.example')).getByRole('button', { name: en_('actPin') });
    expect(beta.getAttribute('aria-pressed')).toBe('false');
    fireEvent.click(beta);
    fireEvent.click(
      within(actionsOf('cobalt.alpha.example')).getByRole('button', { name: en_('actUnpin') }),
    );
    await waitFor(() =>
      expect(api.callsOf('instance/pin')).toEqual([
        { origin: 'https://api.beta.example', pinned: true },
        { origin: 'https://cobalt.alpha.example', pinned: false },
      ]),
    );
    // The popup re-reads its snapshot after the change.
    await waitFor(() => expect(api.callsOf('popup/snapshot').length).toBeGreaterThanOrEqual(2));
  });

  it("block → 'instance/block'", async () => {
    const { api } = await renderPopup(POPUP_SNAPSHOTS.ready, {
      'instance/block': () => ({ ok: true }),
    });
    fireEvent.click(
      within(actionsOf('api.beta.example')).getByRole('button', { name: en_('actBlock') }),
    );
    await waitFor(() =>
      expect(api.callsOf('instance/block')).toEqual([
        { origin: 'https://api.beta.example', blocked: true },
      ]),
    );
  });

  it("test now → 'instance/test' for the page's service, result shown in the row", async () => {
    let finish: (r: DeepTestResult[]) => void = () => {};
    const { api } = await renderPopup(POPUP_SNAPSHOTS.ready, {
      'instance/test': () => new Promise((resolve) => (finish = resolve)),
    });
    const button = within(actionsOf('cobalt.alpha.example')).getByRole('button', {
      name: en_('actTest'),
    });
    fireEvent.click(button);
    expect(api.callsOf('instance/test')).toEqual([
      { origin: 'https://cobalt.alpha.example', service: 'youtube' },
    ]);
    expect(await screen.findByText(en_('testRunning'))).toBeTruthy();
    expect(button).toHaveProperty('disabled', true);
    finish([{ origin: 'https://cobalt.alpha.example', service: 'youtube', ok: true, ms: 1234 }]);
    expect(await screen.findByText(en_('testOk', ['YouTube', '1.2 s']))).toBeTruthy();
  });

  it('a failed deep test says why in plain words', async () => {
    await renderPopup(POPUP_SNAPSHOTS.ready, {
      'instance/test': () => [
        {
          origin: 'https://api.beta.example',
          service: 'youtube',
          ok: false,
          code: 'error.api.fetch.rate',
          ms: 300,
        },
      ],
    });
    fireEvent.click(
      within(actionsOf('api.beta.example')).getByRole('button', { name: en_('actTest') }),
    );
    expect(
      await screen.findByText(en_('testFailed', ['YouTube', en_('trail_rate_limited')])),
    ).toBeTruthy();
  });

  it("open its web page: a link to the instance's frontend, else its address", async () => {
    await renderPopup(POPUP_SNAPSHOTS.ready);
    const alpha = within(actionsOf('cobalt.alpha.example')).getByRole('link', {
      name: en_('actOpenSite'),
    });
    expect(alpha.getAttribute('href')).toBe('https://alpha.example/');
    expect(alpha.getAttribute('target')).toBe('_blank');
    expect(alpha.getAttribute('rel')).toContain('noopener');
    const beta = within(actionsOf('api.beta.example')).getByRole('link', {
      name: en_('actOpenSite'),
    });
    expect(beta.getAttribute('href')).toBe('https://api.beta.example/');
  });

  it('excluded instances cannot be tested but can be unblocked or pinned', async () => {
    const { container } = await renderPopup(POPUP_SNAPSHOTS.ready);
    await openFold(container.querySelector<HTMLDetailsElement>('details.excluded')!);
    const gamma = actionsOf('gamma.example');
    expect(within(gamma).queryByRole('button', { name: en_('actTest') })).toBeNull();
    expect(within(gamma).getByRole('button', { name: en_('actPin') })).toBeTruthy();
  });
});

describe('long instance lists', () => {
  it('shows the top five and folds the rest, numbered on, rendered once opened', async () => {
    const base = POPUP_SNAPSHOTS.ready.instances.find((i) => !i.excluded)!;
    const many = Array.from({ length: 8 }, (_, n) => ({
      ...base,
      origin: `https://inst${n + 1}.example`,
      pinned: false,
    }));
    const { container } = await renderPopup({ ...POPUP_SNAPSHOTS.ready, instances: many });
    const shown = container.querySelectorAll('section.instances > ol.inst-list > li.inst');
    expect(shown).toHaveLength(5);
    const more = container.querySelector<HTMLDetailsElement>('details.more')!;
    expect(more.querySelector('summary')?.textContent).toBe(en_('instancesMore', ['3']));
    // Closed: the folded rows are not built at all.
    expect(more.open).toBe(false);
    expect(more.querySelector('ol.inst-list')).toBeNull();
    await openFold(more);
    expect(more.querySelectorAll('ol.inst-list > li.inst')).toHaveLength(3);
    expect(more.querySelector('ol')?.getAttribute('start')).toBe('6');
    // Closing it again keeps the section consistent with the element's state.
    fireEvent.click(more.querySelector('summary')!);
    await waitFor(() => expect(more.querySelector('ol.inst-list')).toBeNull());
  });

  it('excluded instances are built only once their fold is opened', async () => {
    const { container } = await renderPopup(POPUP_SNAPSHOTS.ready);
    const excluded = container.querySelector<HTMLDetailsElement>('details.excluded')!;
    expect(excluded.querySelector('summary')).not.toBeNull();
    expect(excluded.querySelector('ul.inst-list')).toBeNull();
    expect(screen.queryByRole('group', { name: en_('actionsFor', ['gamma.example']) })).toBeNull();
    await openFold(excluded);
    expect(excluded.querySelectorAll('ul.inst-list > li.inst').length).toBeGreaterThan(0);
    expect(actionsOf('gamma.example')).toBeTruthy();
  });

  it('no fold when five or fewer are usable', async () => {
    const { container } = await renderPopup(POPUP_SNAPSHOTS.ready);
    expect(container.querySelector('details.more')).toBeNull();
  });
});
