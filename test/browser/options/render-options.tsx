/** Renders OptionsRoot over a fake api that answers 'options/snapshot' from a fixture. */
import { render, screen } from '@testing-library/preact';
import { OptionsRoot } from '../../../components/options/options-root';
import type { OptionsSnapshot } from '../../../lib/model/snapshots';
import type { AddKeyRequest } from '../../../lib/ui/add-key-link';
import { fakeApi, type Handlers } from '../../fixtures/ui/fake-api';
import { en_ } from '../../fixtures/ui/locale';
import { FIXTURE_NOW, OPTIONS_SNAPSHOT } from '../../fixtures/ui/snapshots';

export async function renderOptions(
  handlers: Handlers = {},
  snapshot: OptionsSnapshot = OPTIONS_SNAPSHOT,
  addKey: AddKeyRequest | null = null,
) {
  let current = snapshot;
  const api = fakeApi({ 'options/snapshot': () => current, ...handlers });
  const saveFile = vi.fn();
  const utils = render(
    <OptionsRoot api={api} saveFile={saveFile} addKey={addKey} now={() => FIXTURE_NOW} />,
  );
  await screen.findByRole('heading', { level: 1, name: en_('optionsTitle') });
  await screen.findByRole('region', { name: en_('secSources') });
  return {
    ...utils,
    api,
    saveFile,
    setSnapshot(next: OptionsSnapshot) {
      current = next;
    },
  };
}
