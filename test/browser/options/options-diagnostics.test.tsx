// @vitest-environment happy-dom
import { fireEvent, screen, within } from '@testing-library/preact';
import { en_, useLocale } from '../../fixtures/ui/locale';
import { renderOptions } from './render-options';

beforeAll(() => useLocale('en'));

const section = () => screen.getByRole('region', { name: en_('secDiagnostics') });
const table = () => within(section()).getByRole('table');
const origins = () =>
  within(table())
    .getAllByRole('rowheader')
    .map((th) => th.textContent);
const sortBy = (key: string) =>
  fireEvent.click(within(table()).getByRole('button', { name: new RegExp(`^${en_(key)}`) }));

describe('diagnostics table', () => {
  it('lists every instance with origin, version, trust, online, Turnstile, services, latency, health', async () => {
    await renderOptions();
    expect(origins()).toEqual([
      'http://203.0.113.9:9000',
      'https://api.beta.example',
      'https://cobalt.alpha.example',
      'https://gamma.example',
    ]);
    const beta = within(table())
      .getByRole('rowheader', { name: 'https://api.beta.example' })
      .closest('tr')!;
    const cells = within(beta)
      .getAllByRole('cell')
      .map((c) => c.textContent);
    // The version cell also says which code it runs.
    expect(cells.slice(0, 3)).toEqual([
      `10.9.4${en_('codebaseOf', ['someone/cobalt-fork'])}`,
      en_('trustListed'),
      en_('valueYes'),
    ]);
    expect(beta.textContent).toContain(en_('servicesCount', [2, 2]));
    expect(beta.textContent).toContain('640 ms');
    expect(beta.textContent).toContain(en_('healthCounts', [1, 3]));
    expect(beta.textContent).toContain(en_('healthQuarantined', ['YouTube']));
    expect(beta.textContent).toContain('cobalt.directory');
  });

  it('sorts by a column, and again the other way; aria-sort says which', async () => {
    await renderOptions();
    sortBy('colLatency');
    expect(origins().slice(0, 2)).toEqual([
      'https://cobalt.alpha.example',
      'https://api.beta.example',
    ]);
    const header = within(table()).getByRole('columnheader', {
      name: new RegExp(en_('colLatency')),
    });
    expect(header.getAttribute('aria-sort')).toBe('ascending');
    sortBy('colLatency');
    expect(origins().slice(0, 2)).toEqual([
      'https://api.beta.example',
      'https://cobalt.alpha.example',
    ]);
    expect(header.getAttribute('aria-sort')).toBe('descending');
    sortBy('colVersion');
    expect(origins()[0]).toBe('https://cobalt.alpha.example');
    sortBy('colHealth');
    expect(origins()[0]).toBe('https://cobalt.alpha.example');
  });

  it('filters by text, trust, service and online', async () => {
    await renderOptions();
    const s = section();
    fireEvent.input(within(s).getByLabelText(en_('diagFilterText')), {
      target: { value: 'alpha' },
    });
    expect(origins()).toEqual(['https://cobalt.alpha.example']);
    fireEvent.input(within(s).getByLabelText(en_('diagFilterText')), { target: { value: '' } });

    fireEvent.change(within(s).getByLabelText(en_('colTrust')), { target: { value: 'safe' } });
    expect(origins()).toEqual(['https://cobalt.alpha.example', 'https://gamma.example']);
    fireEvent.change(within(s).getByLabelText(en_('colTrust')), { target: { value: '' } });

    fireEvent.change(within(s).getByLabelText(en_('diagFilterService')), {
      target: { value: 'instagram' },
    });
    expect(origins()).toEqual(['https://cobalt.alpha.example', 'https://gamma.example']);
    // The services column now shows this service's status.
    expect(within(table()).getByRole('columnheader', { name: /Instagram/ })).toBeTruthy();
    fireEvent.change(within(s).getByLabelText(en_('diagFilterService')), { target: { value: '' } });

    fireEvent.click(within(s).getByRole('checkbox', { name: en_('diagOnlineOnly') }));
    expect(origins()).not.toContain('http://203.0.113.9:9000');
    expect(within(s).getByText(en_('diagShown', [3, 4]))).toBeTruthy();
  });
});
