import {
  compilePattern,
  fillTemplate,
  matchFirst,
  matchPattern,
  type Captures,
  type PathPattern,
} from '../../../lib/services/path-pattern';

describe('matchPattern: url-pattern semantics as cobalt configures them (docs/cobalt-api.md §5.1)', () => {
  it.each<[PathPattern, string, Captures | null]>([
    ['watch?v=:id', 'watch?v=vPwaXytZcgI', { id: 'vPwaXytZcgI' }],
    [':user/status/:id', 'jack/status/20', { user: 'jack', id: '20' }],
    [':author/:song/s-:accessKey', 'a/b/s-XyZ', { author: 'a', song: 'b', accessKey: 'XyZ' }],
    ['v/:postId.html', 'v/7195741644585454894.html', { postId: '7195741644585454894' }],
    ['r/u_:user/comments/:id', 'r/u_me/comments/abc', { user: 'me', id: 'abc' }],
    ['video:ownerId_:videoId', 'video-1_2', { ownerId: '-1', videoId: '2' }],
    // the widened charset: @ . : are segment characters, / ? & = are not
    [
      'profile/:user/post/:post',
      'profile/did:plc:abc/post/3l2',
      { user: 'did:plc:abc', post: '3l2' },
    ],
    [':user/video/:postId', '@someone/video/1', { user: '@someone', postId: '1' }],
    [':id', 'a%20b~c', { id: 'a%20b~c' }],
    [':id', 'a/b', null],
    [':id', 'a?b', null],
    [':id', 'a=b', null],
    ['watch?v=:id', 'watch?v=a&b=c', null],
    // whole input, case-sensitive, non-empty captures
    ['p/:id', 'p/', null],
    ['p/:id', 'P/abc', null],
    ['p/:id', 'xp/abc', null],
    ['p/:id', 'p/abc/', null],
    // literal regex characters stay literal
    ['video.php?v=:v', 'videoXphp?v=1', null],
    ['video.php?v=:v', 'video.php?v=1', { v: '1' }],
    // `*` spans anything, slashes included
    ['*?v=:v', 'watch/live?v=123', { v: '123' }],
    [':id/*', 'abc//x/y', { id: 'abc' }],
    // RegExp patterns pass named groups through
    [/^share\/(?<id>[0-9a-f]{4})$/, 'share/beef', { id: 'beef' }],
    [/^share\/(?<id>[0-9a-f]{4})$/, 'share/cafe1', null],
  ])('%s on %j → %j', (pattern, input, expected) => {
    expect(matchPattern(pattern, input)).toEqual(expected);
  });
});

describe('compilePattern', () => {
  it('compiles each pattern once', () => {
    expect(compilePattern('x/:a')).toBe(compilePattern('x/:a'));
  });
});

describe('matchFirst', () => {
  const patterns = ['p/:postId', ':username/p/:postId', 'share/:shareId'];
  it.each<[string, Captures | null]>([
    ['p/abc', { postId: 'abc' }],
    ['me/p/abc', { username: 'me', postId: 'abc' }],
    ['share/xyz', { shareId: 'xyz' }],
    ['reel/abc', null],
  ])('%s → %j', (input, expected) => {
    expect(matchFirst(patterns, input)).toEqual(expected);
  });
});

describe('fillTemplate', () => {
  it.each<[string, Captures, string]>([
    ['watch?v=:id', { id: 'abc' }, 'watch?v=abc'],
    [':id/:password', { id: '1', password: 'h' }, '1/h'],
    ['user/videos/:v', { v: '42' }, 'user/videos/42'],
    ['share/:id', {}, 'share/:id'],
  ])('%s with %j → %s', (template, captures, expected) => {
    expect(fillTemplate(template, captures)).toBe(expected);
  });
});
