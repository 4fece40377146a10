import { ProtocolError } from '../../../components/protocol-errors';
// @vitest-environment happy-dom
import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { en_, useLocale } from '../../fixtures/ui/locale';
import { POPUP_SNAPSHOTS } from '../../fixtures/ui/snapshots';
import { renderPopup } from './render-popup';

beforeAll(() => useLocale('en'));

const alert = () => screen.getByRole('alert');
const buttonNames = (root: HTMLElement) =>
  within(root)
    .queryAllByRole('button')
    .map((b) => b.textContent);

describe('popup errors, one per class, each saying what to do', () => {
  it('content (private post): plain words, nothing to retry, no retry button', async () => {
    await renderPopup(POPUP_SNAPSHOTS.errorContent);
    expect(within(alert()).getByRole('heading').textContent).toBe(en_('error_private_title'));
    expect(alert().textContent).toContain(en_('error_private_detail'));
    expect(alert().textContent).toContain(en_('error_hint_content'));
    expect(buttonNames(alert())).not.toContain(en_('actRetry'));
    expect(alert().textContent).toContain('error.api.content.post.private');
  });

  it('instances (all failed): says how many, shows what was tried, and retries the same link', async () => {
    const { api } = await renderPopup(POPUP_SNAPSHOTS.errorInstances, {
      'download/start': () => ({ jobId: 'job-2' }),
    });
    expect(alert().textContent).toContain(en_('error_instances_title'));
    expect(alert().textContent).toContain(en_('error_instances_detail', ['2']));
    const tried = within(alert()).getByRole('list', { name: en_('triedLabel') });
    const steps = within(tried).getAllByRole('listitem');
    expect(steps).toHaveLength(2);
    expect(steps[0]!.textContent).toContain('cobalt.alpha.example');
    expect(steps[0]!.textContent).toContain(en_('trail_rate_limited'));
    expect(steps[1]!.textContent).toContain('api.beta.example');
    expect(steps[1]!.textContent).toContain(en_('trail_timeout'));
    fireEvent.click(within(alert()).getByRole('button', { name: en_('actRetry') }));
    await waitFor(() =>
      expect(api.callsOf('download/start')).toEqual([
        { tabId: 7, url: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ', mode: 'auto' },
      ]),
    );
  });

  it('setup (API key needed): names the instance and opens the settings', async () => {
    const { openOptions } = await renderPopup(POPUP_SNAPSHOTS.errorSetup);
    expect(alert().textContent).toContain(en_('error_key_title'));
    expect(alert().textContent).toContain(
      en_('error_key_add_detail', ['https://api.cobalt.tools']),
    );
    expect(alert().textContent).toContain(en_('error_hint_setup'));
    fireEvent.click(within(alert()).getByRole('button', { name: en_('openSettings') }));
    expect(openOptions).toHaveBeenCalledTimes(1);
  });

  it('input (unsupported link): asks for the post itself, no retry', async () => {
    await renderPopup(POPUP_SNAPSHOTS.errorInput);
    expect(alert().textContent).toContain(en_('error_link_unsupported_title'));
    expect(alert().textContent).toContain(en_('error_link_unsupported_detail'));
    expect(alert().textContent).toContain(en_('error_hint_input'));
    expect(buttonNames(alert())).not.toContain(en_('actRetry'));
  });

  it("an error answered by 'download/start' is shown and can be dismissed", async () => {
    await renderPopup(POPUP_SNAPSHOTS.ready, {
      'download/start': () => {
        throw new ProtocolError('download/start', {
          kind: 'user',
          error: {
            kind: 'instances',
            titleKey: 'error_no_instances_title',
            detailKey: 'error_no_instances_detail',
          },
        });
      },
    });
    fireEvent.click(screen.getByRole('button', { name: en_('downloadButton') }));
    expect((await screen.findByRole('alert')).textContent).toContain(
      en_('error_no_instances_title'),
    );
    fireEvent.click(screen.getByRole('button', { name: en_('actDismiss') }));
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('an error key the locale lacks falls back to general words, never a raw key', async () => {
    await renderPopup({
      ...POPUP_SNAPSHOTS.errorContent,
      job: {
        ...POPUP_SNAPSHOTS.errorContent.job!,
        error: { kind: 'content', titleKey: 'error_from_the_future_title', detailKey: 'nope' },
      },
    });
    expect(alert().textContent).toContain(en_('error_generic_title'));
    expect(alert().textContent).not.toContain('error_from_the_future_title');
  });

  it('a failed background call while starting is an internal error with retry', async () => {
    await renderPopup(POPUP_SNAPSHOTS.ready, {
      'download/start': () => {
        throw new Error('receiving end does not exist');
      },
    });
    fireEvent.click(screen.getByRole('button', { name: en_('downloadButton') }));
    const shown = await screen.findByRole('alert');
    expect(shown.textContent).toContain(en_('error_no_answer_title'));
    expect(within(shown).getByRole('button', { name: en_('actRetry') })).toBeTruthy();
  });
});
