// @vitest-environment happy-dom
import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import type { InstanceView } from '../../../lib/model/instance-view';
import type { PopupSnapshot } from '../../../lib/model/snapshots';
import { en_, useLocale } from '../../fixtures/ui/locale';
import { POPUP_SNAPSHOTS } from '../../fixtures/ui/snapshots';
import { renderPopup } from './render-popup';

beforeAll(() => useLocale('en'));

const CLOSED: InstanceView = {
  origin: 'https://closed.example',
  frontend: null,
  version: null,
  generation: 'unknown',
  trust: 'listed',
  pinned: false,
  blocked: false,
  hasKey: false,
  score: null,
  excluded: true,
  latencyMs: null,
  codebase: null,
  needsPermission: true,
  reasons: [{ key: 'reasonNeedsPermission', effect: '!' }],
};

const WITH_CLOSED: PopupSnapshot = {
  ...POPUP_SNAPSHOTS.ready,
  instances: [...POPUP_SNAPSHOTS.ready.instances, CLOSED],
};

const actionsOf = (host: string) => screen.getByRole('group', { name: en_('actionsFor', [host]) });

describe('an instance that needs permission', () => {
  it('is listed outside the excluded fold, tagged, with its reason', async () => {
    await renderPopup(WITH_CLOSED);
    const list = screen.getByRole('list', { name: en_('instancesNeedPermission', [1]) });
    expect(within(list).getByText('closed.example')).toBeTruthy();
    expect(within(list).getByText(en_('tagNeedsPermission'))).toBeTruthy();
    expect(within(list).getByText(en_('reasonNeedsPermission'))).toBeTruthy();
  });

  it.each([
    { granted: true, probes: [{ origin: CLOSED.origin, service: null }], refusedShown: false },
    { granted: false, probes: [], refusedShown: true },
  ])(
    'Allow access: granted $granted → fresh GET / $probes, refusal shown $refusedShown',
    async ({ granted, probes, refusedShown }) => {
      const asked: string[] = [];
      const { api } = await renderPopup(
        WITH_CLOSED,
        { 'instance/test': () => [] },
        {
          requestAccess: (origin) => {
            asked.push(origin);
            return Promise.resolve(granted);
          },
        },
      );
      fireEvent.click(
        within(actionsOf('closed.example')).getByRole('button', { name: en_('actAllowAccess') }),
      );
      expect(asked).toEqual([CLOSED.origin]);
      const refusal = en_('allowAccessRefused', ['closed.example']);
      await waitFor(() => expect(screen.queryByText(refusal) !== null).toBe(refusedShown));
      await waitFor(() => expect(api.callsOf('instance/test')).toEqual(probes));
    },
  );

  it('instances that do not need it offer no such button, and show the code they run', async () => {
    await renderPopup(WITH_CLOSED);
    expect(
      within(actionsOf('api.beta.example')).queryByRole('button', { name: en_('actAllowAccess') }),
    ).toBeNull();
    expect(screen.getByText(en_('codebaseOf', ['someone/cobalt-fork']))).toBeTruthy();
    expect(screen.getByText(en_('codebaseOf', ['imputnet/cobalt']))).toBeTruthy();
  });
});
