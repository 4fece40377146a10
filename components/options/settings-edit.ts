import type { Settings } from '../../lib/settings/schema';

/** Replace one top-level group of the draft settings. */
export type EditSettings = <K extends keyof Settings>(key: K, value: Settings[K]) => void;

export interface SectionProps {
  settings: Settings;
  edit: EditSettings;
}
