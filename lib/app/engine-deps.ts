import type { DownloadProgress } from '../model/download-progress';
import type { FetchLike } from '../net/http';
import type { ChangedBroadcast } from '../messages/protocol';
import type { LocalProcessor } from '../mux/local-processor';
import type { StorageArea } from '../storage/storage-area';
import type { DownloadAdapter } from '../submit/download-adapter';

/**
 * Everything the engine needs from the outside world, passed in by the background
 * (entrypoints/background) so lib/app runs in plain Node under test.
 */
export interface EngineDeps {
  storage: StorageArea;
  fetch: FetchLike;
  download: DownloadAdapter;
  /** Where parts an instance hands over are muxed (docs/local-processing.md). */
  local: LocalProcessor;
  now: () => number;
  random: () => number;
  /** The address of a tab, or null (closed, internal page). */
  tabUrl: (tabId: number) => Promise<string | null>;
  /** The active tab of the focused window. */
  activeTabId: () => Promise<number | null>;
  /** Push to open pages: they re-request their snapshot. */
  broadcast: (message: ChangedBroadcast) => void;
  /** A finished download worth telling the user about; texts are i18n keys + params. */
  notify: (id: string, titleKey: string, messageKey: string, params: string[]) => void;
  /** Set on every fetch where the browser honours it (lib/net/user-agent.ts); else undefined. */
  userAgent: string | undefined;
  /**
   * Removes a stopped download's file, whole or partial, and its entry in the browser's list
   * (a web page saved as the video, a transfer that broke half-way, a cancelled one).
   */
  discardDownload: (id: number) => Promise<void>;
  /** Opens the picker of a job in a tab (context-menu and shortcut downloads have no popup). */
  openPicker: (jobId: string) => void;
  /** A user-visible string in the browser's language (platform/i18n.ts), for notification parts. */
  text: (key: string, params?: string[]) => string;
  /** Wake the batch queue at this time even if the worker stopped (an alarm); null cancels. */
  wakeBatchAt: (at: number | null) => void;
  /**
   * What the browser says of these downloads now (state, paused, bytes); ids it no longer knows
   * are left out. Never rejects.
   */
  describeDownloads: (ids: number[]) => Promise<DownloadProgress[]>;
  /** Wake the download watchdog at this time even if the worker stopped (an alarm); null cancels. */
  wakeDownloadWatchAt: (at: number | null) => void;
  /**
   * No byte for this long ends a running download as broken (lib/submit/judge-progress.ts
   * DOWNLOAD_STALL_MS; the e2e build passes a shorter one, entrypoints/background).
   */
  downloadStallMs: number;
  /** Diagnostics log; never receives API keys or page URLs. */
  log: (message: string) => void;
}
