import type { BatchStartResult } from '../model/batch-view';
import type { Envelope, MessageType, ResponseOf } from '../messages/protocol';
import type { DownloadMode } from '../settings/schema';
import type { DownloadEnd } from '../model/download-end';
import type { BadgeView } from './badge-state';
import type { EngineState } from './engine-state';
import type { BatchStartInput } from './batch-manager';
import type { StartInput, StartResult } from './job-manager';
import type { WebAppHandoff } from './web-app-handoff';

/**
 * What the background can ask of the engine (lib/app/engine.ts composes it): each method waits
 * for the stored state first.
 */
export interface Engine {
  /** Resolves once the stored state is loaded and interrupted jobs are recovered. */
  ready: Promise<unknown>;
  handle<T extends MessageType>(envelope: Envelope<T>): Promise<ResponseOf<T>>;
  /** Refreshes due sources (all, when forced); resolves to when the refresh alarm fires next. */
  refresh(force: boolean): Promise<number>;
  /** A download from the context menu or the shortcut (the popup uses 'download/start'). */
  startDownload(input: StartInput): Promise<StartResult>;
  /**
   * The browser reports a download complete or interrupted: a single download's (job-manager.ts)
   * or a batch item's (batch-manager.ts); each ignores ids that are not its own.
   */
  onDownloadEnded(end: DownloadEnd): Promise<void>;
  /** Queues the links in a text (a page selection from the context menu). */
  startBatch(input: BatchStartInput): Promise<BatchStartResult>;
  /** The selection's context menu: see BatchManager.startFromMenu. */
  startBatchFromMenu(text: string, mode: DownloadMode): Promise<BatchStartResult>;
  /** The batch alarm fired: start what may start now. */
  wakeBatch(): Promise<void>;
  /** The download watchdog's alarm fired: look at the downloads still waited for now. */
  checkDownloads(): Promise<void>;
  /**
   * The web app a click on job `jobId`'s failure notification opens, or null (the job served,
   * is gone, or no web app is known). Asked only on that click (lib/app/web-app-handoff.ts).
   */
  webAppForJob(jobId: string): Promise<WebAppHandoff | null>;
  /** The web app the context menu's "Open in a cobalt web app" opens for `link`, or null. */
  webAppForLink(link: string): Promise<WebAppHandoff | null>;
  /**
   * A tab came to the front or its page changed: the popup's stored view of the active tab is
   * written again (lib/app/popup-view-writer.ts).
   */
  tabShown(): void;
  /** Badge for a tab's URL. */
  badgeFor(url: string | null): Promise<BadgeView>;
  /** The state in memory, for tests and diagnostics. */
  state(): EngineState;
}
