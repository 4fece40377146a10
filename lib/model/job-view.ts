import type { ServiceKey } from '../services/service-key';
import type { DownloadMode } from '../settings/schema';
import type { LocalProgress } from './local-progress';
import type { TrailEntry } from './trail';
import type { UserError } from './user-error';

/** A download job as the pages see it (lib/app/job.ts holds the stored job it is made from). */
/** `processing`: the parts an instance handed over are fetched and muxed on this device. */
export type JobState = 'running' | 'picker' | 'processing' | 'downloading' | 'done' | 'failed';

export interface PickerItemView {
  index: number;
  type: 'photo' | 'video' | 'gif';
  thumb: string | null;
}

export interface JobView {
  id: string;
  tabId: number | null;
  service: ServiceKey;
  mode: DownloadMode;
  state: JobState;
  startedAt: number;
  trail: TrailEntry[];
  /** Instance that served the result. */
  servedBy: string | null;
  picker: { items: PickerItemView[]; hasAudio: boolean } | null;
  filenames: string[];
  error: UserError | null;
  /** The link this job downloads (the popup offers "try again" with it); optional. */
  url?: string | null;
  /** Optional download progress while `state` is 'downloading' (downloads API byte counts). */
  bytes?: { received: number; total: number | null };
  /** While `state` is 'processing': the tunnels' bytes, then the muxing. */
  local?: LocalProgress;
}
