// @vitest-environment happy-dom
import { fireEvent, screen, within } from '@testing-library/preact';
import type { InstanceView } from '../../../lib/model/instance-view';
import { readAddKeyHash } from '../../../lib/ui/add-key-link';
import { en_, useLocale } from '../../fixtures/ui/locale';
import { POPUP_SNAPSHOTS } from '../../fixtures/ui/snapshots';
import { renderPopup } from './render-popup';

beforeAll(() => useLocale('en'));

const KEYED: InstanceView = {
  origin: 'https://keyed.example',
  frontend: null,
  version: '11.7.1',
  generation: 'v11',
  trust: 'listed',
  pinned: false,
  blocked: false,
  hasKey: false,
  score: null,
  excluded: true,
  latencyMs: null,
  codebase: null,
  needsPermission: false,
  reasons: [{ key: 'reasonNeedsKey', effect: '!' }],
};

describe('an instance that asked for a key', () => {
  it('is shown as "needs a key" in sight, and one click opens My instances with its origin', async () => {
    const snapshot = POPUP_SNAPSHOTS.ready;
    const { openOptions } = await renderPopup({
      ...snapshot,
      instances: [...snapshot.instances, KEYED],
    });
    const list = screen.getByRole('list', { name: en_('instancesNeedKey', [1]) });
    expect(within(list).getByText(en_('reasonNeedsKey'))).toBeTruthy();
    const row = screen.getByRole('group', { name: en_('actionsFor', ['keyed.example']) });
    fireEvent.click(within(row).getByRole('button', { name: en_('actAddKey') }));
    expect(openOptions).toHaveBeenCalledTimes(1);
    const [hash] = openOptions.mock.calls[0] as [string];
    expect(readAddKeyHash(hash)).toEqual({ origin: 'https://keyed.example', service: 'youtube' });
  });

  it('a blocked one stays folded away with the other excluded ones', async () => {
    const snapshot = POPUP_SNAPSHOTS.ready;
    await renderPopup({
      ...snapshot,
      instances: [...snapshot.instances, { ...KEYED, blocked: true }],
    });
    expect(screen.queryByRole('list', { name: en_('instancesNeedKey', [1]) })).toBeNull();
  });

  it('no instance needs a key: no such list', async () => {
    await renderPopup(POPUP_SNAPSHOTS.ready);
    expect(screen.queryByRole('list', { name: en_('instancesNeedKey', [1]) })).toBeNull();
  });
});
