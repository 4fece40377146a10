import {
  checkDownloadTarget,
  checkLocalProcessingTunnel,
  type TargetContext,
  type TargetKind,
  type TargetRefusal,
} from '../../../lib/safety/download-target';
import { classifyIpHost, type IpClass } from '../../../lib/safety/ip-literal';
import { isLocalName } from '../../../lib/safety/local-name';
import { registrableDomain } from '../../../lib/safety/registrable-domain';

/** The host the WHATWG parser (as the browser) makes of `raw`, then classified. */
const hostClass = (raw: string): IpClass | null => classifyIpHost(new URL(raw).hostname);

describe('classifyIpHost: every notation the URL parser accepts, judged as the browser uses it', () => {
  it.each<[string, IpClass | null]>([
    ['http://127.0.0.1/', 'loopback'],
    ['http://0x7f.1/', 'loopback'],
    ['http://2130706433/', 'loopback'],
    ['http://017700000001/', 'loopback'],
    ['http://127.1/', 'loopback'],
    ['http://0177.0.0.1/', 'loopback'],
    ['http://[::1]/', 'loopback'],
    ['http://[::ffff:127.0.0.1]/', 'loopback'],
    ['http://[0:0:0:0:0:ffff:7f00:1]/', 'loopback'],
    ['http://[::ffff:192.168.1.1]/', 'private'],
    ['http://[64:ff9b::10.0.0.1]/', 'private'],
    ['http://[2002:c0a8:0101::1]/', 'private'],
    ['http://[::127.0.0.1]/', 'loopback'],
    ['http://10.1.2.3/', 'private'],
    ['http://172.16.0.1/', 'private'],
    ['http://172.31.255.255/', 'private'],
    ['http://192.168.1.1/', 'private'],
    ['http://0xc0a80101/', 'private'],
    ['http://100.64.0.1/', 'cgnat'],
    ['http://100.127.255.254/', 'cgnat'],
    ['http://169.254.169.254/', 'link-local'],
    ['http://[fe80::1]/', 'link-local'],
    ['http://[fd00::1]/', 'private'],
    ['http://[fc00::1]/', 'private'],
    ['http://224.0.0.251/', 'multicast'],
    ['http://[ff02::1]/', 'multicast'],
    ['http://0.0.0.0/', 'unspecified'],
    ['http://0/', 'unspecified'],
    ['http://[::]/', 'unspecified'],
    ['http://0.1.2.3/', 'reserved'],
    ['http://255.255.255.255/', 'reserved'],
    ['http://240.0.0.1/', 'reserved'],
    ['http://192.0.2.1/', 'reserved'],
    ['http://198.18.0.1/', 'reserved'],
    ['http://[2001:db8::1]/', 'reserved'],
    ['http://[::ffff:0:8.8.8.8]/', 'reserved'],
    ['http://8.8.8.8/', 'public'],
    ['http://172.32.0.1/', 'public'],
    ['http://100.128.0.1/', 'public'],
    ['http://[2606:4700::1111]/', 'public'],
    ['http://[::ffff:8.8.8.8]/', 'public'],
    ['http://example.com/', null],
    ['http://1.2.3.4.example.com/', null],
  ])('%s → %s', (raw, expected) => {
    expect(hostClass(raw)).toBe(expected);
  });
});

describe('isLocalName', () => {
  it.each<[string, boolean]>([
    ['localhost', true],
    ['localhost.', true],
    ['foo.localhost', true],
    ['router', true],
    ['nas.local', true],
    ['printer.home.arpa', true],
    ['db.internal', true],
    ['box.lan', true],
    ['video.twimg.com', false],
    ['local.example.com', false],
    ['localhost.example.com', false],
  ])('%s → %s', (name, expected) => {
    expect(isLocalName(name)).toBe(expected);
  });
});

describe('registrableDomain errs long, never short', () => {
  it.each<[string, string]>([
    ['api.cobalt.example.com', 'example.com'],
    ['example.com', 'example.com'],
    ['a.b.example.co.uk', 'example.co.uk'],
    ['evil.co.uk', 'evil.co.uk'],
    ['x.example.com.au', 'example.com.au'],
    ['mine.up.railway.app', 'mine.up.railway.app'],
    ['api.mine.up.railway.app', 'mine.up.railway.app'],
    ['someone.github.io', 'someone.github.io'],
    ['203.0.113.9', '203.0.113.9'],
    ['Example.COM.', 'example.com'],
  ])('%s → %s', (host, expected) => {
    expect(registrableDomain(host)).toBe(expected);
  });
});

const CTX: TargetContext = {
  instanceOrigin: 'https://cobalt.example.com',
  reportedApiUrl: null,
  service: 'twitter',
};

describe('checkDownloadTarget', () => {
  it.each<[string, TargetKind, Partial<TargetContext>, TargetRefusal | 'ok']>([
    // tunnels: the instance's own origin, or its reported API URL on the same registrable domain
    ['https://cobalt.example.com/tunnel?id=1', 'tunnel', {}, 'ok'],
    ['https://bank.example.org/tunnel?id=1', 'tunnel', {}, 'foreign-tunnel'],
    ['http://cobalt.example.com/tunnel?id=1', 'tunnel', {}, 'foreign-tunnel'],
    ['https://cobalt.example.com:8443/tunnel', 'tunnel', {}, 'foreign-tunnel'],
    [
      'https://api.example.com/tunnel',
      'tunnel',
      { reportedApiUrl: 'https://api.example.com/' },
      'ok',
    ],
    [
      'https://api.evil.org/tunnel',
      'tunnel',
      { reportedApiUrl: 'https://api.evil.org/' },
      'foreign-tunnel',
    ],
    [
      'http://api.example.com/tunnel',
      'tunnel',
      { reportedApiUrl: 'http://api.example.com/' },
      'foreign-tunnel',
    ],
    ['https://lan.example.com/x', 'tunnel', { reportedApiUrl: 'https://lan.example.com/' }, 'ok'],
    [
      'http://127.0.0.1:9000/tunnel',
      'tunnel',
      { reportedApiUrl: 'http://127.0.0.1:9000/' },
      'foreign-tunnel',
    ],
    ['https://video.twimg.com/a.mp4', 'tunnel', {}, 'foreign-tunnel'],
    ['javascript:alert(1)', 'tunnel', {}, 'unsafe'],
    // a user's own instance on the LAN: its own tunnels are fine
    [
      'http://192.168.1.20:9000/tunnel?id=1',
      'tunnel',
      { instanceOrigin: 'http://192.168.1.20:9000' },
      'ok',
    ],
    // redirects: public, default port, the service's media host
    ['https://video.twimg.com/ext_tw_video/1/a.mp4', 'redirect', {}, 'ok'],
    ['https://pbs.twimg.com/media/a.jpg', 'picker-item', {}, 'ok'],
    ['https://twimg.com.evil.org/a.mp4', 'redirect', {}, 'not-media-host'],
    ['https://x.com/settings', 'redirect', {}, 'not-media-host'],
    ['https://bank.example.org/', 'redirect', {}, 'not-media-host'],
    ['http://192.168.1.1/cgi-bin/reboot.cgi?now=1', 'redirect', {}, 'local-network'],
    ['http://127.0.0.1:631/admin/?OP=stop', 'redirect', {}, 'local-network'],
    ['http://0x7f.1/', 'redirect', {}, 'local-network'],
    ['http://2130706433/', 'redirect', {}, 'local-network'],
    ['http://[::ffff:127.0.0.1]/', 'redirect', {}, 'local-network'],
    ['http://[fe80::1]/', 'thumbnail', {}, 'local-network'],
    ['http://localhost/a.mp4', 'redirect', {}, 'local-network'],
    ['http://video.twimg.com.local/a.mp4', 'redirect', {}, 'local-network'],
    ['http://nas/a.mp4', 'picker-audio', {}, 'local-network'],
    ['https://video.twimg.com:8443/a.mp4', 'redirect', {}, 'port'],
    ['https://8.8.8.8/a.mp4', 'redirect', {}, 'not-media-host'],
    // anything on the instance's own origin is a tunnel (cobalt proxies picker items and thumbs)
    ['https://cobalt.example.com/tunnel?id=2', 'thumbnail', {}, 'ok'],
    ['https://i.redd.it/a.gif', 'redirect', { service: 'reddit' }, 'ok'],
    ['https://i.redd.it/a.gif', 'redirect', { service: 'youtube' }, 'not-media-host'],
    ['https://scontent-ams2-1.cdninstagram.com/v.mp4', 'redirect', { service: 'instagram' }, 'ok'],
  ])('%s as %s %j → %s', (raw, kind, ctx, expected) => {
    const verdict = checkDownloadTarget(raw, kind, { ...CTX, ...ctx });
    expect(verdict.ok ? 'ok' : verdict.reason).toBe(expected);
  });

  it('local-processing tunnels are held to the tunnel rule', () => {
    expect(checkLocalProcessingTunnel('https://cobalt.example.com/tunnel?id=1', CTX)).toEqual({
      ok: true,
      url: 'https://cobalt.example.com/tunnel?id=1',
    });
    expect(checkLocalProcessingTunnel('https://cdn.example.org/x', CTX)).toEqual({
      ok: false,
      reason: 'foreign-tunnel',
    });
  });
});
