// Options: a download default reaches the next request; export → reset → import round trip;
// a bad import file is refused clearly; axe-core finds no violations on the pages.
import assert from 'node:assert/strict';
import { axeViolations } from '../lib/axe.mjs';
import { pageAndPopup, seedSettings, waitForStartupRefresh } from '../lib/extension.mjs';
import { readFile, waitForFiles } from '../lib/files.mjs';
import { checkInvariants } from '../lib/invariants.mjs';
import { msg, msgPattern } from '../lib/messages.mjs';
import { PAGES } from '../lib/pages.mjs';
import { ui } from '../lib/ui.mjs';
import { e2eSettings, newApiKey } from '../lib/world.mjs';
import {
  assertServedBytes,
  begin,
  exactly,
  screenshots,
  waitForInstances,
  worldAndSession,
} from './common.mjs';

async function openOptions(session) {
  const options = ui(await session.openOptions());
  await options.waitText(msgPattern('secTransfer'));
  return options;
}

const settingsNow = async (session) => (await session.send('options/snapshot', {})).settings;

/** Options: change a download default and see it in the next request the server receives. */
export async function optionsDefault(env, t) {
  const { world, session } = await worldAndSession(
    env,
    t,
    { instances: { ok: { filename: 'e2e-defaults.mp4', tunnelBytes: 4_321 } } },
    (w) => w.settings({ pinned: [w.origin('ok')] }),
  );
  t.step('a download with the defaults sends only the link');
  const first = await pageAndPopup(session, PAGES.youtube);
  await waitForInstances(first.popup, [world.host('ok')]);
  await first.popup.click('button', exactly('downloadButton'));
  const [file1] = await waitForFiles(session.downloadsDir, 'e2e-defaults.mp4');
  assertServedBytes(session, file1, world.servers.ok, env.support);
  assert.deepEqual(
    Object.keys(world.posts('ok')[0]),
    ['url'],
    `minimal body: ${JSON.stringify(world.posts('ok')[0])}`,
  );

  t.step('options: video quality 720, audio format opus, save');
  const options = await openOptions(session);
  await screenshots(env, options.page, 'options', { viewport: { width: 960, height: 900 } });
  await options.select(msg('optVideoQuality'), '720');
  await options.select(msg('optAudioFormat'), 'opus');
  await options.waitText(msgPattern('unsavedChanges'));
  await options.click('button', exactly('saveButton'));
  await options.waitText(msgPattern('saved'));
  const saved = await settingsNow(session);
  assert.equal(saved.download.videoQuality, '720');
  assert.equal(saved.download.audioFormat, 'opus');

  t.step('the next request carries the new default');
  await world.servers.ok.configure({ filename: 'e2e-defaults-720.mp4' });
  const second = await pageAndPopup(session, PAGES.youtube);
  await second.popup.click('button', exactly('downloadButton'));
  // The same page again: the popup asks first (settings "Download again": ask).
  await second.popup.click('button', exactly('batchDownloadAgain'));
  const [file2] = await waitForFiles(session.downloadsDir, 'e2e-defaults-720.mp4');
  assertServedBytes(session, file2, world.servers.ok, env.support);
  const body = world.posts('ok')[1];
  assert.equal(body.videoQuality, '720', `second body: ${JSON.stringify(body)}`);
  assert.equal(body.audioFormat, 'opus');
  assert.equal(body.url, PAGES.youtube);
  checkInvariants(world, { pageUrls: [PAGES.youtube] });
}

/** Settings that differ from the defaults in many places (and hold an API key). */
function customSettings() {
  return e2eSettings('http://127.0.0.1:9/e2e-list.json', {
    sources: { cobaltBest: true },
    pinned: ['https://pinned.e2e.example'],
    blocked: ['https://blocked.e2e.example'],
    myInstances: [{ origin: 'https://mine.e2e.example', apiKey: newApiKey(), label: 'e2e own' }],
    download: { videoQuality: '480', audioFormat: 'ogg', filenameStyle: 'pretty' },
    serviceOverrides: { youtube: { videoQuality: '720' } },
    fallback: { maxAttempts: 3 },
  });
}

/** Export → reset → import gives back exactly the settings that were exported. */
export async function settingsRoundTrip(env, t) {
  const session = await begin(env, t);
  t.step('custom settings');
  await waitForStartupRefresh(session);
  await seedSettings(session, customSettings());
  const before = await settingsNow(session);
  assert.equal(before.download.videoQuality, '480');

  t.step('export');
  const options = await openOptions(session);
  await options.click('button', exactly('exportButton'));
  await options.waitText(msgPattern('exportDone'));
  const [file] = await waitForFiles(session.downloadsDir, /^cobalt-picker-settings.*\.json$/);
  const exported = readFile(session.downloadsDir, file).toString('utf8');
  const parsed = JSON.parse(exported);
  assert.equal(parsed.format, 'cobalt-picker/settings');
  assert.equal(typeof parsed.version, 'number');
  assert.deepEqual(parsed.settings, before, 'the file holds the current settings');

  t.step('reset');
  await options.click('button', exactly('resetButton'));
  await options.click('button', exactly('resetConfirm'));
  await options.waitText(msgPattern('resetDone'));
  const reset = await settingsNow(session);
  assert.equal(reset.download.videoQuality, '1080', 'back to the default quality');
  assert.deepEqual(reset.blocked, []);
  assert.deepEqual(reset.myInstances, []);
  assert.notDeepEqual(reset, before);

  t.step('import the exported file');
  await options.setFile(msg('importLabel'), file, exported);
  await options.waitText(msgPattern('importDone'));
  assert.deepEqual(await settingsNow(session), before, 'the import restored every setting');
  const quality = await options.state('combobox', msg('optVideoQuality'));
  assert.equal(quality?.value, '480', 'the page shows the imported value');
}

/** A bad import file is refused with a clear message, and nothing changes. */
export async function badImport(env, t) {
  const session = await begin(env, t);
  await waitForStartupRefresh(session);
  await seedSettings(session, customSettings());
  const before = await settingsNow(session);
  const { json } = await session.send('settings/export', {});
  const version = JSON.parse(json).version;
  const options = await openOptions(session);

  t.step('not JSON at all');
  await options.setFile(msg('importLabel'), 'notes.json', 'these are my notes, not settings');
  await options.waitText(msgPattern('importProblems'));
  await options.waitText(msgPattern('importProblemsHint'));
  assert.deepEqual(await settingsNow(session), before);

  t.step('a settings file with an invalid value');
  const bad = JSON.stringify({
    format: 'cobalt-picker/settings',
    version,
    settings: { download: { videoQuality: '999p' }, fallback: { maxAttempts: 99 } },
  });
  await options.setFile(msg('importLabel'), 'bad-settings.json', bad);
  const text = await options.waitText(/download\.videoQuality/);
  assert.match(text, /fallback\.maxAttempts/, 'every bad field is named');
  assert.match(text, msgPattern('importProblems'));
  assert.deepEqual(await settingsNow(session), before, 'nothing was applied');

  t.step('some other JSON file (a tracker feed)');
  await options.setFile(
    msg('importLabel'),
    'instances.json',
    JSON.stringify([{ api: 'x.example', trust: 'safe' }]),
  );
  await options.waitText(msgPattern('importProblems'));
  assert.deepEqual(await settingsNow(session), before);
  const alerts = await options.page.evaluate(() =>
    [...document.querySelectorAll('[role=alert]')].map((e) => e.innerText),
  );
  assert.ok(alerts.length > 0, 'the refusal is announced (role=alert)');
}

/** axe-core on the popup (ready, unsupported page) and the options page: no violations. */
export async function accessibility(env, t) {
  const { world, session } = await worldAndSession(env, t, { instances: { ok: {} } }, (w) =>
    w.settings({ pinned: [w.origin('ok')] }),
  );
  const problems = [];
  t.step('popup, ready to download');
  const ready = await pageAndPopup(session, PAGES.youtube);
  await waitForInstances(ready.popup, [world.host('ok')]);
  for (const v of await axeViolations(ready.popup.page)) problems.push(`popup (ready): ${v}`);

  t.step('popup, unsupported page');
  const other = await pageAndPopup(session, PAGES.unsupported);
  await other.popup.waitText(msgPattern('unsupportedExplain'));
  for (const v of await axeViolations(other.popup.page)) problems.push(`popup (unsupported): ${v}`);

  t.step('options page');
  const options = await openOptions(session);
  for (const v of await axeViolations(options.page)) problems.push(`options: ${v}`);
  if (problems.length) throw new Error(`axe-core violations:\n${problems.join('\n')}`);
}
