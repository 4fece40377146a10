import { filenameFromContentDisposition } from '../../../lib/safety/content-disposition-filename';
import { sanitizeFilename } from '../../../lib/safety/sanitize-filename';

describe('filenameFromContentDisposition', () => {
  it.each<[string | null, string | null]>([
    ['attachment; filename="video.mp4"', 'video.mp4'],
    ['attachment; filename=video.mp4', 'video.mp4'],
    ['attachment;filename="a \\"quoted\\" name.mp4"', 'a "quoted" name.mp4'],
    ['attachment; filename="vid?o.mp4"; filename*=UTF-8\'\'vid%C3%A9o.mp4', 'vidéo.mp4'],
    ["attachment; filename*=utf-8'en'%E6%97%A5%E6%9C%AC.mp4", '日本.mp4'],
    ['attachment; filename*=UTF-8\'\'%E0%A4%A; filename="fallback.mp4"', 'fallback.mp4'],
    ['attachment; filename*=ISO-8859-1\'\'caf%E9.mp4; filename="cafe.mp4"', 'cafe.mp4'],
    ['attachment; filename="../../etc/passwd"', '../../etc/passwd'],
    ['ATTACHMENT; FILENAME="LOUD.MP4"', 'LOUD.MP4'],
    ['inline', null],
    ['attachment; filename=', null],
    ['', null],
    [null, null],
    [`attachment; filename="${'a'.repeat(10_000)}"`, null],
  ])('%j → %j', (header, expected) => {
    expect(filenameFromContentDisposition(header)).toBe(expected);
  });

  it('yields raw text: a traversal name is only safe after sanitizeFilename', () => {
    const raw = filenameFromContentDisposition('attachment; filename="../../.bashrc"');
    expect(raw).toBe('../../.bashrc');
    expect(sanitizeFilename(raw)).toBe('_._.bashrc');
  });
});
