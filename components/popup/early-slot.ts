import type { EarlySnapshot } from './early-snapshot';

/**
 * Where popup-boot.js leaves its first snapshot request (components/popup/early-snapshot.ts) for
 * main.tsx: one property of the page's window, named and typed here and nowhere else. Its own
 * module so that main.tsx can take the request over without bundling the code that made it.
 */
const SLOT = '__cobaltPickerEarlySnapshot';
type Slot = { [SLOT]?: EarlySnapshot };

/** For popup-boot.ts: leaves the request where main.tsx looks for it. */
export function publishEarlySnapshot(early: EarlySnapshot, scope: object = globalThis): void {
  (scope as Slot)[SLOT] = early;
}

/** For main.tsx: the request popup-boot.ts started (once), or null if it did not run. */
export function takeEarlySnapshot(scope: object = globalThis): EarlySnapshot | null {
  const slot = scope as Slot;
  const early = slot[SLOT] ?? null;
  delete slot[SLOT];
  return early;
}
