import type { PopupSnapshot } from './snapshots';

/**
 * The popup's last view: the snapshot the background would answer for the active tab, kept in
 * `storage.session` (in memory only, gone when the browser closes) under POPUP_VIEW_NAME, so that
 * a popup opened after the browser stopped the idle worker draws it at once while the worker
 * starts. Written and withdrawn by lib/app/popup-view-writer.ts; read by the popup through
 * lib/ui/usable-view.ts, which holds its name and format (the popup may import only lib/ui).
 */
export interface PopupView {
  /** POPUP_VIEW_FORMAT (lib/ui/usable-view.ts): bumping it there fails to compile until this follows. */
  format: 1;
  /** The tab's address when the view was made: a view of another page is never shown. */
  url: string | null;
  /** Its tab is `snapshot.tabId`. */
  snapshot: PopupSnapshot;
}
