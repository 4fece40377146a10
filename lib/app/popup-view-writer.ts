import type { PopupView } from '../model/popup-view';
import { POPUP_VIEW_NAME } from '../ui/usable-view';
import type { StorageArea, StorageKey } from '../storage/storage-area';

export const POPUP_VIEW_KEY: StorageKey = `session:${POPUP_VIEW_NAME}`;

/**
 * How long the background waits after the last change or tab switch before it writes the view:
 * a burst of changes (a download's progress, a probe round's results) is written once, after it.
 * Chromium stops a worker only after 30 s without events, so the write is long done by then.
 */
export const POPUP_VIEW_DELAY_MS = 300;

export interface PopupViewWriterDeps {
  storage: StorageArea;
  /** The view of the active tab now (null: no tab), built as 'popup/snapshot' answers. */
  build(): Promise<PopupView | null>;
}

export interface PopupViewWriter {
  /** The state changed: the stored view is withdrawn now and written again after the delay. */
  changed(): void;
  /** Another tab or page is in front: the view is written after the delay. */
  tabShown(): void;
}

/**
 * Keeps the popup's last view (lib/model/popup-view.ts) true to the background's state: a view
 * is in storage only while nothing has changed since it was built. A change withdraws it at once
 * (so a popup opened in between waits for the live answer instead of drawing a stale one), and
 * the view is built again once changes have been quiet for POPUP_VIEW_DELAY_MS. Storage calls run one at a
 * time in the order asked, and a view whose state changed while it was being built is dropped,
 * so a removal is never overtaken by an older write.
 */
export function createPopupViewWriter(deps: PopupViewWriterDeps): PopupViewWriter {
  let generation = 0;
  // After a worker restart a view from before it may still be stored: assume one is.
  let stored = true;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let queue: Promise<void> = Promise.resolve();

  const enqueue = (step: () => Promise<void>): void => {
    // A failed storage call (quota, browser shutting down) costs only the fast first frame.
    queue = queue.then(step).catch(() => undefined);
  };
  const withdraw = (): void => {
    if (!stored) return;
    stored = false;
    enqueue(() => deps.storage.remove(POPUP_VIEW_KEY));
  };
  const write = (): void =>
    enqueue(async () => {
      const at = generation;
      const view = await deps.build();
      if (at !== generation) return; // changed meanwhile: withdrawn, and written again later
      if (view === null) return withdraw();
      stored = true;
      await deps.storage.set(POPUP_VIEW_KEY, view);
    });
  const schedule = (): void => {
    if (timer !== null) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      write();
    }, POPUP_VIEW_DELAY_MS);
  };

  return {
    changed() {
      generation += 1;
      withdraw();
      schedule();
    },
    tabShown: schedule,
  };
}
