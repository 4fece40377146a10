import {
  formatBytes,
  formatMs,
  formatRelative,
  hostOf,
  pastedLink,
  safeHttpUrl,
} from '../../../lib/ui/format';
import { trailMessageKey } from '../../../lib/ui/trail-message';

describe('UI formatting helpers', () => {
  it.each([
    [null, '–'],
    [-1, '–'],
    [0, '0 ms'],
    [240.4, '240 ms'],
    [1234, '1.2 s'],
    [45_000, '45 s'],
  ])('formatMs(%j) = %j', (ms, text) => {
    expect(formatMs(ms)).toBe(text);
  });

  it('formats relative times in the UI language', () => {
    const now = Date.UTC(2026, 0, 1);
    expect(formatRelative(now - 5 * 60_000, now)).toBe('5 minutes ago');
    expect(formatRelative(now + 2 * 3_600_000, now)).toBe('in 2 hours');
    expect(formatRelative(now - 3 * 86_400_000, now, 'de')).toBe('vor 3 Tagen');
    expect(formatRelative(null, now)).toBe('–');
  });

  it('hosts and safe links', () => {
    expect(hostOf('https://api.example:9000')).toBe('api.example:9000');
    expect(hostOf('not a url')).toBe('not a url');
    expect(safeHttpUrl('javascript:alert(1)')).toBeNull();
    expect(safeHttpUrl('data:image/png;base64,AA')).toBeNull();
    expect(safeHttpUrl('https://cdn.example/a.jpg')).toBe('https://cdn.example/a.jpg');
  });

  it.each([
    ['https://vimeo.com/76979871', 'https://vimeo.com/76979871'],
    ['  youtu.be/dQw4w9WgXcQ ', 'https://youtu.be/dQw4w9WgXcQ'],
    ['hello world', null],
    ['hello', null],
    ['javascript:alert(1)', null],
    ['file:///etc/passwd', null],
    ['', null],
  ])('pastedLink(%j) = %j', (text, url) => {
    expect(pastedLink(text)).toBe(url);
  });

  it('trail entries keep their own message key; bare codes are mapped like lib/submit does', () => {
    expect(trailMessageKey({ outcome: 'failed', messageKey: 'trail_region' })).toBe('trail_region');
    expect(trailMessageKey({ outcome: 'failed', code: 'error.api.fetch.rate' })).toBe(
      'trail_rate_limited',
    );
    expect(trailMessageKey({ outcome: 'ok' })).toBe('trail_ok');
    expect(trailMessageKey({ outcome: 'failed', code: '' })).toBe('trail_failed');
  });
});

describe('formatBytes', () => {
  it.each([
    [0, '0 B'],
    [999, '999 B'],
    [80_000, '80 kB'],
    [1_200_000, '1.2 MB'],
    [3_456_789_012, '3.5 GB'],
    [-1, '–'],
    [Number.NaN, '–'],
  ])('formatBytes(%j) = %j', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });
});
