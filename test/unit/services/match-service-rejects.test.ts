import { matchService } from '../../../lib/services';

const V = 'vPwaXytZcgI';
const TWEET = '1697304622749086011';

describe('matchService: hosts outside the table never match', () => {
  it.each([
    `https://youtube.com.evil.example/watch?v=${V}`,
    `https://www.youtube.com.evil.example./watch?v=${V}`,
    `https://evilyoutube.com/watch?v=${V}`,
    `https://youtube.com-evil.example/watch?v=${V}`,
    `https://youtube.com@evil.example/watch?v=${V}`,
    `https://www.youtube.com:443@evil.example/watch?v=${V}`,
    `https://x.com:pass@evil.example/user/status/${TWEET}`,
    `https://xn--yutube-wqf.com/watch?v=${V}`,
    `https://yоutube.com/watch?v=${V}`, // Cyrillic о: the parser makes it xn--
    `https://www.xn--youtube-4qa.com/watch?v=${V}`,
    `https://youtube.co.uk/watch?v=${V}`,
    `https://youtube.de/watch?v=${V}`,
    `https://www.m.youtube.com/watch?v=${V}`,
    `https://studio.youtube.com/video/${V}/edit`,
    `https://www.youtu.be/${V}`,
    `https://youtu.be.evil.example/${V}`,
    `https://127.0.0.1/watch?v=${V}`,
    `https://0x7f.1/watch?v=${V}`,
    `https://[::1]/watch?v=${V}`,
    `https://[2001:db8::1]:8080/watch?v=${V}`,
    `https://www.youtube.com../watch?v=${V}`,
    `https://x.com.evil.example/user/status/${TWEET}`,
    `https://notx.com/user/status/${TWEET}`,
    `https://xx.com/user/status/${TWEET}`,
    `https://twitter.com.evil.example/user/status/${TWEET}`,
    'https://instagram.com.evil.example/p/CmCVWoIr9OH',
    'https://m.instagram.com/p/CmCVWoIr9OH',
    'https://pinterest.evil/pin/70437485604616',
    'https://pinterest.com.evil.example/pin/70437485604616',
    'https://redd.it/abc123',
    'https://www.redd.it/abc123',
    'https://vk.com.evil.example/video-1_2',
    'https://x.vk.com/video-1_2',
    `https://evil.example/?u=https://www.youtube.com/watch?v=${V}`,
    `https://evil.example/https://www.youtube.com/watch?v=${V}`,
    `https://evil.example/#https://www.youtube.com/watch?v=${V}`,
  ])('%s', (input) => {
    expect(matchService(input)).toBeNull();
  });
});

describe('matchService: only http(s)', () => {
  it.each([
    `ftp://youtube.com/watch?v=${V}`,
    `ws://youtube.com/watch?v=${V}`,
    `wss://youtube.com/watch?v=${V}`,
    `file:///home/u/youtube.com/watch?v=${V}`,
    `javascript:alert(1)//https://youtube.com/watch?v=${V}`,
    `data:text/html,https://youtube.com/watch?v=${V}`,
    `blob:https://www.youtube.com/0c6b8a1e-1234`,
    `view-source:https://www.youtube.com/watch?v=${V}`,
    'chrome://extensions',
    'about:blank',
    'chrome-extension://abcdefghijklmnop/popup.html',
    'moz-extension://1234-5678/popup.html',
  ])('%s', (input) => {
    expect(matchService(input)).toBeNull();
  });
});

describe('matchService: garbage', () => {
  it.each([
    '',
    ' ',
    'not a url',
    'youtube.com/watch?v=vPwaXytZcgI',
    '//youtube.com/watch?v=vPwaXytZcgI',
    'https://',
    'https:///watch?v=x',
    'https://%',
    'http://[::1',
    'https://www.youtube.com%2F@evil.example/',
    '💥',
    'a'.repeat(20_000),
    `https://www.youtube.com/watch?v=${V}&x=${'a'.repeat(20_000)}`,
  ])('%j', (input) => {
    expect(matchService(input)).toBeNull();
  });
});

describe('matchService: service pages and links cobalt rejects (docs/cobalt-api.md §5.2, §9 item 13)', () => {
  it.each([
    ['youtube home', 'https://www.youtube.com/'],
    [
      'youtube playlist',
      'https://www.youtube.com/playlist?list=PLx0sYbCqOb8TBPRdmBHs5Iftvv9TPboYG',
    ],
    ['youtube @channel', 'https://www.youtube.com/@somechannel/videos'],
    ['youtube clip', 'https://www.youtube.com/clip/UgkxAbCdEfGhIjKlMnOp'],
    ['youtube results', 'https://www.youtube.com/results?search_query=cats'],
    ['youtube watch without v', 'https://www.youtube.com/watch?list=PLx'],
    ['youtube id over 11 characters', 'https://www.youtube.com/watch?v=vPwaXytZcgIx'],
    ['youtu.be root', 'https://youtu.be/'],
    ['nocookie without embed', 'https://www.youtube-nocookie.com/'],
    ['x home', 'https://x.com/home'],
    ['x profile', 'https://x.com/someone'],
    ['tweet id of 20 digits', 'https://x.com/user/status/16973046227490860111'],
    ['instagram profile', 'https://www.instagram.com/someuser/'],
    ['instagram explore', 'https://www.instagram.com/explore/'],
    ['tiktok profile', 'https://www.tiktok.com/@fatfatmillycat'],
    ['tiktok post id over 21', 'https://www.tiktok.com/@u/video/7195741644585454894123'],
    ['twitch vod', 'https://www.twitch.tv/videos/1234567890'],
    ['twitch channel', 'https://www.twitch.tv/rtgame'],
    ['twitch clips embed without clip', 'https://clips.twitch.tv/embed'],
    ['vimeo channel page', 'https://vimeo.com/channels/staffpicks'],
    ['vimeo site page', 'https://vimeo.com/upload'],
    ['soundcloud profile', 'https://soundcloud.com/l2share77'],
    ['soundcloud set list', 'https://soundcloud.com/l2share77/sets'],
    ['soundcloud discover', 'https://soundcloud.com/discover/sets'],
    ['streamable site page', 'https://streamable.com/login'],
    ['dailymotion embed', 'https://www.dailymotion.com/embed/video/x8t1eho'],
    ['facebook story.php', 'https://www.facebook.com/story.php?story_fbid=1&id=2'],
    ['facebook share type of two letters', 'https://www.facebook.com/share/vv/1Ab2Cd3Ef4'],
    ['snapchat story.snapchat.com/s/', 'https://story.snapchat.com/s/someuser'],
    ['snapchat one-segment path off t.', 'https://www.snapchat.com/download'],
    ['rutube id not 32 characters', 'https://rutube.ru/video/b2f6c27649907c2fde0af411b03825e/'],
    ['rutube home', 'https://rutube.ru/'],
    ['reddit subreddit', 'https://www.reddit.com/r/videos/'],
    [
      'reddit subreddit name over 22',
      'https://www.reddit.com/r/abcdefghijklmnopqrstuvw/comments/abc',
    ],
    ['tumblr tag page', 'https://www.tumblr.com/rongzhi/tagged'],
    ['tumblr dashboard', 'https://www.tumblr.com/dashboard'],
    ['vk clips without z', 'https://vk.com/clips-123'],
    ['vk feed', 'https://vk.com/feed'],
    ['ok.ru feed', 'https://ok.ru/feed'],
    ['pinterest board', 'https://www.pinterest.com/someone/some-board/'],
    ['bilibili.tv home', 'https://www.bilibili.tv/en'],
    ['bilibili part id over 3', 'https://www.bilibili.com/video/BV18i4y1m7xV?p=1234'],
    ['loom home', 'https://www.loom.com/looms/videos'],
    ['newgrounds other section', 'https://www.newgrounds.com/art/view/someone/some-art'],
    ['bsky profile', 'https://bsky.app/profile/samuel.fm'],
    ['case matters in paths', 'https://www.youtube.com/WATCH?v=vPwaXytZcgI'],
  ])('%s: %s', (_what, input) => {
    expect(matchService(input)).toBeNull();
  });
});
