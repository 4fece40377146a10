import { STUCK_MIN_ANSWERS, adaptiveProbeTimeout } from '../../../lib/probe/probe-many';

const answers = (n: number, ms: number) => Array.from({ length: n }, () => ms);

describe('adaptiveProbeTimeout', () => {
  it.each([
    ['no answers yet: the configured timeout', 5000, [], 5000],
    ['too few answers to judge', 5000, answers(STUCK_MIN_ANSWERS - 1, 100), 5000],
    ['fast answers: cut at the floor (half the timeout)', 5000, answers(20, 100), 2500],
    ['slow answers: twice the slowest', 5000, [...answers(19, 100), 1800], 3600],
    ['very slow answers: never above the timeout', 5000, [...answers(19, 100), 4000], 5000],
    ['the bench line-up (answers up to 400 ms, 1 s timeout)', 1000, [...answers(19, 50), 400], 800],
  ])('%s', (_name, timeout, seen, expected) => {
    expect(adaptiveProbeTimeout(timeout, seen)).toBe(expected);
  });
});
