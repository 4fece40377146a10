import { addKeyHash } from '../../lib/ui/add-key-link';
import { webAppUrl } from '../../lib/ui/web-app-url';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { PopupSnapshot } from '../../lib/model/snapshots';
import type { UserError } from '../../lib/model/user-error';
import type { DownloadMode } from '../../lib/settings/schema';
import type { Api } from '../api';
import { requestOriginAccess } from '../host-access';
import { userErrorOf } from '../protocol-errors';
import { useLiveSnapshot } from '../use-live-snapshot';
import { App } from './app';
import type { InstanceTestState, PopupActions, PopupLocal } from './popup-actions';

export interface PopupRootProps {
  api: Api;
  /** The tab the popup acts on (the active tab, or `?tab=`); null when opened for a job. */
  tabId: number | null;
  /** `?job=`: show this job (a context-menu picker opened as a page). */
  jobId: string | null;
  /** A snapshot main.tsx already has: the first frame is drawn from it. */
  initial?: PopupSnapshot | null;
  /** Opens the options page; with a fragment (lib/ui/add-key-link.ts), at that place. */
  openOptions(hash?: string): void;
  /** Opens one new tab at this address (the entrypoint's browser call). */
  openTab(url: string): void;
  now?: () => number;
  /** Tests inject their own; the popup asks the browser (platform/host-permission.ts). */
  requestAccess?: (origin: string) => Promise<boolean>;
}

/**
 * Holds the popup's state: the latest snapshot (re-requested on every ChangedBroadcast,
 * coalesced), the answer of 'download/start', and deep-test results. Renders App.
 */
export function PopupRoot({
  api,
  tabId,
  jobId,
  initial = null,
  openOptions,
  openTab,
  now = Date.now,
  requestAccess = requestOriginAccess,
}: PopupRootProps) {
  const [snapshot, setSnapshot] = useState<PopupSnapshot | null>(initial);
  const [loadFailed, setLoadFailed] = useState(false);
  const [startError, setStartError] = useState<UserError | null>(null);
  const [actionError, setActionError] = useState<UserError | null>(null);
  const [starting, setStarting] = useState(false);
  const [tests, setTests] = useState<Record<string, InstanceTestState>>({});
  const [accessRefused, setAccessRefused] = useState<readonly string[]>([]);
  const [ask, setAsk] = useState<PopupLocal['ask']>(null);
  const focusJob = useRef<string | null>(jobId);
  const lastStart = useRef<{ mode: DownloadMode; url: string | null } | null>(null);
  const snapshotRef = useRef(snapshot);
  snapshotRef.current = snapshot;

  const load = useLiveSnapshot(
    api,
    () => api.send('popup/snapshot', { tabId, jobId: focusJob.current }),
    setSnapshot,
    setLoadFailed,
    tabId,
  );

  // The first frame drawn with data (effects run after paint): read by bench/support/popup-render.ts.
  useEffect(() => {
    if (snapshot && performance.getEntriesByName('first-data').length === 0)
      performance.mark('first-data');
  }, [snapshot]);

  const actions = useMemo<PopupActions>(() => {
    const start = async (mode: DownloadMode, url: string | null) => {
      lastStart.current = { mode, url };
      setStarting(true);
      setStartError(null);
      try {
        const res = await api.send('download/start', { tabId, url, mode });
        focusJob.current = res.jobId;
      } catch (error) {
        // A refusal (a link no service handles) in the background's words, or "no answer".
        setStartError(userErrorOf(error));
      } finally {
        setStarting(false);
      }
      await load();
    };
    // Pin, block, pick: a refusal or a lost answer is shown; the snapshot says what holds now.
    const settle = (p: Promise<unknown>) =>
      p.catch((error: unknown) => setActionError(userErrorOf(error))).then(() => load());
    const startBatch = async (mode: DownloadMode, text: string, again: boolean | null) => {
      setStarting(true);
      setStartError(null);
      setAsk(null);
      let taken = false;
      try {
        const res = await api.send('batch/start', { text, mode, again });
        if (res.asked.length > 0) setAsk({ mode, text, asked: res.asked });
        taken = true;
      } catch (error) {
        setStartError(userErrorOf(error));
      } finally {
        setStarting(false);
      }
      await load();
      return taken;
    };
    return {
      start: (mode, url) => void start(mode, url),
      startBatch,
      previewLinks: (text) => api.send('batch/preview', { text }),
      batchRetry: (id) => void settle(api.send('batch/retry', { id })),
      batchCancel: (id) => void settle(api.send('batch/cancel', { id })),
      dismissAsk: () => setAsk(null),
      retry: () => {
        const job = snapshotRef.current?.job;
        if (lastStart.current) void start(lastStart.current.mode, lastStart.current.url);
        else if (job) void start(job.mode, job.url ?? null);
        else void start(snapshotRef.current?.defaultMode ?? 'auto', null);
      },
      pick: (indexes, audio) => {
        const job = snapshotRef.current?.job;
        if (job) void settle(api.send('download/pick', { jobId: job.id, indexes, audio }));
      },
      pickAll: () => {
        const job = snapshotRef.current?.job;
        if (job) void settle(api.send('download/pick-all', { jobId: job.id }));
      },
      cancel: () => {
        const job = snapshotRef.current?.job;
        if (job) void settle(api.send('download/cancel', { jobId: job.id }));
      },
      pin: (origin, pinned) => void settle(api.send('instance/pin', { origin, pinned })),
      block: (origin, blocked) => void settle(api.send('instance/block', { origin, blocked })),
      test: (origin) => {
        const page = snapshotRef.current?.page;
        const service = page && 'service' in page ? page.service : null;
        setTests((prev) => ({ ...prev, [origin]: 'running' }));
        api.send('instance/test', { origin, service }).then(
          (results) => setTests((prev) => ({ ...prev, [origin]: results })),
          () => setTests((prev) => ({ ...prev, [origin]: 'failed' })),
        );
      },
      allowAccess: (origin) => {
        // Nothing is awaited before the request: the prompt needs the click's user gesture.
        const asked = requestAccess(origin);
        void asked.then((granted) => {
          setAccessRefused((prev) =>
            granted ? prev.filter((o) => o !== origin) : [...new Set([...prev, origin])],
          );
          // A fresh GET / (no service: no deep test) lets the ranking see it answer now.
          if (granted) void settle(api.send('instance/test', { origin, service: null }));
        });
      },
      openOptions: () => openOptions(),
      addKey: (origin) => {
        const page = snapshotRef.current?.page;
        openOptions(addKeyHash(origin, page && 'service' in page ? page.service : null));
      },
      openWebApp: (frontend, link) => {
        const url = webAppUrl(frontend, link);
        if (url) openTab(url);
      },
      dismissError: () => {
        setStartError(null);
        setActionError(null);
      },
      reload: () => void load(),
    };
  }, [api, tabId, load, openOptions, openTab, requestAccess]);

  return (
    <App
      snapshot={snapshot}
      local={{
        startError,
        actionError,
        loadFailed,
        starting,
        tests,
        accessRefused,
        ask,
        now: now(),
        jobPage: jobId !== null,
      }}
      actions={actions}
    />
  );
}
