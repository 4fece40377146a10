import { useMemo, useRef, useState } from 'preact/hooks';
import type { OptionsSnapshot } from '../../lib/model/snapshots';
import type { Settings } from '../../lib/settings/schema';
import type { AddKeyRequest } from '../../lib/ui/add-key-link';
import type { Api } from '../api';
import { t } from '../../platform/i18n';
import { ProtocolError, userErrorOf } from '../protocol-errors';
import { userErrorText } from '../user-error-text';
import { useLiveSnapshot } from '../use-live-snapshot';
import type { TransferStatus } from './import-export';
import type { OptionsActions, SaveStatus } from './options-actions';
import { OptionsApp } from './options-app';
import type { DeepTestState } from './probe-section';

export interface OptionsRootProps {
  api: Api;
  /** Save text as a file the user downloads (export). */
  saveFile(filename: string, text: string): void;
  /** From the page's fragment: My instances opens with this origin filled in (popup "Add a key"). */
  addKey?: AddKeyRequest | null;
  now?: () => number;
}

export const EXPORT_FILENAME = 'cobalt-picker-settings.json';

/**
 * Holds the options page's state: the snapshot (re-requested on every ChangedBroadcast), the
 * draft being edited (replaced by the stored settings only while it has no unsaved changes),
 * and the status of save / import / export / reset / refresh / deep test.
 */
export function OptionsRoot({ api, saveFile, addKey = null, now = Date.now }: OptionsRootProps) {
  const [snapshot, setSnapshot] = useState<OptionsSnapshot | null>(null);
  const [draft, setDraft] = useState<Settings | null>(null);
  const [save, setSave] = useState<SaveStatus>({ kind: 'clean' });
  const [transfer, setTransfer] = useState<TransferStatus>({ kind: 'idle' });
  const [refreshing, setRefreshing] = useState(false);
  const [deepTest, setDeepTest] = useState<DeepTestState>({ status: 'idle' });
  const [loadFailed, setLoadFailed] = useState(false);
  const dirty = useRef(false);
  const snapshotRef = useRef(snapshot);
  snapshotRef.current = snapshot;
  const draftRef = useRef(draft);
  draftRef.current = draft;

  const load = useLiveSnapshot(
    api,
    () => api.send('options/snapshot', {}),
    (next) => {
      setSnapshot(next);
      if (!dirty.current) setDraft(next.settings);
    },
    setLoadFailed,
  );

  const actions = useMemo<OptionsActions>(() => {
    const clean = () => {
      dirty.current = false;
    };
    return {
      change: (next) => {
        dirty.current = true;
        setDraft(next);
        setSave({ kind: 'dirty' });
      },
      save: async () => {
        const settings = draftRef.current;
        if (!settings) return;
        setSave({ kind: 'saving' });
        try {
          const res = await api.send('settings/save', { settings });
          if (res.ok) {
            clean();
            setSave({ kind: 'saved' });
            await load();
          } else setSave({ kind: 'problems', problems: res.problems });
        } catch (error) {
          setSave(failedSave(error));
        }
      },
      discard: () => {
        clean();
        setDraft(snapshotRef.current?.settings ?? null);
        setSave({ kind: 'clean' });
      },
      refreshSources: async () => {
        setRefreshing(true);
        try {
          const feeds = await api.send('sources/refresh', {});
          setSnapshot((prev) => (prev ? { ...prev, feeds } : prev));
        } catch {
          // The table keeps the last known status; the next snapshot brings the errors.
        } finally {
          setRefreshing(false);
        }
        await load();
      },
      deepTest: async (origin, service) => {
        setDeepTest({ status: 'running', origin });
        try {
          const results = await api.send('instance/test', { origin, service });
          setDeepTest({ status: 'done', origin, results });
        } catch {
          setDeepTest({ status: 'failed', origin });
        }
      },
      exportSettings: async () => {
        setTransfer({ kind: 'working' });
        try {
          const { json } = await api.send('settings/export', {});
          saveFile(EXPORT_FILENAME, json);
          setTransfer({ kind: 'exported' });
        } catch (error) {
          setTransfer(failedTransfer(error));
        }
      },
      importSettings: async (json) => {
        setTransfer({ kind: 'working' });
        try {
          const res = await api.send('settings/import', { json });
          if (!res.ok) return setTransfer({ kind: 'problems', problems: res.problems });
          clean();
          setSave({ kind: 'clean' });
          setTransfer({ kind: 'imported' });
          await load();
        } catch (error) {
          setTransfer(failedTransfer(error));
        }
      },
      clearHistory: async () => {
        try {
          const history = await api.send('history/clear', {});
          setSnapshot((prev) => (prev ? { ...prev, history } : prev));
        } catch {
          // Not cleared: the list shown is still what is stored; the next snapshot says so.
        }
      },
      resetSettings: async () => {
        setTransfer({ kind: 'working' });
        try {
          const res = await api.send('settings/reset', {});
          if (!res.ok) return setTransfer({ kind: 'problems', problems: res.problems });
          clean();
          setSave({ kind: 'clean' });
          setTransfer({ kind: 'reset' });
          await load();
        } catch (error) {
          setTransfer(failedTransfer(error));
        }
      },
      reload: () => void load(),
    };
  }, [api, load, saveFile]);

  return (
    <OptionsApp
      snapshot={snapshot}
      draft={draft}
      local={{ save, transfer, refreshing, deepTest, loadFailed, now: now(), addKey }}
      actions={actions}
    />
  );
}

/** A refusal or failure the background reported is shown in its words; no answer, as such. */
function failedSave(error: unknown): SaveStatus {
  return error instanceof ProtocolError
    ? { kind: 'failed', error: userErrorOf(error) }
    : { kind: 'failed' };
}

function failedTransfer(error: unknown): TransferStatus {
  const message =
    error instanceof ProtocolError ? userErrorText(userErrorOf(error)) : t('transferFailed');
  return { kind: 'problems', problems: [{ path: '', message }] };
}
