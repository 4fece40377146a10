import type { SourceEntry } from '../../../lib/instances/instance';
import { feedStatusView } from '../../../lib/sources/feed-status-view';
import { emptySourceState, type SourceState } from '../../../lib/sources/source-state';

const NOW = 100 * 24 * 3_600_000;
const DAY = 24 * 3_600_000;
const SOURCE = { id: 'directory' as const, url: 'https://cobalt.directory/api/tests' };
const ENTRY: SourceEntry = {
  source: 'directory',
  origin: 'https://api.qwkuns.me',
  version: null,
  generation: 'unknown',
  trust: null,
  online: true,
  turnstile: null,
  services: {},
  score: null,
  frontend: null,
};
const healthy: SourceState = {
  ...emptySourceState(SOURCE),
  lastSuccess: 2000,
  lastAttempt: 2000,
  lastError: 'cobalt.directory answered with an error (HTTP 500)',
  lastErrorAt: 1000,
  entries: [ENTRY, ENTRY],
  droppedCount: 3,
  nextAttempt: 5000,
};

describe('feedStatusView', () => {
  it.each([
    [
      'never fetched',
      emptySourceState(SOURCE),
      true,
      {
        lastSuccess: null,
        lastError: null,
        lastAttempt: null,
        entries: 0,
        dropped: 0,
        nextAttempt: null,
        failure: null,
        daily: false,
        listFrom: null,
      },
    ],
    [
      'recovered: the old error is not shown',
      healthy,
      true,
      {
        lastSuccess: 2000,
        lastError: null,
        lastAttempt: 2000,
        entries: 2,
        dropped: 3,
        nextAttempt: 5000,
        failure: null,
        daily: false,
        listFrom: 2000,
      },
    ],
    [
      'failing: the error is shown with the last good counts',
      {
        ...healthy,
        failures: 2,
        lastAttempt: 3000,
        nextAttempt: 9000,
        lastFailure: { kind: 'http' as const, status: 500 },
        failingSince: NOW - 60_000,
      },
      false,
      {
        lastSuccess: 2000,
        lastError: 'cobalt.directory answered with an error (HTTP 500)',
        lastAttempt: 3000,
        entries: 2,
        dropped: 3,
        nextAttempt: 9000,
        failure: { kind: 'http', status: 500 },
        daily: false,
        listFrom: 2000,
      },
    ],
    [
      'failing for over a day: checked once a day',
      {
        ...healthy,
        failures: 9,
        lastAttempt: 3000,
        nextAttempt: NOW + DAY,
        lastFailure: { kind: 'challenge' as const, status: 403 },
        failingSince: NOW - DAY - 1,
      },
      true,
      {
        lastSuccess: 2000,
        lastError: 'cobalt.directory answered with an error (HTTP 500)',
        lastAttempt: 3000,
        entries: 2,
        dropped: 3,
        nextAttempt: NOW + DAY,
        failure: { kind: 'challenge', status: 403 },
        daily: true,
        listFrom: 2000,
      },
    ],
    [
      'never stored (a source just switched on)',
      undefined,
      true,
      {
        lastSuccess: null,
        lastError: null,
        lastAttempt: null,
        entries: 0,
        dropped: 0,
        nextAttempt: null,
        failure: null,
        daily: false,
        listFrom: null,
      },
    ],
  ])('%s', (_label, state, enabled, expected) => {
    expect(feedStatusView(SOURCE, state, enabled, NOW)).toEqual({
      source: 'directory',
      enabled,
      ...expected,
    });
  });
});
