import {
  createSourceScheduler,
  isDue,
  MIN_ALARM_DELAY_MS,
  nextAlarmAt,
} from '../../../lib/app/source-scheduler';
import { DEFAULT_SETTINGS, type Settings } from '../../../lib/settings/schema';
import {
  customSourceId,
  DIRECTORY_FEED_URL,
  HYPER_FEED_URL,
} from '../../../lib/sources/builtin-sources';
import { readFeedFixture } from '../../support/tracker-server';
import { MINUTE, START, testContext, type TestContext } from './engine-context';

const HYPER = readFeedFixture('hyper-2024-10-final.json');
const DIRECTORY = readFeedFixture('directory-tests.json');

/** Only hyper.lol (or the given sources) enabled, at the default hour. */
function settingsWith(sources: Partial<Settings['sources']> = {}): Settings {
  const only = { hyper: true, directory: false, cobaltBest: false, custom: [] };
  return { ...DEFAULT_SETTINGS, sources: { ...DEFAULT_SETTINGS.sources, ...only, ...sources } };
}

function feedAnswer(status: () => number) {
  return (url: string) => {
    const code = status();
    if (code !== 200) return new Response('down', { status: code });
    return new Response(url === DIRECTORY_FEED_URL ? DIRECTORY : HYPER, { status: 200 });
  };
}

function scheduler(ctx: TestContext, settings = settingsWith()) {
  ctx.state.settings = settings;
  return createSourceScheduler(ctx);
}

describe('nextAlarmAt', () => {
  it.each([
    ['the earliest due time', [START + 60 * MINUTE, START + 20 * MINUTE], START + 20 * MINUTE],
    ['a due time past the interval (jitter up)', [START + 66 * MINUTE], START + 66 * MINUTE],
    ['never sooner than a minute', [START - 5 * MINUTE], START + MIN_ALARM_DELAY_MS],
    ['one interval when no source is enabled', [], START + 60 * MINUTE],
  ])('%s', (_name, due, expected) => {
    expect(nextAlarmAt(due, START, 60)).toBe(expected);
  });
});

describe('isDue', () => {
  it.each([
    [undefined, true],
    [START - 1, true],
    [START + MIN_ALARM_DELAY_MS, true],
    [START + MIN_ALARM_DELAY_MS + 1, false],
    [START + 30 * MINUTE, false],
  ])('next attempt %s → %s', (nextAttempt, due) => {
    expect(isDue(nextAttempt, START)).toBe(due);
  });
});

describe('createSourceScheduler', () => {
  it.each([
    [0, 54],
    [0.5, 60],
    [0.75, 63],
  ])('after a success with jitter %d the alarm is %i minutes later', async (random, minutes) => {
    const ctx = testContext({ answer: feedAnswer(() => 200), random: () => random });
    const alarm = await scheduler(ctx).refresh(false);
    expect(ctx.fetched).toEqual([HYPER_FEED_URL]);
    expect(alarm).toBe(START + minutes * MINUTE);
    expect(ctx.state.sources.hyper?.nextAttempt).toBe(alarm);
    expect(ctx.broadcasts).toEqual([{ type: 'changed', what: 'feeds' }]);
  });

  it('a failing tracker is retried on the back-off schedule: 15, 30, 60, 120 minutes', async () => {
    const ctx = testContext({ answer: feedAnswer(() => 500) });
    const sources = scheduler(ctx);
    const waits: number[] = [];
    for (let i = 0; i < 4; i += 1) {
      const alarm = await sources.refresh(false);
      waits.push((alarm - ctx.clock.now) / MINUTE);
      ctx.clock.now = alarm;
    }
    expect(waits).toEqual([15, 30, 60, 120]);
    expect(ctx.fetched).toHaveLength(4);
    expect(ctx.state.sources.hyper?.failures).toBe(4);
  });

  it('an alarm before anything is due fetches nothing and keeps the due time', async () => {
    const ctx = testContext({ answer: feedAnswer(() => 200) });
    const sources = scheduler(ctx);
    const first = await sources.refresh(false);
    ctx.clock.now += 10 * MINUTE;
    expect(await sources.refresh(false)).toBe(first);
    expect(ctx.fetched).toHaveLength(1);
  });

  it('a forced refresh fetches even when nothing is due', async () => {
    const ctx = testContext({ answer: feedAnswer(() => 200) });
    const sources = scheduler(ctx);
    await sources.refresh(false);
    await sources.refresh(true);
    expect(ctx.fetched).toEqual([HYPER_FEED_URL, HYPER_FEED_URL]);
  });

  it('sources refreshed together are due together, though their answers came apart', async () => {
    const ctx = testContext({
      // Each answer takes 20 s of the test clock: the second source finishes later.
      answer: (url) => {
        ctx.clock.now += 20_000;
        return feedAnswer(() => 200)(url);
      },
      random: () => 0.25,
    });
    const sources = scheduler(ctx, settingsWith({ directory: true }));
    const alarm = await sources.refresh(false);
    expect(ctx.fetched).toHaveLength(2);
    ctx.clock.now = alarm;
    await sources.refresh(false);
    // Both were refreshed at that one alarm, not the second on an alarm of its own.
    expect(ctx.fetched).toEqual([
      HYPER_FEED_URL,
      DIRECTORY_FEED_URL,
      HYPER_FEED_URL,
      DIRECTORY_FEED_URL,
    ]);
  });

  it('a source switched off during its refresh is not written back', async () => {
    const ctx = testContext({
      answer: (url) => {
        ctx.state.settings = settingsWith({ hyper: false });
        return feedAnswer(() => 200)(url);
      },
    });
    await scheduler(ctx).refresh(false);
    expect(ctx.state.sources).toEqual({});
  });

  it('feeds lists every built-in tracker and the custom lists, with whether each is on', () => {
    const custom = 'https://lists.example/feed.json';
    const ctx = testContext();
    const sources = scheduler(ctx, settingsWith({ custom: [{ url: custom, enabled: true }] }));
    expect(sources.feeds().map((f) => [f.source, f.enabled])).toEqual([
      ['hyper', true],
      ['directory', false],
      ['cobalt-best', false],
      [customSourceId(custom), true],
    ]);
  });
});
