import type { DownloadProgress } from '../../../lib/model/download-progress';
import {
  DOWNLOAD_STALL_MS,
  judgeProgress,
  type ProgressMark,
  type ProgressVerdict,
} from '../../../lib/submit/judge-progress';

const NOW = 1_000_000;
const STALL = DOWNLOAD_STALL_MS;
const running = (bytes: number, paused = false): DownloadProgress => ({
  id: 1,
  state: 'in_progress',
  paused,
  bytes,
});
const mark = (bytes: number, ago: number): ProgressMark => ({ bytes, since: NOW - ago });
const watching = (bytes: number, ago: number): ProgressVerdict => ({
  kind: 'watching',
  mark: mark(bytes, ago),
});

/** Ended at this look: the browser's report is due; the mark says so to the next look. */
const endedNow = (bytes: number): ProgressVerdict => ({
  kind: 'ended',
  mark: { bytes, since: NOW, ended: true },
});

const CASES: [string, DownloadProgress, ProgressMark | undefined, ProgressVerdict][] = [
  ['first look at 0 bytes', running(0), undefined, watching(0, 0)],
  ['first look with bytes', running(500), undefined, watching(500, 0)],
  ['0 bytes, not yet a period', running(0), mark(0, STALL - 1), watching(0, STALL - 1)],
  ['0 bytes for a whole period', running(0), mark(0, STALL), { kind: 'stalled' }],
  ['0 bytes for longer', running(0), mark(0, 5 * STALL), { kind: 'stalled' }],
  ['stopped half-way for a period', running(700), mark(700, STALL), { kind: 'stalled' }],
  ['a byte came: the period starts again', running(1), mark(0, 5 * STALL), watching(1, 0)],
  ['fewer bytes (a resume restarted)', running(10), mark(700, STALL), watching(10, 0)],
  ['paused by the user: never stalled', running(0, true), mark(0, 5 * STALL), watching(0, 0)],
  ['paused half-way', running(700, true), mark(700, STALL), watching(700, 0)],
  ['complete', { ...running(9), state: 'complete' }, mark(9, STALL), endedNow(9)],
  ['interrupted', { ...running(0), state: 'interrupted' }, mark(0, STALL), endedNow(0)],
  ['interrupted, first look', { ...running(0), state: 'interrupted' }, undefined, endedNow(0)],
  [
    'complete at the look before too: its report never came',
    { ...running(9), state: 'complete' },
    { ...mark(9, 1), ended: true },
    { kind: 'unreported' },
  ],
  [
    'interrupted at the look before too',
    { ...running(0), state: 'interrupted' },
    { ...mark(0, 1), ended: true },
    { kind: 'unreported' },
  ],
];

describe('judgeProgress', () => {
  it.each(CASES)('%s', (_name, seen, before, verdict) => {
    expect(judgeProgress(seen, before, NOW)).toEqual(verdict);
  });

  it('takes a shorter period when given one', () => {
    expect(judgeProgress(running(0), mark(0, 4_000), NOW, 4_000)).toEqual({ kind: 'stalled' });
    expect(judgeProgress(running(0), mark(0, 3_999), NOW, 4_000).kind).toBe('watching');
  });

  it('a resumed download gets a whole period after its last paused look', () => {
    const paused = judgeProgress(running(0, true), mark(0, STALL), NOW);
    if (paused.kind !== 'watching') throw new Error('expected watching');
    expect(judgeProgress(running(0), paused.mark, NOW + STALL - 1).kind).toBe('watching');
    expect(judgeProgress(running(0), paused.mark, NOW + STALL).kind).toBe('stalled');
  });
});
