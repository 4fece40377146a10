import { describe, expect, it } from 'vitest';
import { PROGRESS_INTERVAL_MS, throttleProgress } from '../../../lib/app/process-locally';
import type { LocalProgress } from '../../../lib/model/local-progress';

const fetching = (received: number): LocalProgress => ({
  phase: 'fetching',
  tunnels: [{ received, total: 100 }],
});
const muxing = (percent: number): LocalProgress => ({ phase: 'muxing', percent });

describe('throttleProgress', () => {
  it.each<[string, [number, LocalProgress][], LocalProgress[]]>([
    ['the first report passes', [[0, fetching(1)]], [fetching(1)]],
    [
      'reports inside the interval are dropped',
      [
        [0, fetching(1)],
        [PROGRESS_INTERVAL_MS - 1, fetching(2)],
        [PROGRESS_INTERVAL_MS, fetching(3)],
      ],
      [fetching(1), fetching(3)],
    ],
    [
      'a phase change passes at once',
      [
        [0, fetching(1)],
        [1, muxing(0)],
        [2, muxing(1)],
        [2 + PROGRESS_INTERVAL_MS, muxing(100)],
      ],
      [fetching(1), muxing(0), muxing(100)],
    ],
  ])('%s', (_, reports, expected) => {
    let at = 0;
    const emitted: LocalProgress[] = [];
    const report = throttleProgress(
      () => at,
      (progress) => emitted.push(progress),
    );
    for (const [time, progress] of reports) {
      at = time;
      report(progress);
    }
    expect(emitted).toEqual(expected);
  });
});
