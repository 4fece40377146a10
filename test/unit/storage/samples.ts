import type { Job } from '../../../lib/app/job';
import type { HealthRecord } from '../../../lib/health/health-state';
import type { RecentDownload } from '../../../lib/model/recent-download';
import type { ProbeResult } from '../../../lib/probe/probe-result';

export const HEALTH_RECORD: HealthRecord = {
  origin: 'https://a.example',
  service: 'youtube',
  successes: 2.5,
  failures: 0.5,
  updatedAt: 1_700_000_000_000,
  quarantinedUntil: null,
  lastOutcome: 'ok',
  latencyMs: 420,
};

export const PROBE_RESULT: ProbeResult = {
  origin: 'https://a.example',
  at: 1_700_000_000_000,
  ok: true,
  latencyMs: 180,
  generation: 'v11',
  version: '11.7.1',
  services: ['youtube', 'tiktok'],
  turnstile: false,
};

export const RECENT: RecentDownload = {
  at: 1_700_000_000_000,
  service: 'tiktok',
  filename: 'clip.mp4',
  servedBy: 'https://a.example',
  ok: true,
};

export const JOB: Job = {
  id: 'job-1',
  tabId: 7,
  service: 'youtube',
  mode: 'auto',
  url: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ',
  state: 'running',
  startedAt: 1_700_000_000_000,
  updatedAt: 1_700_000_000_500,
  trail: [{ origin: 'https://a.example', outcome: 'running', ms: 120 }],
  servedBy: null,
  picker: null,
  filenames: [],
  downloadIds: [],
  error: null,
  resumes: 0,
};
