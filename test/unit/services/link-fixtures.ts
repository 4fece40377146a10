import type { ServiceKey } from '../../../lib/services/service-key';

/**
 * Links cobalt takes, with the service and the exact link we send. Real-world shapes: the
 * trackers' test links (docs/cobalt-api.md §6.4), share-sheet links with their tracking parameters, and
 * every host variant and path pattern of docs/cobalt-api.md §5.2.
 */
export type SupportedLink = readonly [input: string, service: ServiceKey, sent: string];

const YT_ID = 'vPwaXytZcgI';
const TWEET = '1697304622749086011';
const RUTUBE_ID = 'b2f6c27649907c2fde0af411b03825eb';
const LOOM_ID = '313bf71d20ca47b2a35b6634cefdb761';
const TIKTOK_ID = '7195741644585454894';
const TUMBLR_ID = '707729381162958848';
const VK_ITEM = 'video-57274055_456239399';
const CLIP = 'TubularInventiveSardineCorgiDerp-PM47mJQQ2vsL5B5G';
const SPOTLIGHT = 'W7_EDlXWTBiXAEEniNoMPwAAYdWxucG9pZmNqAY46j0a5AY46j0YbAAAAAQ';

export const SUPPORTED_LINKS: readonly SupportedLink[] = [
  // bilibili: bilibili.com (+www, m), bilibili.tv, b23.tv; `p` is the one kept parameter.
  [
    'https://www.bilibili.com/video/BV18i4y1m7xV/',
    'bilibili',
    'https://www.bilibili.com/video/BV18i4y1m7xV',
  ],
  [
    'https://www.bilibili.com/video/BV18i4y1m7xV/?spm_id_from=333.1007&vd_source=abc&p=2',
    'bilibili',
    'https://www.bilibili.com/video/BV18i4y1m7xV?p=2',
  ],
  ['https://m.bilibili.com/video/av170001', 'bilibili', 'https://m.bilibili.com/video/av170001'],
  [
    'https://www.bilibili.tv/en/video/4789456123?lang=en&p=2',
    'bilibili',
    'https://www.bilibili.tv/en/video/4789456123',
  ],
  ['https://bilibili.tv/video/2041863208', 'bilibili', 'https://bilibili.tv/video/2041863208'],
  ['https://b23.tv/av2yMuW?share_source=copy', 'bilibili', 'https://b23.tv/av2yMuW'],

  // bsky
  [
    'https://bsky.app/profile/samuel.fm/post/3l2udah76ch2c',
    'bsky',
    'https://bsky.app/profile/samuel.fm/post/3l2udah76ch2c',
  ],
  [
    'https://bsky.app/profile/samuel.bsky.team/post/3l2udah76ch2c/',
    'bsky',
    'https://bsky.app/profile/samuel.bsky.team/post/3l2udah76ch2c',
  ],
  [
    'https://www.bsky.app/profile/did:plc:z72i7hdynmk6r22z27h6tvur/post/3l2udah76ch2c?ref_src=embed',
    'bsky',
    'https://www.bsky.app/profile/did:plc:z72i7hdynmk6r22z27h6tvur/post/3l2udah76ch2c',
  ],

  // dailymotion: dailymotion.com, dai.ly
  [
    'https://www.dailymotion.com/video/x8t1eho',
    'dailymotion',
    'https://www.dailymotion.com/video/x8t1eho',
  ],
  [
    'https://dailymotion.com/video/x8t1eho?playlist=x6hynp',
    'dailymotion',
    'https://dailymotion.com/video/x8t1eho',
  ],
  ['https://dai.ly/x8t1eho', 'dailymotion', 'https://dai.ly/x8t1eho'],

  // facebook: facebook.com (+www, web, m), fb.watch, ?v= links, share/<letter>/
  [
    'https://www.facebook.com/reel/3176266019190557',
    'facebook',
    'https://www.facebook.com/reel/3176266019190557',
  ],
  [
    'https://web.facebook.com/100048111287134/videos/1157798148685638/',
    'facebook',
    'https://web.facebook.com/100048111287134/videos/1157798148685638',
  ],
  [
    'https://www.facebook.com/somepage/videos/a-long-caption/1157798148685638/',
    'facebook',
    'https://www.facebook.com/somepage/videos/a-long-caption/1157798148685638',
  ],
  [
    'https://www.facebook.com/watch/?v=1157798148685638&ref=sharing',
    'facebook',
    'https://web.facebook.com/user/videos/1157798148685638',
  ],
  [
    'https://m.facebook.com/watch?v=1157798148685638',
    'facebook',
    'https://web.facebook.com/user/videos/1157798148685638',
  ],
  [
    'https://www.facebook.com/share/v/1Ab2Cd3Ef4/?mibextid=wwXIfr',
    'facebook',
    'https://www.facebook.com/share/v/1Ab2Cd3Ef4',
  ],
  [
    'https://m.facebook.com/share/r/1Ab2Cd3Ef4/',
    'facebook',
    'https://m.facebook.com/share/r/1Ab2Cd3Ef4',
  ],
  ['https://fb.watch/nB5p3hXK1y/', 'facebook', 'https://fb.watch/nB5p3hXK1y'],

  // instagram: every pattern, ddinstagram d./g./www./bare, instagr.am
  [
    'https://www.instagram.com/p/CmCVWoIr9OH/',
    'instagram',
    'https://www.instagram.com/p/CmCVWoIr9OH',
  ],
  [
    'https://www.instagram.com/reel/C1a2b3c4d5e/?igsh=MzRlODBiNWFlZA==',
    'instagram',
    'https://www.instagram.com/reel/C1a2b3c4d5e',
  ],
  [
    'https://instagram.com/reels/C1a2b3c4d5e/?utm_source=ig_web_copy_link',
    'instagram',
    'https://instagram.com/reels/C1a2b3c4d5e',
  ],
  [
    'https://www.instagram.com/tv/CmCVWoIr9OH',
    'instagram',
    'https://www.instagram.com/tv/CmCVWoIr9OH',
  ],
  [
    'https://www.instagram.com/stories/someuser/3312345678901234567/',
    'instagram',
    'https://www.instagram.com/stories/someuser/3312345678901234567',
  ],
  [
    'https://www.instagram.com/share/BAabc123/',
    'instagram',
    'https://www.instagram.com/share/BAabc123',
  ],
  [
    'https://www.instagram.com/share/reel/BAabc123',
    'instagram',
    'https://www.instagram.com/share/reel/BAabc123',
  ],
  [
    'https://www.instagram.com/someuser/p/CmCVWoIr9OH/?img_index=2',
    'instagram',
    'https://www.instagram.com/someuser/p/CmCVWoIr9OH',
  ],
  ['https://d.ddinstagram.com/p/CmCVWoIr9OH', 'instagram', 'https://instagram.com/p/CmCVWoIr9OH'],
  [
    'https://g.ddinstagram.com/reel/C1a2b3c4d5e',
    'instagram',
    'https://instagram.com/reel/C1a2b3c4d5e',
  ],
  ['https://www.ddinstagram.com/p/CmCVWoIr9OH', 'instagram', 'https://instagram.com/p/CmCVWoIr9OH'],
  ['https://ddinstagram.com/p/CmCVWoIr9OH', 'instagram', 'https://instagram.com/p/CmCVWoIr9OH'],
  ['https://instagr.am/p/CmCVWoIr9OH/', 'instagram', 'https://instagram.com/p/CmCVWoIr9OH'],

  // loom: share/, embed/, titled share links cut to the id
  [`https://www.loom.com/share/${LOOM_ID}`, 'loom', `https://www.loom.com/share/${LOOM_ID}`],
  [`https://loom.com/embed/${LOOM_ID}?sid=abc-123`, 'loom', `https://loom.com/embed/${LOOM_ID}`],
  [
    `https://www.loom.com/share/Weekly-Sync-Notes-${LOOM_ID}`,
    'loom',
    `https://www.loom.com/share/${LOOM_ID}`,
  ],

  // newgrounds
  [
    'https://www.newgrounds.com/portal/view/987910',
    'newgrounds',
    'https://www.newgrounds.com/portal/view/987910',
  ],
  [
    'https://newgrounds.com/audio/listen/1234567?updated=1',
    'newgrounds',
    'https://newgrounds.com/audio/listen/1234567',
  ],
  [
    'https://www.newgrounds.com/portal/view/987910/',
    'newgrounds',
    'https://www.newgrounds.com/portal/view/987910',
  ],

  // ok: ok.ru (+www), m.ok.ru sent as ok.ru
  ['https://ok.ru/video/7204071410346', 'ok', 'https://ok.ru/video/7204071410346'],
  [
    'https://ok.ru/videoembed/7204071410346?autoplay=1',
    'ok',
    'https://ok.ru/videoembed/7204071410346',
  ],
  ['https://m.ok.ru/video/7204071410346', 'ok', 'https://ok.ru/video/7204071410346'],
  [
    'https://www.ok.ru/video/7204071410346?fromTime=5',
    'ok',
    'https://www.ok.ru/video/7204071410346',
  ],

  // pinterest: any subdomain and country domain → pinterest.com; pin.it
  [
    'https://www.pinterest.com/pin/70437485604616/',
    'pinterest',
    'https://pinterest.com/pin/70437485604616',
  ],
  [
    'https://www.pinterest.co.uk/pin/some-title--70437485604616/',
    'pinterest',
    'https://pinterest.com/pin/some-title--70437485604616',
  ],
  [
    'https://br.pinterest.com/pin/70437485604616/?mt=login',
    'pinterest',
    'https://pinterest.com/pin/70437485604616',
  ],
  [
    'https://www.pinterest.de/pin/70437485604616/sent/?invite_code=abc',
    'pinterest',
    'https://pinterest.com/pin/70437485604616/sent',
  ],
  ['https://pin.it/4jhGXmK', 'pinterest', 'https://pin.it/4jhGXmK'],
  [
    'https://pinterest.com/url_shortener/4jhGXmK',
    'pinterest',
    'https://pinterest.com/url_shortener/4jhGXmK',
  ],

  // reddit: any subdomain, every pattern, v.redd.it
  [
    'https://www.reddit.com/r/TikTokCringe/comments/wup1fg/id_be_escaping_at_the_first_chance_i_got/',
    'reddit',
    'https://www.reddit.com/r/TikTokCringe/comments/wup1fg/id_be_escaping_at_the_first_chance_i_got',
  ],
  [
    'https://old.reddit.com/r/videos/comments/abc123/?utm_source=share&utm_medium=web2x',
    'reddit',
    'https://old.reddit.com/r/videos/comments/abc123',
  ],
  ['https://reddit.com/comments/abc123', 'reddit', 'https://reddit.com/comments/abc123'],
  [
    'https://www.reddit.com/r/videos/s/AbCdEf123',
    'reddit',
    'https://www.reddit.com/r/videos/s/AbCdEf123',
  ],
  [
    'https://www.reddit.com/user/someone/comments/abc123/a_title/',
    'reddit',
    'https://www.reddit.com/user/someone/comments/abc123/a_title',
  ],
  [
    'https://new.reddit.com/r/videos/comments/abc123/comment/def456/',
    'reddit',
    'https://new.reddit.com/r/videos/comments/abc123/comment/def456',
  ],
  [
    'https://www.reddit.com/r/u_someone/comments/abc123/',
    'reddit',
    'https://www.reddit.com/r/u_someone/comments/abc123',
  ],
  ['https://v.redd.it/abc123def456', 'reddit', 'https://v.redd.it/abc123def456'],
  [
    'https://www.reddit.com/video/abc123def456',
    'reddit',
    'https://www.reddit.com/video/abc123def456',
  ],

  // rutube: every pattern; `p` kept for private links
  [`https://rutube.ru/video/${RUTUBE_ID}/`, 'rutube', `https://rutube.ru/video/${RUTUBE_ID}`],
  [
    `https://rutube.ru/video/${RUTUBE_ID}/?r=plwd`,
    'rutube',
    `https://rutube.ru/video/${RUTUBE_ID}`,
  ],
  [`https://rutube.ru/shorts/${RUTUBE_ID}/`, 'rutube', `https://rutube.ru/shorts/${RUTUBE_ID}`],
  [
    `https://rutube.ru/play/embed/${RUTUBE_ID}`,
    'rutube',
    `https://rutube.ru/play/embed/${RUTUBE_ID}`,
  ],
  [
    `https://www.rutube.ru/yappy/${RUTUBE_ID}/`,
    'rutube',
    `https://www.rutube.ru/yappy/${RUTUBE_ID}`,
  ],
  [
    `https://rutube.ru/video/private/${RUTUBE_ID}/?p=AbCdEf123&r=wd`,
    'rutube',
    `https://rutube.ru/video/private/${RUTUBE_ID}?p=AbCdEf123`,
  ],

  // snapchat: snapchat.com (+www, story), t. short links
  [
    `https://www.snapchat.com/spotlight/${SPOTLIGHT}`,
    'snapchat',
    `https://www.snapchat.com/spotlight/${SPOTLIGHT}`,
  ],
  [
    `https://www.snapchat.com/spotlight/${SPOTLIGHT}?share_id=abc&locale=en-US`,
    'snapchat',
    `https://www.snapchat.com/spotlight/${SPOTLIGHT}`,
  ],
  ['https://t.snapchat.com/AbCd1234', 'snapchat', 'https://t.snapchat.com/AbCd1234'],
  ['https://www.snapchat.com/t/AbCd1234', 'snapchat', 'https://www.snapchat.com/t/AbCd1234'],
  ['https://www.snapchat.com/add/someuser', 'snapchat', 'https://www.snapchat.com/add/someuser'],
  [
    'https://story.snapchat.com/u/someuser/AbCdEf',
    'snapchat',
    'https://story.snapchat.com/u/someuser/AbCdEf',
  ],
  [`https://snapchat.com/o/${SPOTLIGHT}`, 'snapchat', `https://snapchat.com/o/${SPOTLIGHT}`],

  // soundcloud: soundcloud.com (+www, m), on. short links, private s- tracks
  [
    'https://soundcloud.com/l2share77/loona-butterfly',
    'soundcloud',
    'https://soundcloud.com/l2share77/loona-butterfly',
  ],
  [
    'https://m.soundcloud.com/l2share77/loona-butterfly?in=someone/sets/mix',
    'soundcloud',
    'https://m.soundcloud.com/l2share77/loona-butterfly',
  ],
  [
    'https://soundcloud.com/user/song/s-AbCdEf123?si=0123abcd&utm_source=clipboard&utm_medium=text',
    'soundcloud',
    'https://soundcloud.com/user/song/s-AbCdEf123',
  ],
  ['https://on.soundcloud.com/AbC123xYz', 'soundcloud', 'https://on.soundcloud.com/AbC123xYz'],

  // streamable: every pattern
  ['https://streamable.com/p9cln4', 'streamable', 'https://streamable.com/p9cln4'],
  ['https://streamable.com/e/p9cln4?autoplay=1', 'streamable', 'https://streamable.com/e/p9cln4'],
  ['https://www.streamable.com/o/p9cln4', 'streamable', 'https://www.streamable.com/o/p9cln4'],
  ['https://streamable.com/s/p9cln4', 'streamable', 'https://streamable.com/s/p9cln4'],

  // tiktok: every pattern, vt./vm. short links
  [
    `https://www.tiktok.com/@fatfatmillycat/video/${TIKTOK_ID}`,
    'tiktok',
    `https://www.tiktok.com/@fatfatmillycat/video/${TIKTOK_ID}`,
  ],
  [
    `https://www.tiktok.com/@user/video/${TIKTOK_ID}?is_from_webapp=1&sender_device=pc&web_id=1`,
    'tiktok',
    `https://www.tiktok.com/@user/video/${TIKTOK_ID}`,
  ],
  ['https://vt.tiktok.com/ZSjXaBcDe/', 'tiktok', 'https://vt.tiktok.com/ZSjXaBcDe'],
  ['https://vm.tiktok.com/ZMabc1234/', 'tiktok', 'https://vm.tiktok.com/ZMabc1234'],
  ['https://www.tiktok.com/t/ZTRabc123/', 'tiktok', 'https://www.tiktok.com/t/ZTRabc123'],
  [
    `https://www.tiktok.com/@user/photo/${TIKTOK_ID}`,
    'tiktok',
    `https://www.tiktok.com/@user/photo/${TIKTOK_ID}`,
  ],
  [
    `https://m.tiktok.com/v/${TIKTOK_ID}.html`,
    'tiktok',
    `https://m.tiktok.com/v/${TIKTOK_ID}.html`,
  ],
  [
    `https://www.tiktok.com/i18n/share/video/${TIKTOK_ID}`,
    'tiktok',
    `https://www.tiktok.com/i18n/share/video/${TIKTOK_ID}`,
  ],

  // tumblr: any subdomain (kept: cobalt reads the blog from it), every pattern
  [
    `https://www.tumblr.com/rongzhi/${TUMBLR_ID}`,
    'tumblr',
    `https://www.tumblr.com/rongzhi/${TUMBLR_ID}`,
  ],
  [
    `https://rongzhi.tumblr.com/post/${TUMBLR_ID}/a-slug?source=share`,
    'tumblr',
    `https://rongzhi.tumblr.com/post/${TUMBLR_ID}/a-slug`,
  ],
  [
    `https://rongzhi.tumblr.com/post/${TUMBLR_ID}`,
    'tumblr',
    `https://rongzhi.tumblr.com/post/${TUMBLR_ID}`,
  ],
  [
    `https://www.tumblr.com/blog/view/rongzhi/${TUMBLR_ID}`,
    'tumblr',
    `https://www.tumblr.com/blog/view/rongzhi/${TUMBLR_ID}`,
  ],

  // twitch: clips only; twitch.tv (+www, m), clips.twitch.tv and its embed player
  [`https://twitch.tv/rtgame/clip/${CLIP}`, 'twitch', `https://twitch.tv/rtgame/clip/${CLIP}`],
  [
    `https://www.twitch.tv/rtgame/clip/${CLIP}?filter=clips&range=7d&sort=time`,
    'twitch',
    `https://www.twitch.tv/rtgame/clip/${CLIP}`,
  ],
  [`https://m.twitch.tv/rtgame/clip/${CLIP}`, 'twitch', `https://m.twitch.tv/rtgame/clip/${CLIP}`],
  [`https://clips.twitch.tv/${CLIP}`, 'twitch', `https://clips.twitch.tv/${CLIP}`],
  [
    `https://clips.twitch.tv/embed?clip=${CLIP}&parent=example.com`,
    'twitch',
    `https://clips.twitch.tv/${CLIP}`,
  ],

  // twitter: twitter.com (+www, mobile), x.com, x.com variants and embed fixers sent as x.com
  [`https://twitter.com/X/status/${TWEET}`, 'twitter', `https://twitter.com/X/status/${TWEET}`],
  [
    `https://x.com/user/status/${TWEET}?s=20&t=AbCdEf`,
    'twitter',
    `https://x.com/user/status/${TWEET}`,
  ],
  [`https://www.x.com/user/status/${TWEET}`, 'twitter', `https://x.com/user/status/${TWEET}`],
  [`https://mobile.x.com/user/status/${TWEET}`, 'twitter', `https://x.com/user/status/${TWEET}`],
  [`https://fxtwitter.com/user/status/${TWEET}`, 'twitter', `https://x.com/user/status/${TWEET}`],
  [
    `https://www.fxtwitter.com/user/status/${TWEET}`,
    'twitter',
    `https://x.com/user/status/${TWEET}`,
  ],
  [`https://fixupx.com/user/status/${TWEET}`, 'twitter', `https://x.com/user/status/${TWEET}`],
  [`https://vxtwitter.com/user/status/${TWEET}`, 'twitter', `https://x.com/user/status/${TWEET}`],
  [`https://fixvx.com/user/status/${TWEET}`, 'twitter', `https://x.com/user/status/${TWEET}`],
  [
    `https://mobile.twitter.com/user/status/${TWEET}`,
    'twitter',
    `https://mobile.twitter.com/user/status/${TWEET}`,
  ],
  [
    `https://www.twitter.com/user/status/${TWEET}/photo/1`,
    'twitter',
    `https://www.twitter.com/user/status/${TWEET}/photo/1`,
  ],
  [
    `https://x.com/user/status/${TWEET}/video/1`,
    'twitter',
    `https://x.com/user/status/${TWEET}/video/1`,
  ],
  [
    `https://twitter.com/user/status/${TWEET}/mediaviewer`,
    'twitter',
    `https://twitter.com/user/status/${TWEET}/mediaviewer`,
  ],
  [
    `https://x.com/i/bookmarks?post_id=${TWEET}&s=20`,
    'twitter',
    `https://x.com/i/bookmarks?post_id=${TWEET}`,
  ],

  // vimeo: vimeo.com (+www, player), unlisted hashes, channels mapped to the video id
  ['https://vimeo.com/288386543', 'vimeo', 'https://vimeo.com/288386543'],
  ['https://www.vimeo.com/288386543?share=copy', 'vimeo', 'https://www.vimeo.com/288386543'],
  ['https://player.vimeo.com/video/288386543', 'vimeo', 'https://player.vimeo.com/video/288386543'],
  [
    'https://player.vimeo.com/video/288386543?h=abcdef1234&badge=0&autopause=0',
    'vimeo',
    'https://vimeo.com/288386543/abcdef1234',
  ],
  ['https://vimeo.com/288386543?h=abcdef1234', 'vimeo', 'https://vimeo.com/288386543/abcdef1234'],
  ['https://vimeo.com/288386543/abcdef1234', 'vimeo', 'https://vimeo.com/288386543/abcdef1234'],
  ['https://vimeo.com/channels/staffpicks/288386543', 'vimeo', 'https://vimeo.com/288386543'],
  [
    'https://vimeo.com/groups/shortfilms/videos/288386543',
    'vimeo',
    'https://vimeo.com/groups/shortfilms/videos/288386543',
  ],

  // vk: vk.com (+www, m), vkvideo.ru / vk.ru sent as vk.com, ?z= overlays
  [`https://vk.com/${VK_ITEM}`, 'vk', `https://vk.com/${VK_ITEM}`],
  ['https://vk.com/clip-123456_456239017', 'vk', 'https://vk.com/clip-123456_456239017'],
  ['https://vk.com/video-1_2_abcdef12', 'vk', 'https://vk.com/video-1_2_abcdef12'],
  [`https://vkvideo.ru/${VK_ITEM}`, 'vk', `https://vk.com/${VK_ITEM}`],
  [`https://vk.ru/${VK_ITEM}`, 'vk', `https://vk.com/${VK_ITEM}`],
  [`https://m.vk.com/${VK_ITEM}?list=abc&from=wall`, 'vk', `https://m.vk.com/${VK_ITEM}`],
  [
    `https://vk.com/videos-57274055?z=${VK_ITEM}%2Fpl_-57274055_-2`,
    'vk',
    `https://vk.com/${VK_ITEM}`,
  ],
  ['https://vk.com/clips-123?z=clip-123_456', 'vk', 'https://vk.com/clip-123_456'],
  [`https://vkvideo.ru/video?z=${VK_ITEM}`, 'vk', `https://vk.com/${VK_ITEM}`],

  // youtube: youtube.com (+www, m, music), youtu.be, shorts, live, embed, nocookie
  [
    `https://www.youtube.com/watch?v=${YT_ID}`,
    'youtube',
    `https://www.youtube.com/watch?v=${YT_ID}`,
  ],
  [
    `https://www.youtube.com/watch?v=${YT_ID}&feature=share&t=42s&list=PLx&index=2&pp=ygU`,
    'youtube',
    `https://www.youtube.com/watch?v=${YT_ID}`,
  ],
  [
    `https://www.youtube.com/watch?app=desktop&v=${YT_ID}`,
    'youtube',
    `https://www.youtube.com/watch?v=${YT_ID}`,
  ],
  [`https://youtu.be/${YT_ID}?si=AbCdEfGh&t=42`, 'youtube', `https://youtube.com/watch?v=${YT_ID}`],
  [`https://youtu.be/${YT_ID}/extra`, 'youtube', `https://youtube.com/watch?v=${YT_ID}`],
  [`https://m.youtube.com/watch?v=${YT_ID}`, 'youtube', `https://m.youtube.com/watch?v=${YT_ID}`],
  [
    `https://music.youtube.com/watch?v=${YT_ID}&si=AbCd&feature=share`,
    'youtube',
    `https://music.youtube.com/watch?v=${YT_ID}`,
  ],
  [
    'https://www.youtube.com/shorts/r5FpeOJItbw?feature=share',
    'youtube',
    'https://www.youtube.com/watch?v=r5FpeOJItbw',
  ],
  [
    'https://youtube.com/live/AbCdEfGhIjK?si=x',
    'youtube',
    'https://youtube.com/watch?v=AbCdEfGhIjK',
  ],
  [
    `https://www.youtube.com/embed/${YT_ID}?start=5`,
    'youtube',
    `https://www.youtube.com/embed/${YT_ID}`,
  ],
  [
    `https://www.youtube-nocookie.com/embed/${YT_ID}?rel=0`,
    'youtube',
    `https://youtube.com/watch?v=${YT_ID}`,
  ],
  [`https://youtube.com/v/${YT_ID}`, 'youtube', `https://youtube.com/v/${YT_ID}`],
  [`https://www.youtube.com/watch/${YT_ID}`, 'youtube', `https://www.youtube.com/watch/${YT_ID}`],
];

/** Pages of the input that only differ in form: upper case, http, user-info, port, hash, FQDN dot. */
export const EQUIVALENT_FORMS: readonly SupportedLink[] = [
  [`http://YOUTUBE.COM/watch?v=${YT_ID}`, 'youtube', `https://youtube.com/watch?v=${YT_ID}`],
  [
    `https://user:pass@www.youtube.com:8443/watch?v=${YT_ID}#t=30`,
    'youtube',
    `https://www.youtube.com/watch?v=${YT_ID}`,
  ],
  [
    `https://evil.example@www.youtube.com/watch?v=${YT_ID}`,
    'youtube',
    `https://www.youtube.com/watch?v=${YT_ID}`,
  ],
  [
    `https://www.youtube.com./watch?v=${YT_ID}`,
    'youtube',
    `https://www.youtube.com/watch?v=${YT_ID}`,
  ],
  [`https://X.com:443/user/status/${TWEET}#m`, 'twitter', `https://x.com/user/status/${TWEET}`],
  [`  https://x.com/user/status/${TWEET}\n`, 'twitter', `https://x.com/user/status/${TWEET}`],
  [`\u0000https://x.com/user/status/${TWEET}`, 'twitter', `https://x.com/user/status/${TWEET}`],
  [
    `https://%77ww.youtube.com/watch?v=${YT_ID}`,
    'youtube',
    `https://www.youtube.com/watch?v=${YT_ID}`,
  ],
  [
    `https://ｙｏｕｔｕｂｅ.com/watch?v=${YT_ID}`,
    'youtube',
    `https://youtube.com/watch?v=${YT_ID}`,
  ],
];
