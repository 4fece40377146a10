// @vitest-environment happy-dom
import { render, screen } from '@testing-library/preact';
import type { Api } from '../../components/api';
import { OptionsRoot } from '../../components/options/options-root';
import { PopupRoot } from '../../components/popup/popup-root';
import type { MessageType, RequestOf, ResponseOf } from '../../lib/messages/protocol';
import { bundledSnapshot } from '../../lib/sources/bundled-snapshot';
import { formatIsoDay } from '../../lib/ui/format-iso-day';
import { en_, useLocale } from '../fixtures/ui/locale';
import { memoryStorage, startEngine } from '../support/engine-harness';
import { settingsItem } from '../../lib/app/stored-items';
import { SettingsSchema } from '../../lib/settings/schema';
import { createItemStore } from '../../lib/storage/item-store';

/**
 * The dated snapshot in both pages, from the real engine: before any tracker has answered the
 * ranking uses the bundled snapshot, and the popup and the options page both say
 * "Instance list from <date> (bundled)" with the date the snapshot carries.
 */
beforeAll(() => useLocale('en'));

const YT = 'https://www.youtube.com/watch?v=dQw4w9WgXcQ';

function engineApi(harness: ReturnType<typeof startEngine>): Api {
  return {
    send: <T extends MessageType>(type: T, payload: RequestOf<T>) =>
      harness.engine.handle({ type, payload } as never) as Promise<ResponseOf<T>>,
    onChanged: () => () => undefined,
  };
}

it('the bundled snapshot carries a date, and both pages show it while it is in use', async () => {
  const { date } = bundledSnapshot();
  expect(date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  // Probing off: opening the popup would otherwise probe the bundled (public) instances.
  const storage = memoryStorage();
  await createItemStore(storage).write(
    settingsItem,
    SettingsSchema.parse({ probe: { enabled: false } }),
  );
  const harness = startEngine({ storage, tabs: { 7: YT } });
  await harness.engine.ready;
  const text = en_('noticeBundledFrom', [formatIsoDay(date!, 'en')]);

  const popup = render(
    <PopupRoot
      api={engineApi(harness)}
      tabId={7}
      jobId={null}
      openOptions={() => undefined}
      openTab={() => undefined}
    />,
  );
  expect(await screen.findByText(text)).toBeTruthy();
  popup.unmount();

  render(<OptionsRoot api={engineApi(harness)} saveFile={() => undefined} />);
  expect(await screen.findByText(text)).toBeTruthy();
  expect(harness.refused).toEqual([]);
});
