import type { PageInfo } from '../services/page-info';
import type { ServiceKey } from '../services/service-key';
import type { DownloadMode, Settings } from '../settings/schema';
import type { BatchView } from './batch-view';
import type { HistoryEntry } from './history-entry';
import type { DiagnosticsRow } from './diagnostics-row';
import type { FeedStatusView } from './feed-status-view';
import type { HandoffTarget } from './handoff-target';
import type { InstanceView } from './instance-view';
import type { JobView } from './job-view';
import type { Notice } from './notice';
import type { RecentDownload } from './recent-download';

/** Everything the popup shows, in one answer (built by lib/app/snapshots.ts). */
export interface PopupSnapshot {
  page: PageInfo;
  tabId: number | null;
  supportedServices: ServiceKey[];
  instances: InstanceView[];
  /** The ranked list comes only from the bundled snapshot (no tracker reached yet). */
  usingBundled: boolean;
  /** The bundled snapshot's date (YYYY-MM-DD): "instance list from <date> (bundled)". */
  bundledDate: string | null;
  job: JobView | null;
  recent: RecentDownload[];
  /** The batch queue; null when it holds nothing. */
  batch: BatchView | null;
  /** The page's link is in the history (downloaded before): when, and the file's name. */
  downloadedBefore: {
    at: number;
    filename: string | null;
    /** The setting is not `always`: the Download button asks first. */
    askFirst: boolean;
  } | null;
  defaultMode: DownloadMode;
  notices: Notice[];
  /** Web apps that can take the link when no automatic instance can (lib/rank/handoff-targets.ts). */
  handoff: HandoffTarget[];
}

/** Everything the options page shows, in one answer. */
export interface OptionsSnapshot {
  settings: Settings;
  feeds: FeedStatusView[];
  /** The ranking uses the bundled snapshot (no tracker has answered yet), dated bundledDate. */
  usingBundled: boolean;
  bundledDate: string | null;
  diagnostics: DiagnosticsRow[];
  /** The last 500 downloads, newest first. */
  history: HistoryEntry[];
  notices: Notice[];
}
