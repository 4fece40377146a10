import type { PopupView } from '../../../lib/model/popup-view';
import { POPUP_VIEW_FORMAT } from '../../../lib/ui/usable-view';
import {
  POPUP_VIEW_DELAY_MS,
  POPUP_VIEW_KEY,
  createPopupViewWriter,
  type PopupViewWriterDeps,
} from '../../../lib/app/popup-view-writer';
import type { StorageArea, StorageKey } from '../../../lib/storage/storage-area';
import { POPUP_SNAPSHOTS } from '../../fixtures/ui/snapshots';

const DELAY = POPUP_VIEW_DELAY_MS;

/** Lets every queued storage call run (the fake storage answers within microtasks). */
async function flush(): Promise<void> {
  for (let i = 0; i < 20; i++) await Promise.resolve();
}

/** The writer's delay passes with nothing new, and the storage calls it queued run. */
async function afterQuiet(): Promise<void> {
  await vi.advanceTimersByTimeAsync(DELAY);
  await flush();
}

function viewOf(label: string): PopupView {
  return {
    format: POPUP_VIEW_FORMAT,
    url: `https://www.youtube.com/watch?v=${label}`,
    snapshot: POPUP_SNAPSHOTS.ready,
  };
}

/** Storage that logs every call in order, as the browser would carry them out. */
function loggingStorage() {
  const data = new Map<StorageKey, unknown>();
  const calls: string[] = [];
  const storage: StorageArea = {
    get: async (key) => data.get(key),
    set: async (key, value) => {
      calls.push(`set ${(value as PopupView).url?.split('=')[1]}`);
      data.set(key, value);
    },
    remove: async (key) => {
      calls.push('remove');
      data.delete(key);
    },
  };
  return { storage, data, calls };
}

function setUp(build: PopupViewWriterDeps['build']) {
  const store = loggingStorage();
  const writer = createPopupViewWriter({ storage: store.storage, build });
  return { ...store, writer };
}

describe('popup view writer (the stored view is true to the state, or absent)', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('a tab shown → the view is written once, after the delay', async () => {
    let label = 'a';
    const { writer, data, calls } = setUp(async () => viewOf(label));
    writer.tabShown();
    writer.tabShown();
    await vi.advanceTimersByTimeAsync(DELAY - 1);
    expect(calls).toEqual([]);
    label = 'b';
    await vi.advanceTimersByTimeAsync(1);
    await flush();
    expect(calls).toEqual(['set b']);
    expect(data.get(POPUP_VIEW_KEY)).toEqual(viewOf('b'));
  });

  it('a change withdraws the view at once and writes the new one when changes go quiet', async () => {
    let label = 'a';
    const { writer, data, calls } = setUp(async () => viewOf(label));
    writer.tabShown();
    await afterQuiet();
    label = 'b';
    writer.changed();
    await flush();
    expect(data.has(POPUP_VIEW_KEY)).toBe(false);
    // A burst of changes: written once, after the last.
    await vi.advanceTimersByTimeAsync(DELAY / 2);
    label = 'c';
    writer.changed();
    await afterQuiet();
    expect(calls).toEqual(['set a', 'remove', 'set c']);
    expect(data.get(POPUP_VIEW_KEY)).toEqual(viewOf('c'));
  });

  it('a change while a view is being built: that view is never stored', async () => {
    let finish!: (view: PopupView) => void;
    let label = 'a';
    const { writer, data, calls } = setUp(() =>
      label === 'a'
        ? new Promise<PopupView>((resolve) => (finish = resolve))
        : Promise.resolve(viewOf(label)),
    );
    writer.tabShown();
    await vi.advanceTimersByTimeAsync(DELAY);
    label = 'b';
    writer.changed(); // the build of 'a' is still running
    finish(viewOf('a'));
    await flush();
    expect(data.has(POPUP_VIEW_KEY)).toBe(false);
    await afterQuiet();
    expect(calls).toEqual(['remove', 'set b']);
  });

  it('a change while a view is being stored: the removal waits for that write', async () => {
    const { writer, data, calls, storage } = setUp(async () => viewOf('a'));
    // The browser takes its time to store the view.
    let stored!: () => void;
    const slow = new Promise<void>((resolve) => (stored = resolve));
    const set = storage.set;
    storage.set = async (key, value) => {
      await slow;
      await set(key, value);
    };
    writer.tabShown();
    await vi.advanceTimersByTimeAsync(DELAY); // the write of 'a' has begun
    writer.changed();
    await flush();
    expect(calls).toEqual([]); // the removal has not overtaken the write
    stored();
    await flush();
    expect(calls).toEqual(['set a', 'remove']);
    expect(data.has(POPUP_VIEW_KEY)).toBe(false);
  });

  it('after a worker restart the first change withdraws a view stored before it', async () => {
    const { writer, data, calls, storage } = setUp(async () => viewOf('b'));
    await storage.set(POPUP_VIEW_KEY, viewOf('a'));
    calls.length = 0;
    writer.changed();
    await flush();
    expect(calls).toEqual(['remove']);
    expect(data.has(POPUP_VIEW_KEY)).toBe(false);
    writer.changed(); // nothing stored now: no second removal
    await flush();
    expect(calls).toEqual(['remove']);
  });

  it('no active tab → nothing stored (a stored view is withdrawn)', async () => {
    let tab = true;
    const { writer, data, calls } = setUp(async () => (tab ? viewOf('a') : null));
    writer.tabShown();
    await afterQuiet();
    tab = false;
    writer.tabShown();
    await afterQuiet();
    expect(calls).toEqual(['set a', 'remove']);
    expect(data.has(POPUP_VIEW_KEY)).toBe(false);
  });

  it('a failed build or storage call stops nothing: the next write still lands', async () => {
    let fail = true;
    const { writer, data } = setUp(async () => {
      if (fail) throw new Error('state not loaded');
      return viewOf('a');
    });
    writer.tabShown();
    await afterQuiet();
    fail = false;
    writer.tabShown();
    await afterQuiet();
    expect(data.get(POPUP_VIEW_KEY)).toEqual(viewOf('a'));
  });
});
