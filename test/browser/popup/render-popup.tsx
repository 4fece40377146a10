/** Renders PopupRoot over a fake api that answers 'popup/snapshot' with the given snapshot. */
import { act, render, waitFor } from '@testing-library/preact';
import { PopupRoot } from '../../../components/popup/popup-root';
import type { PopupSnapshot } from '../../../lib/model/snapshots';
import { fakeApi, type Handlers } from '../../fixtures/ui/fake-api';
import { FIXTURE_NOW } from '../../fixtures/ui/snapshots';

/**
 * Resolves once the panels the first frame asked for are drawn: some panels load as their own
 * chunk on first use (components/popup/lazy-panel.tsx), as in the extension.
 */
export async function renderPopup(
  snapshot: PopupSnapshot,
  handlers: Handlers = {},
  opts: {
    jobId?: string | null;
    tabId?: number | null;
    requestAccess?: (origin: string) => Promise<boolean>;
  } = {},
) {
  let current = snapshot;
  const api = fakeApi({ 'popup/snapshot': () => current, ...handlers });
  const openOptions = vi.fn();
  const openTab = vi.fn();
  const utils = render(
    <PopupRoot
      api={api}
      tabId={opts.tabId === undefined ? 7 : opts.tabId}
      jobId={opts.jobId ?? null}
      initial={snapshot}
      openOptions={openOptions}
      openTab={openTab}
      now={() => FIXTURE_NOW}
      requestAccess={opts.requestAccess}
    />,
  );
  await panelsLoaded();
  return {
    ...utils,
    api,
    openOptions,
    openTab,
    /** Change what the background answers and push a ChangedBroadcast. */
    async update(next: PopupSnapshot) {
      current = next;
      const before = api.callsOf('popup/snapshot').length;
      api.push({ type: 'changed', what: 'job' });
      await waitFor(() => expect(api.callsOf('popup/snapshot').length).toBeGreaterThan(before));
      await panelsLoaded();
    },
  };
}

/** Waits for the lazily loaded panels started so far, and draws them. */
async function panelsLoaded(): Promise<void> {
  await act(async () => {
    await vi.dynamicImportSettled();
    await new Promise((resolve) => setTimeout(resolve, 0));
  });
}
