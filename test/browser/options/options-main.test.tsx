// @vitest-environment happy-dom
import { fireEvent, screen, waitFor } from '@testing-library/preact';
import { fakeApi, type FakeApi } from '../../fixtures/ui/fake-api';
import { en_, useLocale } from '../../fixtures/ui/locale';
import { OPTIONS_SNAPSHOT } from '../../fixtures/ui/snapshots';

let api: FakeApi;
vi.mock('../../../components/protocol-client', () => ({ createProtocolClient: () => api }));

describe('options entry point', () => {
  it('renders the page and saves an export as a JSON file download', async () => {
    const json = '{"format":"cobalt-picker/settings"}\n';
    api = fakeApi({
      'options/snapshot': () => OPTIONS_SNAPSHOT,
      'settings/export': () => ({ json }),
    });
    document.body.innerHTML = '<div id="app"></div>';
    useLocale('en');
    await import('../../../entrypoints/options/main');
    expect(document.title).toBe(en_('optionsTitle'));

    const clicked: { download: string; href: string }[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      clicked.push({ download: this.download, href: this.href });
    });
    const created = vi.spyOn(URL, 'createObjectURL');
    fireEvent.click(await screen.findByRole('button', { name: en_('exportButton') }));
    await waitFor(() => expect(clicked).toHaveLength(1));
    expect(clicked[0]!.download).toBe('cobalt-picker-settings.json');
    const blob = created.mock.calls[0]![0] as Blob;
    expect(blob.type).toBe('application/json');
    expect(await blob.text()).toBe(json);
  });
});
