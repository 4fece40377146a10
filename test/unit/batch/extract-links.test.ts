import { extractLinks, MAX_BATCH_LINKS } from '../../../lib/batch/extract-links';

const YT = 'https://www.youtube.com/watch?v=vPwaXytZcgI';
const X = 'https://x.com/user/status/1697304622749086011';
const CLIP = 'https://clips.twitch.tv/SomeClipSlug';

describe('extractLinks', () => {
  it.each<[string, string, string[], number]>([
    ['one per line', `${YT}\n${X}\n${CLIP}`, [YT, X, CLIP], 0],
    ['prose with glued punctuation', `watch ${YT}, then ${X}. and (${CLIP})!`, [YT, X, CLIP], 0],
    [
      'tracking dropped, duplicates once',
      `${YT}&feature=share\n${YT}\nhttps://www.youtube.com/watch?v=vPwaXytZcgI#t=3`,
      [YT],
      0,
    ],
    [
      'pages no service takes are counted, not kept',
      `https://example.com/a ${X} https://x.com/home`,
      [X],
      2,
    ],
    ['no links', 'nothing to see here', [], 0],
    ['html-ish selection', `<a href="${X}">post</a>`, [X], 0],
  ])('%s', (_name, text, links, ignored) => {
    const out = extractLinks(text);
    expect(out.links.map((l) => l.url)).toEqual(links);
    expect(out.ignored).toBe(ignored);
    expect(out.overflow).toBe(0);
  });

  it('names each link with its service', () => {
    expect(extractLinks(`${CLIP} ${YT}`).links.map((l) => l.service)).toEqual([
      'twitch',
      'youtube',
    ]);
  });

  it(`keeps at most ${MAX_BATCH_LINKS} links and counts the rest`, () => {
    const many = Array.from(
      { length: MAX_BATCH_LINKS + 3 },
      (_, i) => `https://x.com/u/status/${1000 + i}`,
    );
    const out = extractLinks(many.join('\n'));
    expect(out.links).toHaveLength(MAX_BATCH_LINKS);
    expect(out.overflow).toBe(3);
  });
});
