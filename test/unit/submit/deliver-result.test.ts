import type { CobaltResult } from '../../../lib/cobalt/cobalt-result';
import type { LocalProcessing } from '../../../lib/settings/schema';
import { acceptDeliverable } from '../../../lib/submit/accept-deliverable';
import {
  deliverResult,
  pickerView,
  type DeliverOutcome,
  type PickerResult,
} from '../../../lib/submit/deliver-result';
import { downloadPicked } from '../../../lib/submit/download-picked';
import { fakeDownload } from './fake-download';

const TUNNEL_URL = 'https://api.example.test/tunnel?id=abc&exp=1&sig=s&sec=t&iv=i';
const CDN_URL = 'https://video.twimg.com/v/clip.mp4';
const UNSAFE_URLS = [
  'javascript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'file:///etc/passwd',
  'blob:https://example.test/1234',
  'chrome://settings',
];

/** A name with separators, a control character and a Windows-reserved stem. */
const HOSTILE_NAME = '../../etc/passwd\u0007';

describe('deliverResult: ready files are downloaded at once', () => {
  it.each<{ name: string; result: CobaltResult; url: string; filename: string }>([
    {
      name: 'tunnel',
      result: { status: 'tunnel', url: TUNNEL_URL, filename: 'clip.mp4' },
      url: TUNNEL_URL,
      filename: 'clip.mp4',
    },
    {
      name: 'redirect',
      result: { status: 'redirect', url: CDN_URL, filename: 'direct.mp4' },
      url: CDN_URL,
      filename: 'direct.mp4',
    },
    {
      name: 'local-processing proxy: the one tunnel, saved as-is',
      result: {
        status: 'local-processing',
        type: 'proxy',
        tunnel: [TUNNEL_URL],
        filename: 'proxied.mp4',
        metadata: null,
        isHLS: false,
      },
      url: TUNNEL_URL,
      filename: 'proxied.mp4',
    },
    {
      name: 'no filename from the instance: the caller’s fallback',
      result: { status: 'tunnel', url: TUNNEL_URL, filename: null },
      url: TUNNEL_URL,
      filename: 'youtube-abc.mp4',
    },
  ])('$name', async ({ result, url, filename }) => {
    const download = fakeDownload();
    const outcome = await deliverResult({
      result,
      download,
      filenameFallback: 'youtube-abc.mp4',
      saveAs: true,
    });
    expect(download.requests).toEqual([{ url, filename, saveAs: true }]);
    expect(outcome).toEqual({ kind: 'downloading', id: 1, filename });
  });

  it('sanitises a hostile filename before the downloads API sees it', async () => {
    const download = fakeDownload();
    await deliverResult({
      result: { status: 'tunnel', url: TUNNEL_URL, filename: HOSTILE_NAME },
      download,
      filenameFallback: 'fallback.mp4',
      saveAs: false,
    });
    const name = download.requests[0]?.filename ?? '';
    expect(name).not.toMatch(/[/\\]/);
    expect(name).not.toMatch(/\p{Cc}/u);
    expect(name.length).toBeGreaterThan(0);
  });

  it.each(UNSAFE_URLS)(
    'refuses %s with client.unsafe_url, never calling the adapter',
    async (url) => {
      const download = fakeDownload();
      const outcome = await deliverResult({
        result: { status: 'redirect', url, filename: 'x.mp4' },
        download,
        filenameFallback: 'x.mp4',
        saveAs: false,
      });
      expect(outcome).toMatchObject({ kind: 'failed', code: 'client.unsafe_url' });
      expect(download.requests).toEqual([]);
    },
  );

  it.each(['merge', 'mute', 'audio', 'gif', 'remux'])(
    'does not download local-processing %s (it needs muxing)',
    async (type) => {
      const download = fakeDownload();
      const outcome = await deliverResult({
        result: {
          status: 'local-processing',
          type,
          tunnel: [TUNNEL_URL, TUNNEL_URL],
          filename: 'x',
          metadata: null,
          isHLS: false,
        },
        download,
        filenameFallback: 'x.mp4',
        saveAs: false,
      });
      expect(outcome).toMatchObject({ kind: 'failed', code: 'client.needs_local_processing' });
      expect(download.requests).toEqual([]);
    },
  );

  it.each<[string, 'throw' | { ok: false; message: string }, string]>([
    ['refuses', { ok: false, message: 'Invalid filename' }, 'Invalid filename'],
    ['throws', 'throw', 'downloads API exploded'],
  ])('reports client.download_failed when the downloads API %s', async (_l, answer, message) => {
    const download = fakeDownload({ [TUNNEL_URL]: answer });
    const outcome = await deliverResult({
      result: { status: 'tunnel', url: TUNNEL_URL, filename: 'x.mp4' },
      download,
      filenameFallback: 'x.mp4',
      saveAs: false,
    });
    expect(outcome).toEqual<DeliverOutcome>({
      kind: 'failed',
      code: 'client.download_failed',
      message,
    });
  });
});

const PICKER: PickerResult = {
  status: 'picker',
  items: [
    { type: 'photo', url: 'https://cdn.example.test/p/one.jpg?sig=1', thumb: TUNNEL_URL },
    { type: 'video', url: 'https://cdn.example.test/v/two', thumb: 'javascript:alert(1)' },
    { type: 'photo', url: 'https://pbs.example.test/media/x?format=png&name=large', thumb: null },
    { type: 'gif', url: TUNNEL_URL, thumb: null },
    { type: 'photo', url: 'data:image/png;base64,AAAA', thumb: null },
  ],
  audio: TUNNEL_URL,
  audioFilename: 'tiktok-sound.mp3',
};

describe('deliverResult: picker', () => {
  it('returns the picker for the UI, downloading nothing, with only safe thumbnails', async () => {
    const download = fakeDownload();
    const outcome = await deliverResult({
      result: PICKER,
      download,
      filenameFallback: 'x',
      saveAs: false,
    });
    expect(download.requests).toEqual([]);
    expect(outcome).toEqual({ kind: 'picker', result: PICKER, view: pickerView(PICKER) });
    expect(pickerView(PICKER)).toEqual({
      items: [
        { index: 0, type: 'photo', thumb: TUNNEL_URL },
        { index: 1, type: 'video', thumb: null },
        { index: 2, type: 'photo', thumb: null },
        { index: 3, type: 'gif', thumb: null },
        { index: 4, type: 'photo', thumb: null },
      ],
      hasAudio: true,
    });
  });

  it('has no audio when the audio URL is unsafe', () => {
    expect(pickerView({ ...PICKER, audio: 'javascript:x' }).hasAudio).toBe(false);
  });
});

describe('downloadPicked', () => {
  it('downloads the chosen items in the post’s order, named <service>-<n>.<ext>, then the audio', async () => {
    const download = fakeDownload();
    const outcome = await downloadPicked(PICKER, [3, 0, 2, 1, 0], true, download, {
      service: 'tiktok',
      saveAs: true,
    });
    expect(download.requests).toEqual([
      { url: 'https://cdn.example.test/p/one.jpg?sig=1', filename: 'tiktok-1.jpg', saveAs: true },
      { url: 'https://cdn.example.test/v/two', filename: 'tiktok-2.mp4', saveAs: true },
      {
        url: 'https://pbs.example.test/media/x?format=png&name=large',
        filename: 'tiktok-3.png',
        saveAs: true,
      },
      { url: TUNNEL_URL, filename: 'tiktok-4.gif', saveAs: true },
      { url: TUNNEL_URL, filename: 'tiktok-sound.mp3', saveAs: true },
    ]);
    expect(outcome.failed).toEqual([]);
    expect(outcome.started.map((s) => s.item)).toEqual([0, 1, 2, 3, 'audio']);
  });

  it('reports bad picks and unsafe items without stopping the others', async () => {
    const download = fakeDownload();
    const outcome = await downloadPicked(
      { ...PICKER, audio: null, audioFilename: null },
      [4, 9, -1, 1.5, 0],
      true,
      download,
    );
    expect(download.requests.map((r) => r.filename)).toEqual(['cobalt-1.jpg']);
    expect(outcome.started).toEqual([{ item: 0, id: 1, filename: 'cobalt-1.jpg' }]);
    expect(outcome.failed.map((f) => [f.item, f.code])).toEqual([
      [-1, 'client.bad_pick'],
      [1.5, 'client.bad_pick'],
      [4, 'client.unsafe_url'],
      [9, 'client.bad_pick'],
      ['audio', 'client.bad_pick'],
    ]);
  });

  it('names the audio <service>-audio.mp3 when the instance gave no name', async () => {
    const download = fakeDownload();
    await downloadPicked({ ...PICKER, audioFilename: null }, [], true, download, {
      service: 'tiktok',
    });
    expect(download.requests).toEqual([
      { url: TUNNEL_URL, filename: 'tiktok-audio.mp3', saveAs: false },
    ]);
  });

  it('keeps going when one download fails', async () => {
    const download = fakeDownload({ 'https://cdn.example.test/v/two': 'throw' });
    const outcome = await downloadPicked(PICKER, [0, 1, 2], false, download);
    expect(outcome.started.map((s) => s.item)).toEqual([0, 2]);
    expect(outcome.failed).toEqual([
      { item: 1, code: 'client.download_failed', message: 'downloads API exploded' },
    ]);
  });
});

describe('acceptDeliverable', () => {
  const local = (
    type: string,
    filename: string | null,
    extra: { tunnel?: string[]; isHLS?: boolean } = {},
  ): CobaltResult => ({
    status: 'local-processing',
    type,
    tunnel: extra.tunnel ?? (type === 'merge' ? [TUNNEL_URL, TUNNEL_URL] : [TUNNEL_URL]),
    filename,
    metadata: null,
    isHLS: extra.isHLS ?? false,
  });

  it.each<{ name: string; result: CobaltResult; setting: LocalProcessing; expected: string }>([
    {
      name: 'tunnel',
      result: { status: 'tunnel', url: TUNNEL_URL, filename: null },
      setting: 'off',
      expected: 'accept',
    },
    {
      name: 'redirect',
      result: { status: 'redirect', url: CDN_URL, filename: null },
      setting: 'required',
      expected: 'accept',
    },
    {
      name: 'local-processing proxy',
      result: local('proxy', null),
      setting: 'off',
      expected: 'accept',
    },
    {
      name: 'merge, processing on this device off',
      result: local('merge', 'a.mp4'),
      setting: 'off',
      expected: 'client.needs_local_processing',
    },
    {
      name: 'merge into mp4',
      result: local('merge', 'a.mp4'),
      setting: 'required',
      expected: 'accept',
    },
    {
      name: 'mute into webm',
      result: local('mute', 'a.webm'),
      setting: 'prefer',
      expected: 'accept',
    },
    {
      name: 'remux into mkv',
      result: local('remux', 'a.mkv'),
      setting: 'required',
      expected: 'accept',
    },
    {
      name: 'audio (needs an encoder)',
      result: local('audio', 'a.mp3'),
      setting: 'required',
      expected: 'client.needs_local_processing.encoding',
    },
    {
      name: 'gif (needs an encoder)',
      result: local('gif', 'a.gif'),
      setting: 'prefer',
      expected: 'client.needs_local_processing.encoding',
    },
    {
      name: 'an HLS merge',
      result: local('merge', 'a.mp4', { isHLS: true }),
      setting: 'required',
      expected: 'client.needs_local_processing.hls',
    },
    {
      name: 'a merge into a container the muxer does not write',
      result: local('merge', 'a.avi'),
      setting: 'required',
      expected: 'client.needs_local_processing.unsupported',
    },
    {
      name: 'a merge with no filename',
      result: local('merge', null),
      setting: 'required',
      expected: 'client.needs_local_processing.unsupported',
    },
    {
      name: 'a merge whose tunnel is on another site',
      result: local('merge', 'a.mp4', {
        tunnel: [TUNNEL_URL, 'https://elsewhere.test/tunnel?id=1'],
      }),
      setting: 'required',
      expected: 'client.target.foreign_tunnel',
    },
    {
      name: 'local-processing proxy without a tunnel',
      result: local('proxy', null, { tunnel: [] }),
      setting: 'required',
      expected: 'client.unsafe_url',
    },
    {
      name: 'tunnel with a javascript: URL',
      result: { status: 'tunnel', url: 'javascript:alert(1)', filename: null },
      setting: 'required',
      expected: 'client.unsafe_url',
    },
    { name: 'picker with a safe item', result: PICKER, setting: 'required', expected: 'accept' },
    {
      name: 'picker with no safe item',
      result: { ...PICKER, items: [{ type: 'photo', url: 'file:///x', thumb: null }] },
      setting: 'required',
      expected: 'client.unsafe_url',
    },
  ])('$name ($setting) → $expected', ({ result, setting, expected }) => {
    const verdict = acceptDeliverable(
      result,
      { instanceOrigin: 'https://api.example.test', reportedApiUrl: null, service: 'twitter' },
      setting,
    );
    if (expected === 'accept') {
      expect(verdict).toBe('accept');
    } else {
      expect(verdict).toEqual({
        reject: { code: expected, action: 'failover', errorClass: 'instance' },
      });
    }
  });
});
