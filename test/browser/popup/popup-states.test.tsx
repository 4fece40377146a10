// @vitest-environment happy-dom
import { fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { PopupRoot } from '../../../components/popup/popup-root';
import { fakeApi } from '../../fixtures/ui/fake-api';
import { en_, useLocale } from '../../fixtures/ui/locale';
import { FIXTURE_NOW, POPUP_SNAPSHOTS } from '../../fixtures/ui/snapshots';
import { renderPopup } from './render-popup';

beforeAll(() => useLocale('en'));

describe('popup view states', () => {
  it('loading: shows a loading status until the first snapshot, then the page', async () => {
    let answer: (s: typeof POPUP_SNAPSHOTS.ready) => void = () => {};
    const api = fakeApi({
      'popup/snapshot': () => new Promise((resolve) => (answer = resolve)),
    });
    render(
      <PopupRoot
        api={api}
        tabId={7}
        jobId={null}
        openOptions={() => {}}
        openTab={() => {}}
        now={() => FIXTURE_NOW}
      />,
    );
    expect(screen.getByRole('status').textContent).toContain(en_('loading'));
    expect(api.callsOf('popup/snapshot')).toEqual([{ tabId: 7, jobId: null }]);
    answer(POPUP_SNAPSHOTS.ready);
    expect(await screen.findByRole('heading', { level: 1, name: 'YouTube' })).toBeTruthy();
    expect(screen.queryByText(en_('loading'))).toBeNull();
  });

  it('first frame comes from the snapshot: no loading state when main.tsx already has it', () => {
    renderPopup(POPUP_SNAPSHOTS.ready);
    expect(screen.queryByText(en_('loading'))).toBeNull();
    expect(screen.getByRole('heading', { level: 1, name: 'YouTube' })).toBeTruthy();
  });

  it('loading failed: says the extension did not answer, and retry asks again', async () => {
    let fail = true;
    const api = fakeApi({
      'popup/snapshot': () => {
        if (fail) throw new Error('no background');
        return POPUP_SNAPSHOTS.ready;
      },
    });
    render(
      <PopupRoot api={api} tabId={7} jobId={null} openOptions={() => {}} openTab={() => {}} />,
    );
    expect(await screen.findByRole('heading', { name: en_('error_no_answer_title') })).toBeTruthy();
    fail = false;
    fireEvent.click(screen.getByRole('button', { name: en_('actRetry') }));
    expect(await screen.findByRole('heading', { level: 1, name: 'YouTube' })).toBeTruthy();
  });

  it('unsupported page: explains, lists supported services, and the pasted link is downloaded', async () => {
    const { api } = renderPopup(POPUP_SNAPSHOTS.unsupported, {
      'download/start': () => ({ jobId: 'job-9' }),
    });
    expect(
      screen.getByRole('heading', { level: 1, name: en_('pageUnsupportedTitle') }),
    ).toBeTruthy();
    const services = screen.getByRole('list', { name: en_('supportedServicesTitle', [21]) });
    expect(within(services).getByText('YouTube')).toBeTruthy();
    expect(within(services).getAllByRole('listitem')).toHaveLength(21);

    const field = screen.getByLabelText(en_('pasteLinkLabel'));
    fireEvent.input(field, { target: { value: 'https://vimeo.com/76979871' } });
    fireEvent.click(screen.getByRole('radio', { name: en_('modeAudio') }));
    fireEvent.click(screen.getByRole('button', { name: en_('downloadButton') }));
    await waitFor(() =>
      expect(api.callsOf('download/start')).toEqual([
        { tabId: 7, url: 'https://vimeo.com/76979871', mode: 'audio' },
      ]),
    );
    // The next snapshot asks for the job that was started.
    await waitFor(() =>
      expect(api.callsOf('popup/snapshot').at(-1)).toEqual({ tabId: 7, jobId: 'job-9' }),
    );
  });

  it('unsupported page: a pasted non-link is refused inline, nothing is sent', async () => {
    const { api } = renderPopup(POPUP_SNAPSHOTS.unsupported, {
      'download/start': () => ({ jobId: 'x' }),
    });
    const field = screen.getByLabelText(en_('pasteLinkLabel'));
    fireEvent.input(field, { target: { value: 'not a link' } });
    fireEvent.click(screen.getByRole('button', { name: en_('downloadButton') }));
    expect(screen.getByRole('alert').textContent).toContain(en_('pasteLinkInvalid'));
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(api.callsOf('download/start')).toEqual([]);
  });

  it('no page (browser-internal tab): says so and still offers the link field', () => {
    renderPopup(POPUP_SNAPSHOTS.noPage);
    expect(screen.getByRole('heading', { level: 1, name: en_('pageNoneTitle') })).toBeTruthy();
    expect(screen.getByLabelText(en_('pasteLinkLabel'))).toBeTruthy();
  });

  it('service page that is not media: names the service, asks for a post, offers the link field', () => {
    renderPopup(POPUP_SNAPSHOTS.servicePage);
    expect(screen.getByRole('heading', { level: 1, name: 'YouTube' })).toBeTruthy();
    expect(screen.getByText(en_('pageServiceNotMedia'))).toBeTruthy();
    expect(
      screen.getByRole('heading', { name: en_('servicePageExplain', ['YouTube']) }),
    ).toBeTruthy();
    expect(screen.getByLabelText(en_('pasteLinkLabel'))).toBeTruthy();
  });

  it('ready: service, download modes, ranked instances with their reasons', async () => {
    const { api } = renderPopup(POPUP_SNAPSHOTS.ready, {
      'download/start': () => ({ jobId: 'job-1' }),
    });
    expect(screen.getByRole('heading', { level: 1, name: 'YouTube' })).toBeTruthy();
    expect(screen.getByText('https://www.youtube.com/watch?v=dQw4w9WgXcQ')).toBeTruthy();
    expect(screen.getByRole('radio', { name: en_('modeAuto') })).toHaveProperty('checked', true);
    expect(screen.queryByLabelText(en_('pasteLinkLabel'))).toBeNull();

    const list = screen.getByRole('heading', { name: en_('instancesTitle', ['YouTube', 2]) });
    expect(list).toBeTruthy();
    const ranked = screen.getAllByRole('list').find((l) => l.classList.contains('inst-list'))!;
    const rows = within(ranked)
      .getAllByRole('listitem')
      .filter((li) => li.classList.contains('inst'));
    expect(rows.map((r) => r.querySelector('.inst-host')?.textContent)).toEqual([
      'cobalt.alpha.example',
      'api.beta.example',
    ]);
    const reasons = screen.getByRole('list', {
      name: en_('reasonsLabel', ['cobalt.alpha.example']),
    });
    expect(reasons.textContent).toContain(en_('reasonPinned', ['1']));
    expect(reasons.textContent).toContain(en_('reasonLatency', ['180']));
    expect(reasons.textContent).toContain(en_('reasonRecentSuccesses', ['4.0']));
    expect(
      screen.getByRole('list', { name: en_('reasonsLabel', ['api.beta.example']) }).textContent,
    ).toContain(en_('reasonTrackerScore', ['71']));
    // Excluded instances are folded away (built once the fold is opened), with why.
    fireEvent.click(screen.getByText(en_('instancesExcluded', [1])));
    expect(
      (await screen.findByRole('list', { name: en_('reasonsLabel', ['gamma.example']) }))
        .textContent,
    ).toContain(en_('reasonTurnstile'));

    fireEvent.click(screen.getByRole('button', { name: en_('downloadButton') }));
    await waitFor(() =>
      expect(api.callsOf('download/start')).toEqual([{ tabId: 7, url: null, mode: 'auto' }]),
    );
  });

  it('downloading with trail: progress, each instance tried and why, the button busy', () => {
    renderPopup(POPUP_SNAPSHOTS.downloading);
    expect(screen.getByText(en_('jobRunning', [2]))).toBeTruthy();
    expect(screen.getByRole('progressbar', { name: en_('progressLabel') })).toBeTruthy();
    const trail = screen.getByRole('list', { name: en_('trailLabel') });
    const steps = within(trail).getAllByRole('listitem');
    expect(steps[0]!.textContent).toContain('cobalt.alpha.example');
    expect(steps[0]!.textContent).toContain(en_('trail_rate_limited'));
    expect(steps[0]!.textContent).toContain('320 ms');
    expect(steps[1]!.textContent).toContain('api.beta.example');
    expect(steps[1]!.textContent).toContain(en_('trail_running'));
    expect(screen.getByRole('button', { name: en_('downloadBusy') })).toHaveProperty(
      'disabled',
      true,
    );
  });

  it('live updates: the running job becomes a finished download on ChangedBroadcast', async () => {
    const { update } = renderPopup(POPUP_SNAPSHOTS.downloading);
    await update(POPUP_SNAPSHOTS.fileDownloading);
    expect(await screen.findByText(en_('jobDownloadingVia', ['api.beta.example']))).toBeTruthy();
    expect(screen.getByRole('progressbar').getAttribute('value')).toBe('25');
    await update(POPUP_SNAPSHOTS.done);
    expect(await screen.findByText(en_('jobDoneVia', ['cobalt.alpha.example']))).toBeTruthy();
    expect(screen.getByRole('list', { name: en_('savedFiles') }).textContent).toContain(
      'Never Gonna Give You Up (1080p, h264).mp4',
    );
    expect(screen.getByRole('button', { name: en_('downloadButton') })).toHaveProperty(
      'disabled',
      false,
    );
  });

  it('processing on this device: bytes per part, then muxing %, and Cancel sends download/cancel', async () => {
    const { update, api } = renderPopup(POPUP_SNAPSHOTS.fetchingParts, {
      'download/cancel': () => ({ ok: true }),
    });
    expect(screen.getByText(en_('jobFetchingParts', ['api.beta.example']))).toBeTruthy();
    const parts = screen.getByRole('list', { name: en_('localParts') });
    expect(
      within(parts)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([
      en_('localBytesOf', [en_('localPartVideo'), '1.2 MB', '3.4 MB']),
      en_('localBytes', [en_('localPartAudio'), '80 kB']),
    ]);
    // while the parts arrive the bar shows activity; the lines above carry the bytes
    expect(screen.getByRole('progressbar').getAttribute('value')).toBeNull();
    await update(POPUP_SNAPSHOTS.muxing);
    expect(await screen.findByText(en_('jobMuxing', [45]))).toBeTruthy();
    expect(screen.getByRole('progressbar').getAttribute('value')).toBe('45');
    fireEvent.click(screen.getByRole('button', { name: en_('cancelButton') }));
    await waitFor(() => expect(api.callsOf('download/cancel')).toEqual([{ jobId: 'job-1' }]));
  });

  it('offline with bundled data: says the bundled list is used, instances still shown', () => {
    renderPopup(POPUP_SNAPSHOTS.offline);
    // "Instance list from <date> (bundled)", the date in the page's language.
    expect(screen.getByText(en_('noticeBundledFrom', ['May 4, 2026']))).toBeTruthy();
    expect(
      screen.getByRole('heading', { name: en_('instancesTitle', ['YouTube', 2]) }),
    ).toBeTruthy();
  });

  it('recent downloads: what, through which instance, when, and how it ended', () => {
    renderPopup(POPUP_SNAPSHOTS.recent);
    const section = screen.getByRole('region', { name: en_('recentTitle') });
    const items = within(section).getAllByRole('listitem');
    expect(items[0]!.textContent).toContain('Never Gonna Give You Up (1080p, h264).mp4');
    expect(items[0]!.textContent).toContain(en_('recentVia', ['cobalt.alpha.example']));
    expect(items[0]!.textContent).toContain('5 minutes ago');
    expect(items[0]!.textContent).toContain(en_('outcomeOk'));
    expect(items[1]!.textContent).toContain('Instagram');
    expect(items[1]!.textContent).toContain(en_('error_private_title'));
    expect(items[1]!.textContent).toContain('2 hours ago');
  });

  it('background notices are shown in plain words', () => {
    renderPopup({ ...POPUP_SNAPSHOTS.ready, notices: [{ key: 'noticeSettingsRepaired' }] });
    expect(screen.getByText(en_('noticeSettingsRepaired'))).toBeTruthy();
  });

  it('renders German from the de locale', () => {
    useLocale('de');
    try {
      renderPopup(POPUP_SNAPSHOTS.ready);
      expect(screen.getByRole('button', { name: 'Herunterladen' })).toBeTruthy();
      expect(screen.getByRole('radio', { name: 'Nur Audio' })).toBeTruthy();
    } finally {
      useLocale('en');
    }
  });
});
