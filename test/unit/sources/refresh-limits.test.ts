import {
  DAILY_REQUEST_LIMIT,
  DAY_MS,
  limitNextAttempt,
  mayRequest,
} from '../../../lib/sources/refresh-limits';

const HOUR = 60 * 60 * 1000;
const AT = Date.UTC(2026, 11, 4, 12);
const every = (count: number, gap: number) =>
  Array.from({ length: count }, (_, i) => AT - (count - 1 - i) * gap);

describe('limitNextAttempt', () => {
  it.each([
    ['success, few requests', AT + HOUR, null, [AT], AT + HOUR],
    ['failing for an hour: the back-off stands', AT + 2 * HOUR, AT - HOUR, [AT], AT + 2 * HOUR],
    ['failing for a day: once a day', AT + 2 * HOUR, AT - DAY_MS, [AT], AT + DAY_MS],
    ['failing for three days: once a day', AT + DAY_MS, AT - 3 * DAY_MS, [AT], AT + DAY_MS],
    [
      '24 requests in 6 h: wait until the oldest is a day old',
      AT + HOUR,
      null,
      every(24, HOUR / 4),
      AT - 23 * (HOUR / 4) + DAY_MS,
    ],
    [
      '24 requests an hour apart: the next one may go an hour later',
      AT + HOUR / 2,
      null,
      every(24, HOUR),
      AT + HOUR,
    ],
    ['23 requests: no limit yet', AT + HOUR / 4, null, every(23, HOUR / 4), AT + HOUR / 4],
  ] as const)('%s', (_label, proposed, failingSince, attempts, expected) => {
    expect(limitNextAttempt({ at: AT, proposed, failingSince, attempts })).toBe(expected);
  });
});

describe('mayRequest', () => {
  it.each([
    ['no requests yet', [], true],
    [`${DAILY_REQUEST_LIMIT - 1} in the last day`, every(DAILY_REQUEST_LIMIT - 1, HOUR / 2), true],
    [`${DAILY_REQUEST_LIMIT} in the last day`, every(DAILY_REQUEST_LIMIT, HOUR / 2), false],
    ['24 requests, the oldest exactly a day ago', every(24, DAY_MS / 23), true],
  ] as const)('%s → %s', (_label, attempts, expected) => {
    expect(mayRequest(attempts, AT)).toBe(expected);
  });
});
