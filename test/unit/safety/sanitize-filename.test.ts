import fc from 'fast-check';
import {
  MAX_FILENAME_BYTES,
  MAX_FILENAME_CHARS,
  extensionForMime,
  sanitizeFilename,
} from '../../../lib/safety/sanitize-filename';

const utf8 = (text: string) => new TextEncoder().encode(text).length;
/** Separators, Windows-forbidden characters, controls and bidi overrides/isolates. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE_CHAR = /[/\\:*?"<>|\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

describe('sanitizeFilename', () => {
  it.each<[string, unknown, string]>([
    [
      'a normal cobalt name',
      'youtube_dQw4w9WgXcQ_1920x1080_h264.mp4',
      'youtube_dQw4w9WgXcQ_1920x1080_h264.mp4',
    ],
    ['spaces and unicode kept', 'Ünïcødé vidéo 日本語.mp4', 'Ünïcødé vidéo 日本語.mp4'],
    ['posix traversal', '../../etc/passwd', '_._etc_passwd'],
    ['windows traversal', '..\\..\\Windows\\System32\\evil.dll', '_._Windows_System32_evil.dll'],
    ['absolute path', '/etc/cron.d/job', '_etc_cron.d_job'],
    ['dots in the middle', 'a..b...c.mp4', 'a.b.c.mp4'],
    ['only dots', '..', 'download'],
    ['single dot', '.', 'download'],
    ['hidden file', '.bashrc', 'download.bashrc'],
    ['hidden with extension', '.profile.mp4', 'profile.mp4'],
    ['NUL byte', 'video\u0000.mp4.exe', 'video.mp4.exe'],
    ['newlines and tabs', 'line1\nline2\tx.mp4', 'line1line2x.mp4'],
    ['C1 control', 'a\u0085b.mp4', 'ab.mp4'],
    ['DEL', 'a\u007fb.mp4', 'ab.mp4'],
    ['RTL override (evil\u202Egpj.exe)', 'evil\u202Egpj.exe', 'evilgpj.exe'],
    ['bidi isolates and marks', '\u2066a\u2069\u200fb\u200e.mp4', 'ab.mp4'],
    ['zero-width and BOM', '\ufeffa\u200bb.mp4', 'ab.mp4'],
    ['windows forbidden characters', 'a<b>c:d"e|f?g*h.mp4', 'a_b_c_d_e_f_g_h.mp4'],
    ['trailing dots and spaces', 'video.mp4. . ', 'video.mp4'],
    ['leading spaces', '   video.mp4', 'video.mp4'],
    ['runs of whitespace', 'a   \u00a0  b.mp4', 'a b.mp4'],
    ['CON', 'CON', '_CON'],
    ['con with extension', 'con.mp4', '_con.mp4'],
    ['NUL with two extensions', 'nul.tar.gz', '_nul.tar.gz'],
    ['COM1', 'COM1.txt', '_COM1.txt'],
    ['LPT9', 'lpt9', '_lpt9'],
    ['COM superscript', 'COM¹.mp4', '_COM¹.mp4'],
    ['CONIN$', 'CONIN$.mp4', '_CONIN$.mp4'],
    ['AUX after cleaning', ' aux .mp4', '_aux.mp4'],
    ['not reserved: console', 'console.mp4', 'console.mp4'],
    ['not reserved: COM10', 'COM10.mp4', 'COM10.mp4'],
    ['empty', '', 'download'],
    ['only separators', '///', '___'],
    ['only controls', '\u0000\u0001\u202e', 'download'],
    ['not a string', 42, 'download'],
    ['null', null, 'download'],
    ['lone surrogate', 'a\ud800b.mp4', 'ab.mp4'],
    [
      'extension too long is part of the name',
      'archive.verylongextension',
      'archive.verylongextension',
    ],
    ['NFC normalised', 'e\u0301.mp4', 'é.mp4'],
  ])('%s', (_name, raw, expected) => {
    expect(sanitizeFilename(raw)).toBe(expected);
  });

  it('bounds the length and keeps the extension', () => {
    const name = sanitizeFilename(`${'a'.repeat(500)}.mp4`);
    expect(name).toHaveLength(MAX_FILENAME_CHARS);
    expect(name.endsWith('.mp4')).toBe(true);
  });

  it('bounds the UTF-8 size without splitting characters', () => {
    const name = sanitizeFilename(`${'😀'.repeat(200)}.webm`);
    expect(utf8(name)).toBeLessThanOrEqual(MAX_FILENAME_BYTES);
    expect(name.endsWith('.webm')).toBe(true);
    expect(name).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
  });

  it('trims dots and spaces left at the cut', () => {
    const name = sanitizeFilename(`${'a'.repeat(MAX_FILENAME_CHARS - 6)}. . . . . .mp4`);
    expect(name).not.toMatch(/[. ]\.mp4$/);
  });

  it.each<[string, unknown, Parameters<typeof sanitizeFilename>[1], string]>([
    ['fallback extension when none', 'video', { fallbackExtension: 'mp4' }, 'video.mp4'],
    [
      'fallback name and extension',
      '',
      { fallbackBase: 'tiktok_audio', fallbackExtension: 'mp3' },
      'tiktok_audio.mp3',
    ],
    ['own extension wins', 'a.webm', { fallbackExtension: 'mp4' }, 'a.webm'],
    ['hostile fallback extension ignored', 'video', { fallbackExtension: '../exe' }, 'video'],
    ['hostile fallback base cleaned', '', { fallbackBase: '../x' }, '_x'],
  ])('%s', (_name, raw, options, expected) => {
    expect(sanitizeFilename(raw, options)).toBe(expected);
  });

  it('always yields one safe, bounded path segment (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 600 }), (raw) => {
        const name = sanitizeFilename(raw);
        expect(name.length).toBeGreaterThan(0);
        expect([...name].length).toBeLessThanOrEqual(MAX_FILENAME_CHARS);
        expect(utf8(name)).toBeLessThanOrEqual(MAX_FILENAME_BYTES);
        expect(name).not.toMatch(UNSAFE_CHAR);
        expect(name).not.toContain('..');
        expect(name).not.toMatch(/^[. ]|[. ]$/);
        expect(name.split('.')[0]).not.toMatch(/^(con|prn|aux|nul|com\d|lpt\d)$/i);
        expect(sanitizeFilename(name)).toBe(name); // idempotent
      }),
      { numRuns: 500 },
    );
  });
});

describe('extensionForMime', () => {
  it.each([
    ['video/mp4', 'mp4'],
    ['audio/mpeg', 'mp3'],
    ['audio/mp4', 'm4a'],
    ['image/jpeg', 'jpg'],
    ['Video/WebM; codecs="vp9"', 'webm'],
    ['application/x-evil', 'bin'],
    [null, 'bin'],
  ])('%s → %s', (mime, extension) => {
    expect(extensionForMime(mime)).toBe(extension);
  });
});
