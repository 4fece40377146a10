import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createDownloadAdapter } from '../../../platform/downloads';

/**
 * platform/downloads.ts: a download whose name is already being started waits until the one
 * before it is under way (bytes received, or ended), so Firefox's free-name check sees the
 * earlier file; other names start at once.
 */
type DownloadItem = Awaited<ReturnType<typeof fakeBrowser.downloads.search>>[number];

function fakeDownloads() {
  const started: string[] = [];
  const items = new Map<number, DownloadItem>();
  vi.spyOn(fakeBrowser.downloads, 'download').mockImplementation(async (options) => {
    const id = started.push(options.filename ?? '');
    items.set(id, { id, state: 'in_progress', bytesReceived: 0 } as DownloadItem);
    return id;
  });
  vi.spyOn(fakeBrowser.downloads, 'search').mockImplementation(async ({ id }) => {
    const item = id === undefined ? undefined : items.get(id);
    return item ? [item] : [];
  });
  /** The browser's view of download `id` changes (bytes arrive, or it ends). */
  const set = (id: number, change: Partial<DownloadItem>) => {
    items.set(id, { ...items.get(id)!, ...change });
  };
  return { started, set };
}

const req = (filename: string) => ({
  url: 'https://h1.cobalt.test/tunnel',
  filename,
  saveAs: false,
});
const settle = () => new Promise((resolve) => setTimeout(resolve, 250));

afterEach(() => {
  vi.restoreAllMocks();
});

describe('same-named downloads', () => {
  it.each([
    ['has received bytes', { bytesReceived: 1 }],
    ['completed', { state: 'complete' as const }],
    ['was interrupted', { state: 'interrupted' as const }],
  ])('start one after the one before %s', async (_what, change) => {
    const { started, set } = fakeDownloads();
    const adapter = createDownloadAdapter();
    const first = adapter.download(req('clip.mp4'));
    const second = adapter.download(req('clip.mp4'));
    expect(await first).toEqual({ ok: true, id: 1 });
    await settle();
    expect(started).toEqual(['clip.mp4']);
    set(1, change);
    expect(await second).toEqual({ ok: true, id: 2 });
    expect(started).toEqual(['clip.mp4', 'clip.mp4']);
  });

  it('do not hold downloads of other names', async () => {
    const { started } = fakeDownloads();
    const adapter = createDownloadAdapter();
    await adapter.download(req('clip.mp4'));
    expect(await adapter.download(req('other.mp4'))).toEqual({ ok: true, id: 2 });
    expect(started).toEqual(['clip.mp4', 'other.mp4']);
  });

  it('go on when the one before could not start', async () => {
    const { started } = fakeDownloads();
    vi.mocked(fakeBrowser.downloads.download).mockRejectedValueOnce(new Error('refused'));
    const adapter = createDownloadAdapter();
    expect(await adapter.download(req('clip.mp4'))).toEqual({ ok: false, message: 'refused' });
    expect(await adapter.download(req('clip.mp4'))).toEqual({ ok: true, id: 1 });
    expect(started).toEqual(['clip.mp4']);
  });
});
