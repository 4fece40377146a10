import type { DownloadEnd } from '../../../lib/model/download-end';
import { judgeDownloadEnd } from '../../../lib/submit/judge-download-end';

const CASES: [string, Omit<DownloadEnd, 'id'>, string][] = [
  ['an mp4', { state: 'complete', mime: 'video/mp4', bytes: 5_000_000 }, 'saved'],
  ['a photo', { state: 'complete', mime: 'image/jpeg', bytes: 80_000 }, 'saved'],
  ['no type reported', { state: 'complete', bytes: 10 }, 'saved'],
  ['no size reported', { state: 'complete', mime: 'audio/mpeg' }, 'saved'],
  ['a web page', { state: 'complete', mime: 'text/html', bytes: 900 }, 'not-media'],
  [
    'a web page, with charset',
    { state: 'complete', mime: 'Text/HTML; charset=UTF-8', bytes: 9 },
    'not-media',
  ],
  ['an xhtml page', { state: 'complete', mime: 'application/xhtml+xml', bytes: 9 }, 'not-media'],
  ['a JSON error', { state: 'complete', mime: 'application/json', bytes: 40 }, 'not-media'],
  ['an empty file', { state: 'complete', mime: 'video/mp4', bytes: 0 }, 'not-media'],
  ['the network failed', { state: 'interrupted', error: 'NETWORK_FAILED' }, 'broken'],
  ['the server failed', { state: 'interrupted', error: 'SERVER_FAILED' }, 'broken'],
  ['an expired tunnel', { state: 'interrupted', error: 'SERVER_BAD_CONTENT' }, 'broken'],
  ['cut short', { state: 'interrupted', error: 'SERVER_CONTENT_LENGTH_MISMATCH' }, 'broken'],
  ['the browser crashed', { state: 'interrupted', error: 'CRASH' }, 'broken'],
  ['no reason given', { state: 'interrupted' }, 'broken'],
  [
    'finished short of its length',
    { state: 'complete', bytes: 500, expectedBytes: 1000 },
    'broken',
  ],
  ['finished at its length', { state: 'complete', bytes: 1000, expectedBytes: 1000 }, 'saved'],
  [
    'a short web page',
    { state: 'complete', mime: 'text/html', bytes: 9, expectedBytes: 99 },
    'not-media',
  ],
  ['the user cancelled', { state: 'interrupted', error: 'USER_CANCELED' }, 'cancelled'],
  ['the disk is full', { state: 'interrupted', error: 'FILE_NO_SPACE' }, 'local'],
  ['no write access', { state: 'interrupted', error: 'FILE_ACCESS_DENIED' }, 'local'],
];

describe('judgeDownloadEnd', () => {
  it.each(CASES)('%s → %s', (_name, end, kind) => {
    expect(judgeDownloadEnd({ id: 1, ...end }).kind).toBe(kind);
  });

  it('names the code the trail and health record', () => {
    expect(judgeDownloadEnd({ id: 1, state: 'complete', bytes: 0 })).toEqual({
      kind: 'not-media',
      code: 'client.download.not_media',
    });
    expect(judgeDownloadEnd({ id: 1, state: 'interrupted', error: 'NETWORK_FAILED' })).toEqual({
      kind: 'broken',
      code: 'client.download.broken',
    });
  });
});
