import { browser } from 'wxt/browser';
import { publishEarlySnapshot } from '../../components/popup/early-slot';
import { startEarlySnapshot } from '../../components/popup/early-snapshot';

/**
 * popup.html's first script, a classic one in its <head> (entrypoints/popup/index.html): it
 * sends the popup's first 'popup/snapshot' request before the popup's module graph has loaded,
 * and main.tsx takes the answer over (components/popup/early-snapshot.ts). Built by WXT as an
 * unlisted script: one IIFE file, /popup-boot.js, with nothing but this request in it.
 */
export default defineUnlistedScript(() => {
  publishEarlySnapshot(startEarlySnapshot(location.search, browser));
});
