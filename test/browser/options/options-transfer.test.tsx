// @vitest-environment happy-dom
import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { EXPORT_FILENAME } from '../../../components/options/options-root';
import { en_, useLocale } from '../../fixtures/ui/locale';
import { renderOptions } from './render-options';

beforeAll(() => useLocale('en'));

const transfer = () => screen.getByRole('region', { name: en_('secTransfer') });

function chooseFile(text: string, name = 'settings.json') {
  const input = within(transfer()).getByLabelText(en_('importLabel')) as HTMLInputElement;
  const file = new File([text], name, { type: 'application/json' });
  Object.defineProperty(input, 'files', { value: [file], configurable: true });
  fireEvent.change(input);
}

describe('import / export / reset', () => {
  it('export asks the background for the JSON and saves it as a file', async () => {
    const json = '{"format":"cobalt-picker/settings","version":3,"settings":{}}\n';
    const { api, saveFile } = await renderOptions({ 'settings/export': () => ({ json }) });
    fireEvent.click(within(transfer()).getByRole('button', { name: en_('exportButton') }));
    await waitFor(() => expect(saveFile).toHaveBeenCalledWith(EXPORT_FILENAME, json));
    expect(api.callsOf('settings/export')).toEqual([{}]);
    expect(await within(transfer()).findByText(en_('exportDone'))).toBeTruthy();
  });

  it('importing a bad file shows each problem and changes nothing', async () => {
    const { api } = await renderOptions({
      'settings/import': () => ({
        ok: false,
        problems: [
          { path: 'format', message: 'This is not a cobalt-picker settings file.' },
          { path: 'settings.sources.refreshMinutes', message: 'must be between 15 and 1440' },
        ],
      }),
    });
    chooseFile('{"hello":1}');
    const alert = await within(transfer()).findByRole('alert');
    await waitFor(() => expect(api.callsOf('settings/import')).toEqual([{ json: '{"hello":1}' }]));
    expect(alert.textContent).toContain(en_('importProblems'));
    expect(alert.textContent).toContain('This is not a cobalt-picker settings file.');
    expect(alert.textContent).toContain('settings.sources.refreshMinutes');
    expect(alert.textContent).toContain(en_('importProblemsHint'));
    expect(api.callsOf('settings/save')).toEqual([]);
  });

  it('importing a good file reloads the settings from the background', async () => {
    const { api } = await renderOptions({ 'settings/import': () => ({ ok: true }) });
    const before = api.callsOf('options/snapshot').length;
    chooseFile('{"format":"cobalt-picker/settings","version":3,"settings":{}}');
    expect(await within(transfer()).findByText(en_('importDone'))).toBeTruthy();
    expect(api.callsOf('options/snapshot').length).toBeGreaterThan(before);
  });

  it('a file far too large is refused before it is read', async () => {
    const { api } = await renderOptions({ 'settings/import': () => ({ ok: true }) });
    chooseFile('x'.repeat(600 * 1024));
    expect((await within(transfer()).findByRole('alert')).textContent).toBe(en_('importTooLarge'));
    expect(api.callsOf('settings/import')).toEqual([]);
  });

  it('reset needs a confirmation, then sends settings/reset', async () => {
    const { api } = await renderOptions({ 'settings/reset': () => ({ ok: true }) });
    fireEvent.click(within(transfer()).getByRole('button', { name: en_('resetButton') }));
    expect(api.callsOf('settings/reset')).toEqual([]);
    fireEvent.click(within(transfer()).getByRole('button', { name: en_('actCancel') }));
    fireEvent.click(within(transfer()).getByRole('button', { name: en_('resetButton') }));
    fireEvent.click(within(transfer()).getByRole('button', { name: en_('resetConfirm') }));
    await waitFor(() => expect(api.callsOf('settings/reset')).toEqual([{}]));
    expect(await within(transfer()).findByText(en_('resetDone'))).toBeTruthy();
  });
});
