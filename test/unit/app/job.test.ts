import { JOB_RETENTION_MS, pruneJobs, recoverJob, toJobView, type Job } from '../../../lib/app/job';

const base: Job = {
  id: 'j1',
  tabId: 4,
  service: 'twitter',
  mode: 'auto',
  url: 'https://twitter.com/a/status/1',
  state: 'running',
  startedAt: 1_000,
  updatedAt: 1_000,
  trail: [{ origin: 'https://a.example', outcome: 'running', ms: 0 }],
  servedBy: null,
  picker: null,
  filenames: [],
  downloadIds: [],
  error: null,
  resumes: 0,
};

describe('recoverJob', () => {
  it.each([
    ['young running job resumes', base, 5_000, 'resume'],
    ['old running job fails', base, 100_000, 'failed'],
    ['already resumed job fails', { ...base, resumes: 1 }, 5_000, 'failed'],
    ['picker job is kept', { ...base, state: 'picker' as const }, 100_000, 'keep'],
    ['done job is kept', { ...base, state: 'done' as const }, 100_000, 'keep'],
    // its link to the offscreen document died with the worker: nothing to resume
    [
      'young job processing on this device fails',
      { ...base, state: 'processing' as const, local: { phase: 'muxing' as const, percent: 40 } },
      5_000,
      'failed',
    ],
  ])('%s', (_name, job, now, action) => {
    expect(recoverJob(job, now, 45_000).action).toBe(action);
  });

  it('an interrupted processing job keeps no progress', () => {
    const { job } = recoverJob(
      { ...base, state: 'processing', local: { phase: 'muxing', percent: 40 } },
      5_000,
      45_000,
    );
    expect(job).toMatchObject({ state: 'failed', error: { titleKey: 'error_interrupted_title' } });
    expect(job.local).toBeUndefined();
  });

  it('a failed recovery explains itself and leaves no running trail entry', () => {
    const { job } = recoverJob(base, 100_000, 45_000);
    expect(job.state).toBe('failed');
    expect(job.error?.titleKey).toBe('error_interrupted_title');
    expect(job.trail.every((t) => t.outcome !== 'running')).toBe(true);
  });
});

describe('toJobView', () => {
  it('carries no picker item URLs, only thumbnails', () => {
    const view = toJobView({
      ...base,
      state: 'picker',
      picker: {
        status: 'picker',
        items: [
          {
            type: 'photo',
            url: 'https://cdn.example/secret.jpg',
            thumb: 'https://cdn.example/t.jpg',
          },
        ],
        audio: null,
        audioFilename: null,
      },
    });
    const json = JSON.stringify(view);
    expect(json).not.toContain('secret.jpg');
    expect(view.picker).toEqual({
      items: [{ index: 0, type: 'photo', thumb: 'https://cdn.example/t.jpg' }],
      hasAudio: false,
    });
  });
});

describe('pruneJobs', () => {
  it('keeps running jobs and recent finished ones, drops old finished ones', () => {
    const now = 10 * JOB_RETENTION_MS;
    const jobs: Job[] = [
      { ...base, id: 'run', startedAt: 0, updatedAt: 0 },
      { ...base, id: 'old', state: 'done', updatedAt: now - JOB_RETENTION_MS - 1 },
      { ...base, id: 'new', state: 'failed', updatedAt: now - 10 },
    ];
    expect(pruneJobs(jobs, now).map((j) => j.id)).toEqual(['run', 'new']);
  });
});
