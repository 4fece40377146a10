import fc from 'fast-check';
import {
  MAX_URL_LENGTH,
  isSafeDownloadUrl,
  safeDownloadUrl,
} from '../../../lib/safety/safe-download-url';

describe('safeDownloadUrl', () => {
  it.each([
    ['https://api.example/tunnel?id=abc&exp=1', 'https://api.example/tunnel?id=abc&exp=1'],
    ['http://127.0.0.1:9000/tunnel?id=x', 'http://127.0.0.1:9000/tunnel?id=x'],
    ['HTTPS://CDN.Example/V.mp4', 'https://cdn.example/V.mp4'],
    ['  https://cdn.example/v.mp4  ', 'https://cdn.example/v.mp4'],
    ['https://[::1]:8080/x', 'https://[::1]:8080/x'],
    [
      'https://xn--e1afmkfd.xn--p1ai/видео.mp4',
      'https://xn--e1afmkfd.xn--p1ai/%D0%B2%D0%B8%D0%B4%D0%B5%D0%BE.mp4',
    ],
  ])('accepts %s', (raw, url) => {
    expect(safeDownloadUrl(raw)).toEqual({ ok: true, url });
  });

  it.each([
    ['javascript:alert(1)', 'scheme'],
    ['JavaScript:alert(1)', 'scheme'],
    [' javascript:alert(1)', 'scheme'],
    ['java\nscript:alert(1)', 'scheme'],
    ['java\tscript:alert(1)', 'scheme'],
    ['\u0000javascript:alert(1)', 'scheme'],
    ['data:text/html,<script>alert(1)</script>', 'scheme'],
    ['data:video/mp4;base64,AAAA', 'scheme'],
    ['file:///etc/passwd', 'scheme'],
    ['file://C:/Windows/win.ini', 'scheme'],
    ['chrome://settings', 'scheme'],
    ['chrome-extension://abcdefghijklmnop/page.html', 'scheme'],
    ['moz-extension://uuid/page.html', 'scheme'],
    ['blob:https://cobalt.example/uuid', 'scheme'],
    ['about:blank', 'scheme'],
    ['ftp://files.example/v.mp4', 'scheme'],
    ['ws://api.example/socket', 'scheme'],
    ['vbscript:msgbox(1)', 'scheme'],
    ['view-source:https://example.com', 'scheme'],
    ['https://user:pass@cdn.example/v.mp4', 'credentials'],
    ['https://youtube.com@evil.example/v.mp4', 'credentials'],
    ['https://:secret@cdn.example/', 'credentials'],
    ['/tunnel?id=abc', 'unparseable'],
    ['//cdn.example/v.mp4', 'unparseable'],
    ['not a url', 'unparseable'],
    ['', 'unparseable'],
    ['http://', 'unparseable'],
    [`https://cdn.example/${'a'.repeat(MAX_URL_LENGTH)}`, 'too-long'],
    [null, 'not-a-string'],
    [42, 'not-a-string'],
    [{ href: 'https://x' }, 'not-a-string'],
  ])('rejects %j (%s)', (raw, reason) => {
    expect(safeDownloadUrl(raw)).toEqual({ ok: false, reason });
    expect(isSafeDownloadUrl(raw)).toBe(false);
  });

  it('only ever passes http(s) URLs without credentials (property)', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.webUrl({ withQueryParameters: true }),
          fc.string(),
          fc.constantFrom('javascript:', 'data:', 'file:'),
        ),
        (raw) => {
          const checked = safeDownloadUrl(raw);
          if (!checked.ok) return;
          const url = new URL(checked.url);
          expect(['http:', 'https:']).toContain(url.protocol);
          expect(url.username + url.password).toBe('');
        },
      ),
      { numRuns: 300 },
    );
  });
});
