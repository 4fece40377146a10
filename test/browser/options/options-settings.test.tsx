// @vitest-environment happy-dom
import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import type { Settings } from '../../../lib/settings/schema';
import { en_, useLocale } from '../../fixtures/ui/locale';
import { FIXTURE_NOW, OPTIONS_SETTINGS, OPTIONS_SNAPSHOT } from '../../fixtures/ui/snapshots';
import { renderOptions } from './render-options';
import { setHostAccessRequester } from '../../../components/host-access';
import { ProtocolError, TransportError } from '../../../components/protocol-errors';

/** Host access asked for from the add handlers (a user gesture), one origin at a time. */
let hostAccess: string[][] = [];
beforeEach(() => {
  hostAccess = [];
  setHostAccessRequester((origins) => void hostAccess.push(origins));
});
afterEach(() => setHostAccessRequester(null));

beforeAll(() => useLocale('en'));

const region = (key: string) => screen.getByRole('region', { name: en_(key) });
const saveButton = () => screen.getByRole('button', { name: en_('saveButton') });
const savedSettings = (api: Awaited<ReturnType<typeof renderOptions>>['api']) =>
  api.callsOf('settings/save').map((p) => p.settings as Settings);

describe('options page: every setting, grouped', () => {
  it('shows each group of the schema as a labelled section', async () => {
    await renderOptions();
    for (const key of [
      'secSources',
      'secProbe',
      'secTrust',
      'secMine',
      'secBlocked',
      'secDownload',
      'secBehaviour',
      'secTransfer',
      'secDiagnostics',
    ]) {
      expect(region(key)).toBeTruthy();
    }
  });

  it("change a download default and save → 'settings/save' with it", async () => {
    const { api } = await renderOptions({ 'settings/save': () => ({ ok: true }) });
    expect(saveButton()).toHaveProperty('disabled', true);
    const defaults = within(region('secDownload')).getByRole('group', {
      name: en_('downloadDefaults'),
    });
    const quality = within(defaults).getByLabelText(en_('optVideoQuality')) as HTMLSelectElement;
    expect(quality.value).toBe('1080');
    fireEvent.change(quality, { target: { value: '720' } });
    expect(screen.getByText(en_('unsavedChanges'))).toBeTruthy();
    fireEvent.click(saveButton());
    await waitFor(() => expect(savedSettings(api)).toHaveLength(1));
    expect(savedSettings(api)[0]).toEqual({
      ...OPTIONS_SETTINGS,
      download: { ...OPTIONS_SETTINGS.download, videoQuality: '720' },
    });
    expect(await screen.findByText(en_('saved'))).toBeTruthy();
  });

  it('save problems are listed and mark the field invalid; nothing is lost', async () => {
    await renderOptions({
      'settings/save': () => ({
        ok: false,
        problems: [{ path: 'sources.refreshMinutes', message: 'must be at least 15' }],
      }),
    });
    const field = screen.getByLabelText(en_('refreshMinutes')) as HTMLInputElement;
    fireEvent.input(field, { target: { value: '5' } });
    fireEvent.click(saveButton());
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain(en_('saveProblems'));
    expect(alert.textContent).toContain('sources.refreshMinutes');
    expect(alert.textContent).toContain('must be at least 15');
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(field.value).toBe('5');
  });

  it.each([
    [
      'a failure the background reports is shown in its words',
      () => {
        throw new ProtocolError('settings/save', { kind: 'internal', message: 'disk full' });
      },
      () => `${en_('error_internal_title')}: ${en_('error_internal_detail', ['reply.internal'])}`,
    ],
    [
      'no answer at all says so',
      () => {
        throw new TransportError('settings/save', 'no answer');
      },
      () => en_('saveFailed'),
    ],
  ])('save: %s; the draft stays unsaved', async (_name, answer, text) => {
    await renderOptions({ 'settings/save': answer });
    const field = screen.getByLabelText(en_('refreshMinutes')) as HTMLInputElement;
    fireEvent.input(field, { target: { value: '90' } });
    fireEvent.click(saveButton());
    expect(await screen.findByText(text())).toBeTruthy();
    expect(field.value).toBe('90');
    expect(saveButton()).toHaveProperty('disabled', false);
  });

  it('discard returns to the stored settings', async () => {
    await renderOptions();
    const probe = screen.getByRole('checkbox', { name: en_('probeEnabled') }) as HTMLInputElement;
    fireEvent.click(probe);
    expect(probe.checked).toBe(false);
    fireEvent.click(screen.getByRole('button', { name: en_('discardChanges') }));
    expect(
      (screen.getByRole('checkbox', { name: en_('probeEnabled') }) as HTMLInputElement).checked,
    ).toBe(true);
  });

  it('sources: trackers on/off, a custom list, interval; refresh now shows per-source status', async () => {
    const refreshed = OPTIONS_SNAPSHOT.feeds.map((f) => ({
      ...f,
      lastError: null,
      failure: null,
      daily: false,
      entries: f.entries + 1,
    }));
    let setSnapshot: (s: typeof OPTIONS_SNAPSHOT) => void = () => {};
    const rendered = await renderOptions({
      'settings/save': () => ({ ok: true }),
      'sources/refresh': () => {
        setSnapshot({ ...OPTIONS_SNAPSHOT, feeds: refreshed });
        return refreshed;
      },
    });
    const { api } = rendered;
    setSnapshot = rendered.setSnapshot;
    const sources = region('secSources');
    fireEvent.click(within(sources).getByRole('checkbox', { name: 'cobalt.directory' }));
    fireEvent.input(within(sources).getByLabelText(en_('customListAdd')), {
      target: { value: 'https://lists.example/instances.json' },
    });
    fireEvent.click(within(sources).getByRole('button', { name: en_('actAdd') }));
    expect(hostAccess).toEqual([['https://lists.example/*']]);
    fireEvent.input(within(sources).getByLabelText(en_('refreshMinutes')), {
      target: { value: '120' },
    });
    fireEvent.click(saveButton());
    await waitFor(() => expect(savedSettings(api)).toHaveLength(1));
    expect(savedSettings(api)[0]!.sources).toEqual({
      ...OPTIONS_SETTINGS.sources,
      directory: false,
      custom: [{ url: 'https://lists.example/instances.json', enabled: true }],
      refreshMinutes: 120,
    });

    const table = within(sources).getByRole('table');
    expect(table.textContent).toContain('instances.hyper.lol');
    // The failure by kind, with the date of the list used meanwhile, and the daily back-off.
    const listDay = new Intl.DateTimeFormat('en', { dateStyle: 'medium' }).format(
      FIXTURE_NOW - 3 * 3_600_000,
    );
    const challenge = `cobalt.directory asked for a browser check; using the list from ${listDay}`;
    expect(table.textContent).toContain(challenge);
    expect(table.textContent).toContain(en_('feedDaily'));
    expect(table.textContent).toContain('20 minutes ago');
    fireEvent.click(within(sources).getByRole('button', { name: en_('refreshNow') }));
    await waitFor(() => expect(api.callsOf('sources/refresh')).toEqual([{}]));
    await waitFor(() =>
      expect(within(sources).getByRole('table').textContent).not.toContain(challenge),
    );
  });

  it('the bundled snapshot, while the ranking uses it, is named with its date', async () => {
    await renderOptions({}, { ...OPTIONS_SNAPSHOT, usingBundled: true });
    expect(region('secSources').textContent).toContain(en_('noticeBundledFrom', ['May 4, 2026']));
    expect(en_('noticeBundledFrom', ['May 4, 2026'])).toContain(
      'Instance list from May 4, 2026 (bundled)',
    );
  });

  it('no bundled-list note once a tracker has answered', async () => {
    await renderOptions();
    expect(region('secSources').textContent).not.toContain('(bundled)');
  });

  it('a custom list that is not a URL is refused inline', async () => {
    await renderOptions();
    const sources = region('secSources');
    fireEvent.input(within(sources).getByLabelText(en_('customListAdd')), {
      target: { value: 'lists' },
    });
    fireEvent.click(within(sources).getByRole('button', { name: en_('actAdd') }));
    expect(within(sources).getByRole('alert').textContent).toBe(en_('invalidUrl'));
  });

  it("probing: deep test → 'instance/test' with the instance and service, results listed", async () => {
    const { api } = await renderOptions({
      'instance/test': ({ origin }) => [
        { origin, service: 'youtube', ok: true, ms: 900 },
        { origin, service: 'tiktok', ok: false, code: 'error.api.fetch.fail', ms: 400 },
      ],
    });
    const probe = region('secProbe');
    fireEvent.input(within(probe).getByLabelText(en_('deepTestOrigin')), {
      target: { value: 'cobalt.alpha.example' },
    });
    fireEvent.change(within(probe).getByLabelText(en_('deepTestService')), {
      target: { value: 'youtube' },
    });
    fireEvent.click(within(probe).getByRole('button', { name: en_('deepTestRun') }));
    await waitFor(() =>
      expect(api.callsOf('instance/test')).toEqual([
        { origin: 'https://cobalt.alpha.example', service: 'youtube' },
      ]),
    );
    const results = await within(probe).findByRole('list', {
      name: en_('deepTestResults', ['cobalt.alpha.example']),
    });
    expect(results.textContent).toContain(en_('testOk', ['YouTube', '900 ms']));
    expect(results.textContent).toContain(
      en_('testFailed', ['TikTok', en_('trail_service_blocked')]),
    );
  });

  it('trust policy: each toggle is a labelled checkbox with what it means; hard rules are stated', async () => {
    const { api } = await renderOptions({ 'settings/save': () => ({ ok: true }) });
    const trust = region('secTrust');
    const http = within(trust).getByRole('checkbox', { name: en_('trustAllowHttp') });
    expect(http.getAttribute('aria-describedby')).toBeTruthy();
    fireEvent.click(http);
    expect(trust.textContent).toContain(en_('trustNever'));
    fireEvent.click(saveButton());
    await waitFor(() => expect(savedSettings(api)[0]?.trust.allowHttp).toBe(true));
  });

  it('my instances: add a self-hosted one with an API key; reorder and remove pins', async () => {
    const { api } = await renderOptions({ 'settings/save': () => ({ ok: true }) });
    const mine = region('secMine');
    fireEvent.input(within(mine).getByLabelText(en_('myInstanceOrigin')), {
      target: { value: 'cobalt.home.example:9000' },
    });
    fireEvent.input(within(mine).getByLabelText(en_('myInstanceKey')), {
      target: { value: '123e4567-e89b-12d3-a456-426614174000' },
    });
    fireEvent.input(within(mine).getByLabelText(en_('myInstanceLabel')), {
      target: { value: 'NAS' },
    });
    fireEvent.click(within(mine).getByRole('button', { name: en_('myInstanceAdd') }));
    expect(within(mine).getByText('NAS')).toBeTruthy();
    expect(hostAccess).toEqual([['https://cobalt.home.example:9000/*']]);

    const second = within(mine).getByRole('group', { name: 'https://mine.example' });
    fireEvent.click(within(second).getByRole('button', { name: en_('actMoveUp') }));
    const first = within(mine).getByRole('group', { name: 'https://mine.example' });
    expect(within(first).getByRole('button', { name: en_('actMoveUp') })).toHaveProperty(
      'disabled',
      true,
    );
    fireEvent.click(
      within(mine)
        .getByRole('group', { name: 'https://cobalt.alpha.example' })
        .querySelector('button:last-of-type')!,
    );

    fireEvent.click(saveButton());
    await waitFor(() => expect(savedSettings(api)).toHaveLength(1));
    const saved = savedSettings(api)[0]!;
    expect(saved.myInstances).toEqual([
      ...OPTIONS_SETTINGS.myInstances,
      {
        origin: 'https://cobalt.home.example:9000',
        apiKey: '123e4567-e89b-12d3-a456-426614174000',
        label: 'NAS',
      },
    ]);
    expect(saved.pinned).toEqual(['https://mine.example']);
  });

  it('my instances: a malformed API key is refused with what it should look like', async () => {
    await renderOptions();
    const mine = region('secMine');
    fireEvent.input(within(mine).getByLabelText(en_('myInstanceOrigin')), {
      target: { value: 'x.example' },
    });
    fireEvent.input(within(mine).getByLabelText(en_('myInstanceKey')), {
      target: { value: 'hunter2' },
    });
    fireEvent.click(within(mine).getByRole('button', { name: en_('myInstanceAdd') }));
    expect(within(mine).getByRole('alert').textContent).toBe(en_('invalidApiKey'));
  });

  it('blocked instances: unblock one, block another', async () => {
    const { api } = await renderOptions({ 'settings/save': () => ({ ok: true }) });
    const blocked = region('secBlocked');
    fireEvent.click(
      within(blocked).getByRole('button', { name: en_('unblockNamed', ['https://bad.example']) }),
    );
    fireEvent.input(within(blocked).getByLabelText(en_('blockAdd')), {
      target: { value: 'https://worse.example/x' },
    });
    fireEvent.click(within(blocked).getByRole('button', { name: en_('actAdd') }));
    fireEvent.click(saveButton());
    await waitFor(() => expect(savedSettings(api)[0]?.blocked).toEqual(['https://worse.example']));
  });

  it('per-service overrides: change one option for one service, add and remove services', async () => {
    const { api } = await renderOptions({ 'settings/save': () => ({ ok: true }) });
    const download = region('secDownload');
    const youtube = within(download).getByRole('group', { name: 'YouTube' });
    const quality = within(youtube).getByLabelText(en_('optVideoQuality')) as HTMLSelectElement;
    expect(quality.value).toBe('720');
    expect(
      within(quality).getByRole('option', { name: en_('useDefault', ['1080p']) }),
    ).toBeTruthy();
    fireEvent.change(within(youtube).getByLabelText(en_('optAudioFormat')), {
      target: { value: 'opus' },
    });
    fireEvent.change(quality, { target: { value: '' } });

    fireEvent.change(within(download).getByLabelText(en_('overrideService')), {
      target: { value: 'tiktok' },
    });
    fireEvent.click(within(download).getByRole('button', { name: en_('overrideAdd') }));
    const tiktok = within(download).getByRole('group', { name: 'TikTok' });
    fireEvent.change(within(tiktok).getByLabelText(en_('optTiktokFullAudio')), {
      target: { value: 'true' },
    });

    fireEvent.click(saveButton());
    await waitFor(() => expect(savedSettings(api)).toHaveLength(1));
    expect(savedSettings(api)[0]!.serviceOverrides).toEqual({
      youtube: { audioFormat: 'opus' },
      tiktok: { tiktokFullAudio: true },
    });
  });

  it('save-as prompt and notifications', async () => {
    const { api } = await renderOptions({ 'settings/save': () => ({ ok: true }) });
    fireEvent.click(screen.getByRole('checkbox', { name: en_('saveAs') }));
    fireEvent.click(screen.getByRole('checkbox', { name: en_('notifySuccess') }));
    fireEvent.input(screen.getByLabelText(en_('fallbackDeadlineSeconds')), {
      target: { value: '30' },
    });
    fireEvent.click(saveButton());
    await waitFor(() => expect(savedSettings(api)).toHaveLength(1));
    const saved = savedSettings(api)[0]!;
    expect(saved.saveAs).toBe(true);
    expect(saved.notifications).toEqual({ onSuccess: false, onFailure: true });
    expect(saved.fallback.deadlineMs).toBe(30_000);
  });

  it('stored settings changed elsewhere replace a clean draft on ChangedBroadcast', async () => {
    const { api, setSnapshot } = await renderOptions();
    setSnapshot({ ...OPTIONS_SNAPSHOT, settings: { ...OPTIONS_SETTINGS, saveAs: true } });
    api.push({ type: 'changed', what: 'settings' });
    await waitFor(() =>
      expect(
        (screen.getByRole('checkbox', { name: en_('saveAs') }) as HTMLInputElement).checked,
      ).toBe(true),
    );
  });

  it('every form control has a label', async () => {
    await renderOptions();
    const controls = [...document.querySelectorAll<HTMLElement>('input, select')];
    expect(controls.length).toBeGreaterThan(40);
    for (const control of controls) {
      const labelled =
        control.getAttribute('aria-label') ||
        (control.id && document.querySelector(`label[for="${control.id}"]`)) ||
        control.closest('label');
      expect(labelled, control.outerHTML).toBeTruthy();
    }
  });
});
