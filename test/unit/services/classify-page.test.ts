import type { PageInfo } from '../../../lib/services/page-info';
import { classifyPage } from '../../../lib/services';

describe('classifyPage', () => {
  it.each<[string | null | undefined, PageInfo]>([
    // no web page
    [null, { kind: 'none' }],
    [undefined, { kind: 'none' }],
    ['', { kind: 'none' }],
    ['chrome://newtab/', { kind: 'none' }],
    ['chrome://extensions', { kind: 'none' }],
    ['about:blank', { kind: 'none' }],
    ['about:newtab', { kind: 'none' }],
    ['file:///home/user/video.html', { kind: 'none' }],
    ['chrome-extension://abcdefghijklmnop/popup.html', { kind: 'none' }],
    ['moz-extension://1234-5678/options.html', { kind: 'none' }],
    ['edge://settings', { kind: 'none' }],
    ['view-source:https://www.youtube.com/watch?v=vPwaXytZcgI', { kind: 'none' }],
    ['not a url', { kind: 'none' }],

    // a link cobalt takes
    [
      'https://www.youtube.com/watch?v=vPwaXytZcgI&t=5',
      { kind: 'supported', service: 'youtube', url: 'https://www.youtube.com/watch?v=vPwaXytZcgI' },
    ],
    [
      'https://www.x.com/user/status/1697304622749086011?s=20',
      {
        kind: 'supported',
        service: 'twitter',
        url: 'https://x.com/user/status/1697304622749086011',
      },
    ],
    [
      'https://clips.twitch.tv/SomeClipSlug',
      { kind: 'supported', service: 'twitch', url: 'https://clips.twitch.tv/SomeClipSlug' },
    ],
    [
      'https://m.ok.ru/video/7204071410346',
      { kind: 'supported', service: 'ok', url: 'https://ok.ru/video/7204071410346' },
    ],

    // a service's site, not a media link
    ['https://www.youtube.com/', { kind: 'service-page', service: 'youtube' }],
    ['https://www.youtube.com/@somechannel', { kind: 'service-page', service: 'youtube' }],
    ['https://www.youtube.com/playlist?list=PLx', { kind: 'service-page', service: 'youtube' }],
    ['https://studio.youtube.com/channel/UC123', { kind: 'service-page', service: 'youtube' }],
    ['https://x.com/home', { kind: 'service-page', service: 'twitter' }],
    ['https://fxtwitter.com/', { kind: 'service-page', service: 'twitter' }],
    ['https://www.instagram.com/someuser/', { kind: 'service-page', service: 'instagram' }],
    ['https://www.tiktok.com/@someone', { kind: 'service-page', service: 'tiktok' }],
    ['https://www.twitch.tv/videos/1234567890', { kind: 'service-page', service: 'twitch' }],
    ['https://redd.it/abc123', { kind: 'service-page', service: 'reddit' }],
    ['https://www.reddit.com/r/videos/', { kind: 'service-page', service: 'reddit' }],
    ['https://soundcloud.com/discover', { kind: 'service-page', service: 'soundcloud' }],
    ['https://vimeo.com/channels/staffpicks', { kind: 'service-page', service: 'vimeo' }],
    ['https://www.pinterest.fr/ideas/', { kind: 'service-page', service: 'pinterest' }],
    ['https://vkvideo.ru/', { kind: 'service-page', service: 'vk' }],
    ['https://bsky.app/profile/samuel.fm', { kind: 'service-page', service: 'bsky' }],

    // any other web page
    ['https://example.com/', { kind: 'unsupported' }],
    ['http://localhost:3000/', { kind: 'unsupported' }],
    ['http://127.0.0.1:8080/watch?v=vPwaXytZcgI', { kind: 'unsupported' }],
    ['https://[::1]/', { kind: 'unsupported' }],
    ['https://youtube.co.uk/watch?v=vPwaXytZcgI', { kind: 'unsupported' }],
    ['https://youtube.com.evil.example/watch?v=vPwaXytZcgI', { kind: 'unsupported' }],
    ['https://evilyoutube.com/', { kind: 'unsupported' }],
    ['https://xn--yutube-wqf.com/watch?v=vPwaXytZcgI', { kind: 'unsupported' }],
    ['https://github.com/imputnet/cobalt', { kind: 'unsupported' }],
  ])('%j → %j', (url, expected) => {
    expect(classifyPage(url)).toEqual(expected);
  });
});
