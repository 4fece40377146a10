import type { ServiceKey } from '../services/service-key';

/** One finished download in the popup's "recent" list (no page URL is kept). */
export interface RecentDownload {
  at: number;
  service: ServiceKey;
  filename: string | null;
  servedBy: string | null;
  ok: boolean;
  errorKey?: string;
}
