import type { DownloadMode } from '../lib/settings/schema';

/**
 * The download modes' i18n keys, in a module of their own: the popup's first frame (the mode
 * choice) needs only these, not the other tables of i18n-keys.ts, which then load with the
 * panels that use them (components/popup/lazy-panel.tsx).
 */
export const MODE_KEYS: Record<DownloadMode, string> = {
  auto: 'modeAuto',
  audio: 'modeAudio',
  mute: 'modeMute',
};
