import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { REFRESH_ALARM } from '../../../entrypoints/background';
import {
  eventually,
  fakeBrowser,
  loopbackWorld,
  startBackground,
  useBackground,
} from './background-harness';

/**
 * Every text the background shows itself (menu titles, badge tooltips, notifications) goes
 * through browser.i18n; a key with no message shows as the bare key. This records the keys the
 * real background asks for along its paths and checks them against public/_locales.
 */
const owned = useBackground();

const LOCALES_DIR = join(process.cwd(), 'public/_locales');
const LOCALES: Record<string, Record<string, unknown>> = Object.fromEntries(
  readdirSync(LOCALES_DIR).map((lang) => [
    lang,
    JSON.parse(readFileSync(join(LOCALES_DIR, lang, 'messages.json'), 'utf8')) as Record<
      string,
      unknown
    >,
  ]),
);

/**
 * Keys the background may ask for that have no message (empty: every one exists). Kept as a
 * list so a future gap is named explicitly; the test fails when the list and the locales
 * disagree in either direction.
 */
const KNOWN_MISSING: string[] = [];

it('the keys the background shows exist in every locale (except the known gap)', async () => {
  await loopbackWorld(owned, 1);
  const bg = startBackground();
  const asked = () =>
    new Set(vi.mocked(fakeBrowser.i18n.getMessage).mock.calls.map(([key]) => String(key)));

  // Menus, then every badge kind, then a download that completes and one interrupted.
  await fakeBrowser.runtime.onInstalled.trigger({ reason: 'install', temporary: false });
  await eventually(() => fakeBrowser.alarms.get(REFRESH_ALARM));
  const tab = await fakeBrowser.tabs.create({ url: 'https://blog.example/' });
  await fakeBrowser.tabs.update(tab.id!, { url: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ' });
  await fakeBrowser.tabs.update(tab.id!, { url: 'https://blog.example/' });
  for (const ok of [true, false]) {
    const start = await bg.ask('download/start', {
      tabId: null,
      url: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ',
      mode: 'auto',
    });
    if (!('jobId' in start)) throw new Error('no job');
    const job = await eventually(async () =>
      (await bg.jobs()).find((j) => j.id === start.jobId && j.downloadIds.length > 0),
    );
    bg.downloads.change({
      id: job.downloadIds[0]!,
      state: { current: ok ? 'complete' : 'interrupted' },
    });
    await eventually(async () => (await fakeBrowser.notifications.getAll())[job.id]);
  }

  const keys = asked();
  expect([...keys]).toEqual(
    expect.arrayContaining(['menuDownload', 'badgeReady', 'badgeUnsupported', 'notifyDoneTitle']),
  );
  for (const [lang, messages] of Object.entries(LOCALES)) {
    const missing = [...keys].filter((key) => !(key in messages)).sort();
    expect(missing, lang).toEqual(KNOWN_MISSING.filter((key) => keys.has(key)));
  }
});
