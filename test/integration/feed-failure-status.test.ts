import { feedFailureText } from '../../components/options/feed-failure-text';
import { feedStatusView } from '../../lib/sources/feed-status-view';
import { refreshSource } from '../../lib/sources/refresh-source';
import type { SourceDescriptor } from '../../lib/sources/builtin-sources';
import type { SourceState } from '../../lib/sources/source-state';
import { en_, useLocale } from '../fixtures/ui/locale';
import { startTrackerServer, TRACKER_PATHS, type TrackerServer } from '../support/tracker-server';

/**
 * Tracker answers by kind, over the loopback tracker, as the options page tells them: the
 * status text in the user's language (components/options/feed-failure-text.ts over the real
 * locale file) and the back-off schedule (lib/sources/refresh-schedule.ts, refresh-limits.ts):
 * 15 min doubling while failing, once a day after a day, and the list in use meanwhile.
 */
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const START = Date.UTC(2026, 4, 4, 12, 0, 0);
const LIST_DAY = 'May 4, 2026';

let server: TrackerServer;
beforeAll(() => useLocale('en'));
beforeEach(async () => {
  server = await startTrackerServer();
});
afterEach(async () => {
  await server.close();
});

const source = (): SourceDescriptor => ({
  id: 'directory',
  url: `${server.url}${TRACKER_PATHS.hyper}`,
});

/** A resolver failure as Node's fetch reports it: no name is looked up, nothing leaves. */
const dnsFailure: typeof fetch = () =>
  Promise.reject(
    new TypeError('fetch failed', { cause: new Error('getaddrinfo ENOTFOUND cobalt.directory') }),
  );

function refresh(previous: SourceState | null, at: number, fetchImpl: typeof fetch = fetch) {
  return refreshSource({
    fetch: fetchImpl,
    now: () => at,
    source: source(),
    previous,
    timeoutMs: 5000,
    refreshMinutes: 60,
    random: () => 0.5,
  });
}

type Mode = Parameters<TrackerServer['setMode']>[1] | 'dns';

const KINDS: [string, Mode, string, (string | number)[]][] = [
  ['a name that does not resolve', 'dns', 'feedFail_dns', []],
  ['a 403 browser check ("Just a moment…")', 'challenge', 'feedFail_challenge', []],
  ['a list that is gone (410)', { status: 410, body: 'Gone' }, 'feedFail_gone', [410]],
  ['an HTML page where JSON was expected', 'html', 'feedFail_not_json', []],
];

describe.each(KINDS)('%s', (_label, mode, key, extra) => {
  const failWith = async (previous: SourceState, at: number) => {
    if (mode === 'dns') return refresh(previous, at, dnsFailure);
    server.setMode(TRACKER_PATHS.hyper, mode);
    return refresh(previous, at);
  };

  it('is told by kind with the date of the list in use, and backs off to once a day', async () => {
    const good = await refresh(null, START);
    let state = good;
    let at = good.nextAttempt;
    const waits: number[] = [];
    while (at < START + 2 * DAY) {
      state = await failWith(state, at);
      waits.push(Math.round((state.nextAttempt - at) / MINUTE));
      at = state.nextAttempt;
    }
    // 15 min doubling up to 16 h; failing for a day by then, so once a day from there on.
    expect(waits.slice(0, 7)).toEqual([15, 30, 60, 120, 240, 480, 960]);
    expect(waits.slice(7).every((wait) => wait === 1440)).toBe(true);

    const view = feedStatusView(source(), state, true, at);
    const what = en_(key, ['cobalt.directory', ...extra]);
    expect(feedFailureText(view, 'cobalt.directory', 'en-US')).toBe(
      en_('feedUsingListFrom', [what, LIST_DAY]),
    );
    expect(view.daily).toBe(true);
    expect(view.entries).toBe(good.entries.length);

    // Early on (the first failure) it is not yet "once a day".
    const first = await failWith(good, good.nextAttempt);
    expect(feedStatusView(source(), first, true, good.nextAttempt).daily).toBe(false);
  });
});

it('a 304 for a list we hold no copy of is told, and the bundled list is used', async () => {
  server.setMode(TRACKER_PATHS.hyper, { status: 304 });
  const state = await refresh(null, START);
  expect(state.nextAttempt - START).toBe(15 * MINUTE);
  const view = feedStatusView(source(), state, true, START);
  expect(feedFailureText(view, 'cobalt.directory', 'en-US')).toBe(
    en_('feedUsingBundled', [en_('feedFail_no_copy_304', ['cobalt.directory'])]),
  );
  expect(view.listFrom).toBeNull();
});

it('never more than 24 requests a day, whatever the failures', async () => {
  server.setMode(TRACKER_PATHS.hyper, 'challenge');
  let state = await refresh(null, START);
  for (let i = 1; i < 40; i += 1) state = await refresh(state, START + i * MINUTE);
  expect(server.requestsTo(TRACKER_PATHS.hyper)).toHaveLength(24);
});
