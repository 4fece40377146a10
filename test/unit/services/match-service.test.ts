import { MAX_LINK_LENGTH, matchService } from '../../../lib/services';
import { EQUIVALENT_FORMS, SUPPORTED_LINKS } from './link-fixtures';

describe('matchService: links cobalt takes, as we send them', () => {
  it.each(SUPPORTED_LINKS)('%s → %s %s', (input, service, sent) => {
    expect(matchService(input)).toEqual({ service, url: sent });
  });

  it.each(SUPPORTED_LINKS)('sending %s again changes nothing', (input) => {
    const first = matchService(input);
    expect(first).not.toBeNull();
    expect(matchService(first?.url ?? '')).toEqual(first);
  });
});

describe('matchService: equivalent forms of one link (case, http, user-info, port, hash, FQDN)', () => {
  it.each(EQUIVALENT_FORMS)('%j → %s %s', (input, service, sent) => {
    expect(matchService(input)).toEqual({ service, url: sent });
  });
});

describe('matchService: tracking parameters are stripped', () => {
  const YT = 'https://www.youtube.com/watch?v=vPwaXytZcgI';
  it.each([
    'utm_source=newsletter&utm_medium=email&utm_campaign=x&utm_term=y&utm_content=z',
    'si=AbCdEfGhIjKlMnOp',
    'feature=youtu.be',
    't=42',
    'igsh=MzRlODBiNWFlZA==',
    's=20',
    'fbclid=IwAR0abc',
    'gclid=abc&dclid=def',
    'list=PLx&index=3&pp=ygU',
    'v2=shadow&vv=1',
  ])('?%s', (tracking) => {
    expect(matchService(`${YT}&${tracking}`)?.url).toBe(YT);
  });
});

describe('matchService: length', () => {
  const title = (length: number): string =>
    `https://www.reddit.com/r/videos/comments/abc123/${'t'.repeat(length)}`;

  it.each([
    [800, true],
    [MAX_LINK_LENGTH - 'https://www.reddit.com/r/videos/comments/abc123/'.length, true],
    [MAX_LINK_LENGTH - 'https://www.reddit.com/r/videos/comments/abc123/'.length + 1, false],
    [5000, false],
  ])('a %i-character title is accepted: %s', (length, accepted) => {
    const match = matchService(title(length));
    expect(match !== null).toBe(accepted);
    if (match) expect(match.url.length).toBeLessThanOrEqual(MAX_LINK_LENGTH);
  });

  it('a long tracking query does not count: it is stripped', () => {
    const long = `https://youtu.be/vPwaXytZcgI?si=${'a'.repeat(5000)}`;
    expect(matchService(long)?.url).toBe('https://youtube.com/watch?v=vPwaXytZcgI');
  });
});
