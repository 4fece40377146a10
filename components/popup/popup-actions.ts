import type { DownloadMode } from '../../lib/settings/schema';
import type { DeepTestResult } from '../../lib/model/deep-test-result';
import type { UserError } from '../../lib/model/user-error';
import type { PastePreview } from '../../lib/model/batch-view';

/** Everything the popup views can ask for; PopupRoot maps each to a protocol message. */
export interface PopupActions {
  /** 'download/start' for the tab (url null) or a pasted link. */
  start(mode: DownloadMode, url: string | null): void;
  /**
   * 'batch/start' for pasted text holding many links; `again` answers the ask (null: not asked).
   * Resolves true when the background took the text (queued, or holding links to ask about).
   */
  startBatch(mode: DownloadMode, text: string, again: boolean | null): Promise<boolean>;
  /** 'batch/preview': the links of a pasted text. */
  previewLinks(text: string): Promise<PastePreview>;
  batchRetry(id: string): void;
  /** One item, or every waiting and running one (null). */
  batchCancel(id: string | null): void;
  /** Close the "downloaded before" question without starting anything. */
  dismissAsk(): void;
  /** Start the shown job, or the last failed start, again. */
  retry(): void;
  /** 'download/pick' for the shown job. */
  pick(indexes: number[], audio: boolean): void;
  /** 'download/pick-all' for the shown job: the post goes to the batch queue. */
  pickAll(): void;
  /** 'download/cancel' for the shown job (processing on this device). */
  cancel(): void;
  pin(origin: string, pinned: boolean): void;
  block(origin: string, blocked: boolean): void;
  /** 'instance/test' (deep test) for the page's service. */
  test(origin: string): void;
  /**
   * Ask for host access to an instance that needs permission (inside the click), then probe it
   * again ('instance/test' without a service) so the ranking sees it answer.
   */
  allowAccess(origin: string): void;
  openOptions(): void;
  /** Options → My instances with this origin filled in, to add the key it asked for. */
  addKey(origin: string): void;
  /** Open `link` in this web app (lib/ui/web-app-url.ts), in one new tab, on the user's click. */
  openWebApp(frontend: string, link: string): void;
  /** Forget an error shown from 'download/start' and go back to the controls. */
  dismissError(): void;
  /** Ask for a fresh snapshot (after a failed load). */
  reload(): void;
}

/** A deep test asked for from the popup: running, or its results. */
export type InstanceTestState = 'running' | 'failed' | DeepTestResult[];

/** Popup state that is not part of the background's snapshot. */
export interface PopupLocal {
  /** 'download/start' was refused or not answered (retry starts again). */
  startError: UserError | null;
  /** A pin, block or pick was refused or not answered (nothing to retry). */
  actionError: UserError | null;
  /** The last snapshot request failed (background not answering). */
  loadFailed: boolean;
  /** 'download/start' sent, answer not here yet. */
  starting: boolean;
  tests: Record<string, InstanceTestState>;
  /** Origins whose host access the user was asked for and did not grant. */
  accessRefused: readonly string[];
  /** 'batch/start' answered with links downloaded before: the user is asked (setting `ask`). */
  ask: { mode: DownloadMode; text: string; asked: string[] } | null;
  now: number;
  /** Opened as a page for one job (`popup.html?job=<id>`): show that job only. */
  jobPage: boolean;
}
