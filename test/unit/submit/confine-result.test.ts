import type { CobaltResult } from '../../../lib/cobalt/cobalt-result';
import type { TargetContext } from '../../../lib/safety/download-target';
import { confineResult } from '../../../lib/submit/confine-result';

const CTX: TargetContext = {
  instanceOrigin: 'https://cobalt.example.com',
  reportedApiUrl: null,
  service: 'twitter',
};
const TUNNEL = 'https://cobalt.example.com/tunnel?id=1';

describe('confineResult', () => {
  it.each<[string, CobaltResult, string]>([
    ['own tunnel', { status: 'tunnel', url: TUNNEL, filename: null }, 'ok'],
    [
      'tunnel on another site',
      { status: 'tunnel', url: 'https://bank.example.org/tunnel?id=1', filename: null },
      'client.target.foreign_tunnel',
    ],
    [
      'redirect to the router',
      { status: 'redirect', url: 'http://192.168.1.1/cgi-bin/reboot.cgi?now=1', filename: null },
      'client.target.local_network',
    ],
    [
      'redirect to a local service on a port',
      { status: 'redirect', url: 'http://127.0.0.1:631/admin/?OP=stop', filename: null },
      'client.target.local_network',
    ],
    [
      'redirect to the media CDN',
      { status: 'redirect', url: 'https://video.twimg.com/a.mp4', filename: null },
      'ok',
    ],
    [
      'redirect to the service but not its media',
      { status: 'redirect', url: 'https://x.com/i/flow/logout', filename: null },
      'client.target.not_media_host',
    ],
    [
      'local-processing with one foreign tunnel of two',
      {
        status: 'local-processing',
        type: 'merge',
        tunnel: [TUNNEL, 'https://evil.example.org/t'],
        filename: null,
        metadata: null,
        isHLS: false,
      },
      'client.target.foreign_tunnel',
    ],
    [
      'local-processing with no tunnel',
      {
        status: 'local-processing',
        type: 'proxy',
        tunnel: [],
        filename: null,
        metadata: null,
        isHLS: false,
      },
      'client.unsafe_url',
    ],
    [
      'picker with only LAN items',
      {
        status: 'picker',
        items: [{ type: 'photo', url: 'http://10.0.0.1/a.jpg', thumb: null }],
        audio: null,
        audioFilename: null,
      },
      'client.target.local_network',
    ],
  ])('%s → %s', (_name, result, expected) => {
    const confined = confineResult(result, CTX);
    expect(confined.ok ? 'ok' : confined.error.code).toBe(expected);
    if (!confined.ok)
      expect(confined.error).toMatchObject({ action: 'failover', errorClass: 'instance' });
  });

  it('keeps the picker items that pass and drops refused items, thumbnails and audio', () => {
    const confined = confineResult(
      {
        status: 'picker',
        items: [
          {
            type: 'photo',
            url: 'https://pbs.twimg.com/media/a.jpg',
            thumb: 'http://[fe80::1]/t.jpg',
          },
          { type: 'video', url: 'http://nas.local/b.mp4', thumb: null },
          { type: 'video', url: TUNNEL, thumb: TUNNEL },
        ],
        audio: 'http://0x7f.1/audio.mp3',
        audioFilename: 'a.mp3',
      },
      CTX,
    );
    expect(confined).toEqual({
      ok: true,
      result: {
        status: 'picker',
        items: [
          { type: 'photo', url: 'https://pbs.twimg.com/media/a.jpg', thumb: null },
          { type: 'video', url: TUNNEL, thumb: TUNNEL },
        ],
        audio: null,
        audioFilename: 'a.mp3',
      },
    });
  });
});
