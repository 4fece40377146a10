import { useEffect, useMemo, useRef } from 'preact/hooks';
import type { Api } from './api';

/**
 * A page's snapshot, kept live: loaded at mount and again on every ChangedBroadcast, with
 * reloads coalesced (one request in flight; a reload asked meanwhile runs once more after it,
 * so the last change is never missed). Answers after unmount are dropped. Returns `reload`,
 * which resolves when the page shows data at least as new as the moment it was called.
 * `key` restarts the loop when what the page shows changes (the popup's tab).
 */
export function useLiveSnapshot<T>(
  api: Api,
  request: () => Promise<T>,
  apply: (next: T) => void,
  setFailed: (failed: boolean) => void,
  key: unknown = null,
): () => Promise<void> {
  // Latest callbacks without restarting the loop on every render.
  const latest = useRef({ request, apply, setFailed });
  latest.current = { request, apply, setFailed };

  const load = useMemo(() => {
    let inFlight = false;
    let again = false;
    let alive = true;
    const run = async (): Promise<void> => {
      if (inFlight) {
        again = true;
        return;
      }
      inFlight = true;
      try {
        do {
          again = false;
          const next = await latest.current.request();
          if (!alive) return;
          latest.current.apply(next);
          latest.current.setFailed(false);
        } while (again);
      } catch {
        if (alive) latest.current.setFailed(true);
      } finally {
        inFlight = false;
      }
    };
    return { run, stop: () => (alive = false) };
  }, [api, key]);

  useEffect(() => {
    const off = api.onChanged(() => void load.run());
    // Even with a first snapshot in hand: a change between that answer and this subscription
    // would otherwise be missed until the next one.
    void load.run();
    return () => {
      off();
      load.stop();
    };
  }, [api, load]);

  return load.run;
}
