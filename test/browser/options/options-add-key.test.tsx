// @vitest-environment happy-dom
import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { setHostAccessRequester } from '../../../components/host-access';
import type { Settings } from '../../../lib/settings/schema';
import { en_, useLocale } from '../../fixtures/ui/locale';
import { OPTIONS_SNAPSHOT } from '../../fixtures/ui/snapshots';
import { renderOptions } from './render-options';

/**
 * The popup's "Add a key" lands here (lib/ui/add-key-link.ts): My instances with the origin
 * filled in and the key field focused; "Test now" then tries the stored key for the service.
 */
beforeAll(() => useLocale('en'));
beforeEach(() => setHostAccessRequester(() => undefined));
afterEach(() => setHostAccessRequester(null));

const KEY = '123e4567-e89b-42d3-a456-426614174000';
const ORIGIN = 'https://keyed.example';
const mine = () => screen.getByRole('region', { name: en_('secMine') });

it('opens with the origin filled in and the key field focused; the key is saved for that origin', async () => {
  const { api } = await renderOptions({ 'settings/save': () => ({ ok: true }) }, OPTIONS_SNAPSHOT, {
    origin: ORIGIN,
    service: 'youtube',
  });
  const origin = within(mine()).getByLabelText(en_('myInstanceOrigin'));
  const key = within(mine()).getByLabelText(en_('myInstanceKey'));
  expect(origin).toHaveProperty('value', ORIGIN);
  await waitFor(() => expect(document.activeElement).toBe(key));

  fireEvent.input(key, { target: { value: KEY } });
  fireEvent.click(within(mine()).getByRole('button', { name: en_('myInstanceAdd') }));
  // Not saved yet: "Test now" would try the stored settings, so it waits for the save.
  const test = within(mine()).getByRole('button', { name: en_('testKeyNamed', [ORIGIN]) });
  expect(test).toHaveProperty('disabled', true);
  expect(within(mine()).getByText(en_('testKeySaveFirst'))).toBeTruthy();

  fireEvent.click(screen.getByRole('button', { name: en_('saveButton') }));
  await waitFor(() => expect(api.callsOf('settings/save')).toHaveLength(1));
  const saved = api.callsOf('settings/save')[0]!.settings as Settings;
  expect(saved.myInstances).toContainEqual({ origin: ORIGIN, apiKey: KEY });
});

it('"Test now" tries the stored key with the service the popup named, and says it worked', async () => {
  const snapshot = {
    ...OPTIONS_SNAPSHOT,
    settings: { ...OPTIONS_SNAPSHOT.settings, myInstances: [{ origin: ORIGIN, apiKey: KEY }] },
  };
  const { api } = await renderOptions(
    {
      'instance/test': ({ origin, service }) => [{ origin, service: service!, ok: true, ms: 420 }],
    },
    snapshot,
    { origin: ORIGIN, service: 'youtube' },
  );
  fireEvent.click(within(mine()).getByRole('button', { name: en_('testKeyNamed', [ORIGIN]) }));
  expect(await within(mine()).findByText(en_('testOk', ['YouTube', '420 ms']))).toBeTruthy();
  expect(api.callsOf('instance/test')).toEqual([{ origin: ORIGIN, service: 'youtube' }]);
});

it('adding a key to an origin already listed gives it the key in place', async () => {
  const { api } = await renderOptions({ 'settings/save': () => ({ ok: true }) }, OPTIONS_SNAPSHOT, {
    origin: 'https://mine.example',
    service: null,
  });
  fireEvent.input(within(mine()).getByLabelText(en_('myInstanceKey')), { target: { value: KEY } });
  fireEvent.click(within(mine()).getByRole('button', { name: en_('myInstanceAdd') }));
  fireEvent.click(screen.getByRole('button', { name: en_('saveButton') }));
  await waitFor(() => expect(api.callsOf('settings/save')).toHaveLength(1));
  const saved = api.callsOf('settings/save')[0]!.settings as Settings;
  expect(saved.myInstances).toEqual([{ origin: 'https://mine.example', apiKey: KEY }]);
});
