import type { ServiceKey } from './service-key';
import type { HostRule, ServiceSpec } from './service-spec';

/**
 * Every cobalt service, one row each (docs/cobalt-api.md §5.2, checked against cobalt's
 * `service-config.js`, `service-patterns.js` and `url.js`). Detection, normalisation, the
 * context-menu patterns, labels and deep-test links all derive from this table.
 *
 * Host policy: a host cobalt accepts is sent as the page had it (some carry meaning: tumblr reads
 * the blog from the subdomain, music.youtube.com forces audio). A host cobalt rejects or only
 * knows in recent versions is sent as the service's plain host (`sendAs`). Where this table is
 * narrower than cobalt, the comment says so: cobalt would accept those links and fail later.
 */

/** Pinterest's country domains; cobalt sends any `pinterest.*` as pinterest.com (§5.1 step 1.2). */
const PINTEREST_DOMAINS = [
  'com',
  'fr',
  'de',
  'ch',
  'jp',
  'cl',
  'ca',
  'it',
  'co.uk',
  'nz',
  'ru',
  'com.au',
  'at',
  'pt',
  'co.kr',
  'es',
  'com.mx',
  'dk',
  'ph',
  'th',
  'com.uy',
  'co',
  'nl',
  'info',
  'kr',
  'ie',
  'vn',
  'com.vn',
  'ec',
  'mx',
  'in',
  'pe',
  'co.at',
  'hu',
  'co.in',
  'co.nz',
  'id',
  'com.ec',
  'com.py',
  'tw',
  'be',
  'uk',
  'com.bo',
  'com.pe',
].map((tld) => `pinterest.${tld}`);

/**
 * Twitter embed fixers: same status paths as x.com. cobalt rewrites vxtwitter.com and fixvx.com
 * itself but only in recent versions and never with `www.`; fxtwitter.com and fixupx.com it
 * rejects (docs/cobalt-api.md §9 item 13). All of them are sent as x.com.
 */
const TWITTER_FIXERS = ['vxtwitter.com', 'fixvx.com', 'fxtwitter.com', 'fixupx.com'];

/**
 * vk items: `video<owner>_<id>[_<key>]` / `clip…` (cobalt's `video:ownerId_:videoId[_:accessKey]`
 * patterns, with the digits the ids always have).
 */
const VK_ITEM = /^(?:video|clip)(?<ownerId>-?\d+)_(?<videoId>\d+)(?:_(?<accessKey>[a-zA-Z0-9]+))?$/;

/** `?z=<item>` opens an item over a list page; cobalt sends vk.com/<item> (§5.2). A `/playlist` tail is dropped. */
const VK_OVERLAY = /^[^?]*\?z=(?<z>(?:video|clip)-?\d+_\d+(?:_[a-zA-Z0-9]+)?)(?:%2F.*)?$/;

/** Titled loom links end in the 32-character id; cobalt keeps the last 32 characters (§5.2). */
const LOOM_TITLED = /^(?:share|embed)\/[a-zA-Z0-9\-_~%@.:]+?(?<id>[a-zA-Z0-9\-_~%@.:]{32})$/;

/** Profile tabs and site sections that `:author/:song` would take for a track. */
const SOUNDCLOUD_PAGES =
  /^(?:(?:you|discover|search|charts|stations|settings|messages|notifications|upload|pages|people)\/.*|[^/]+\/(?:sets|likes|tracks|albums|reposts|popular-tracks|followers|following|comments|spotlight))$/;

/** Site pages short enough to pass for a streamable id (`:id`, at most 6 characters). */
const STREAMABLE_PAGES =
  /^(?:login|signup|upload|about|blog|terms|help|jobs|dmca|apps|teams|videos|search)$/;

const twitterFixerRules: HostRule[] = TWITTER_FIXERS.map((domain) => ({
  domain,
  subdomains: ['', 'www'],
  sendAs: 'x.com',
}));

export const SERVICE_TABLE: Readonly<Record<ServiceKey, ServiceSpec>> = {
  bilibili: {
    hosts: [
      { domain: 'bilibili.com', subdomains: ['', 'www', 'm'] },
      // cobalt reads bilibili.tv/[<lang>/]video/<id> as bilibili.com/_tv/… and drops its query.
      {
        domain: 'bilibili.tv',
        subdomains: ['', 'www', 'm'],
        patterns: [':lang/video/:tvId', 'video/:tvId'],
        keep: [],
      },
      // b23.tv/<id> is cobalt's short-link alias (bilibili.com/_shortLink/<id>).
      { domain: 'b23.tv', subdomains: [''], patterns: [':comShortLink'], keep: [] },
    ],
    patterns: ['video/:comId', 'video/:comId?p=:partId'],
    keep: ['p'],
    limits: {
      comId: { max: 12 },
      partId: { max: 3 },
      comShortLink: { max: 16 },
      tvId: { max: 24 },
    },
    audio: true,
    minVersion: null,
    testLink: 'https://www.bilibili.com/video/BV18i4y1m7xV/',
  },

  bsky: {
    hosts: [{ domain: 'bsky.app', subdomains: ['', 'www'] }],
    patterns: ['profile/:user/post/:post'],
    limits: { user: { max: 128 }, post: { max: 128 } },
    audio: true,
    minVersion: null,
    testLink: 'https://bsky.app/profile/samuel.fm/post/3l2udah76ch2c',
  },

  dailymotion: {
    hosts: [
      { domain: 'dailymotion.com', subdomains: ['', 'www'] },
      // dai.ly/<id> is cobalt's alias for dailymotion.com/video/<id>.
      { domain: 'dai.ly', subdomains: [''], patterns: [':id'] },
    ],
    patterns: ['video/:id'],
    limits: { id: { max: 32 } },
    audio: true,
    minVersion: null,
    testLink: 'https://www.dailymotion.com/video/x8t1eho',
  },

  facebook: {
    hosts: [
      { domain: 'facebook.com', subdomains: ['', 'www', 'web', 'm'] },
      // fb.watch/<id> is cobalt's short-link alias.
      { domain: 'fb.watch', subdomains: [''], patterns: [':shortLink'], keep: [] },
    ],
    patterns: [
      ':username/videos/:caption/:id',
      ':username/videos/:id',
      'reel/:id',
      'share/:shareType/:id',
    ],
    // cobalt turns any facebook link with ?v= into web.facebook.com/user/videos/<v> (§5.2).
    keep: ['v'],
    rewrites: [{ from: '*?v=:v', to: 'user/videos/:v', host: 'web.facebook.com' }],
    // cobalt's tester ORs these; the id bound is the one that decides for every pattern here.
    limits: {
      id: { max: 20 },
      caption: { max: 255 },
      shareType: { max: 1 },
      shortLink: { max: 11 },
    },
    audio: true,
    minVersion: null,
    testLink: 'https://www.facebook.com/reel/3176266019190557',
  },

  instagram: {
    hosts: [
      { domain: 'instagram.com', subdomains: ['', 'www'] },
      // ddinstagram (an embed fixer): cobalt takes it bare or as d./g. but not www. (§5.2);
      // instagr.am, Instagram's old short domain, it rejects (§9 item 13).
      { domain: 'ddinstagram.com', subdomains: ['', 'www', 'd', 'g'], sendAs: 'instagram.com' },
      { domain: 'instagr.am', subdomains: ['', 'www'], sendAs: 'instagram.com' },
    ],
    // cobalt's order: share links first, their ids differ from post ids.
    patterns: [
      'p/:postId',
      'tv/:postId',
      'reel/:postId',
      'reels/:postId',
      'stories/:username/:storyId',
      'share/:shareId',
      'share/p/:shareId',
      'share/reel/:shareId',
      ':username/p/:postId',
      ':username/reel/:postId',
    ],
    limits: {
      postId: { max: 48 },
      shareId: { max: 16 },
      username: { max: 30 },
      storyId: { max: 24 },
    },
    audio: true,
    minVersion: null,
    testLink: 'https://www.instagram.com/p/CmCVWoIr9OH/',
  },

  loom: {
    hosts: [{ domain: 'loom.com', subdomains: ['', 'www'] }],
    patterns: ['share/:id', 'embed/:id'],
    rewrites: [{ from: LOOM_TITLED, to: 'share/:id' }],
    limits: { id: { max: 32 } },
    audio: false,
    minVersion: null,
    // cobalt.directory dropped its loom test on 2026-01-27; this is CobaltTester's (§6.4).
    testLink: 'https://www.loom.com/share/313bf71d20ca47b2a35b6634cefdb761',
  },

  newgrounds: {
    hosts: [{ domain: 'newgrounds.com', subdomains: ['', 'www'] }],
    patterns: ['portal/view/:id', 'audio/listen/:audioId'],
    limits: { id: { max: 12 }, audioId: { max: 12 } },
    audio: true,
    minVersion: '11.4',
    testLink: 'https://www.newgrounds.com/portal/view/987910',
  },

  ok: {
    hosts: [
      { domain: 'ok.ru', subdomains: ['', 'www'] },
      // cobalt rejects m.ok.ru (§9 item 13); the paths are the same.
      { domain: 'ok.ru', subdomains: ['m'], sendAs: 'ok.ru' },
    ],
    patterns: ['video/:id', 'videoembed/:id'],
    limits: { id: { max: 16 } },
    audio: false,
    minVersion: null,
    testLink: 'https://ok.ru/video/7204071410346',
  },

  pinterest: {
    hosts: [
      ...PINTEREST_DOMAINS.map((domain): HostRule => ({
        domain,
        subdomains: '*',
        sendAs: 'pinterest.com',
      })),
      // pin.it/<id> is cobalt's alias for pinterest.com/url_shortener/<id>.
      { domain: 'pin.it', subdomains: [''], patterns: [':shortLink'] },
    ],
    patterns: ['pin/:id', 'pin/:id/:garbage', 'url_shortener/:shortLink'],
    limits: { id: { max: 128 }, shortLink: { max: 32 } },
    audio: true,
    minVersion: null,
    testLink: 'https://www.pinterest.com/pin/70437485604616/',
  },

  reddit: {
    hosts: [
      { domain: 'reddit.com', subdomains: '*' },
      // v.redd.it/<id> is cobalt's alias for reddit.com/video/<id>. A bare redd.it/<id> (a post
      // short link) cobalt rejects, and so does this table: only the v. host is listed.
      { domain: 'redd.it', subdomains: ['v'], patterns: [':shortId'] },
    ],
    patterns: [
      'comments/:id',
      'r/:sub/comments/:id',
      'r/:sub/comments/:id/:title',
      'r/:sub/comments/:id/comment/:commentId',
      'user/:user/comments/:id',
      'user/:user/comments/:id/:title',
      'user/:user/comments/:id/comment/:commentId',
      'r/u_:user/comments/:id',
      'r/u_:user/comments/:id/:title',
      'r/u_:user/comments/:id/comment/:commentId',
      'r/:sub/s/:shareId',
      'video/:shortId',
    ],
    limits: {
      id: { max: 16 },
      sub: { max: 22 },
      user: { max: 22 },
      shareId: { max: 16 },
      shortId: { max: 16 },
    },
    audio: true,
    minVersion: null,
    testLink:
      'https://www.reddit.com/r/TikTokCringe/comments/wup1fg/id_be_escaping_at_the_first_chance_i_got/',
  },

  rutube: {
    hosts: [{ domain: 'rutube.ru', subdomains: ['', 'www'] }],
    patterns: [
      'video/:id',
      'play/embed/:id',
      'shorts/:id',
      'yappy/:yappyId',
      'video/private/:id?p=:key',
      'video/private/:id',
    ],
    keep: ['p'],
    limits: { id: { min: 32, max: 32 }, yappyId: { min: 32, max: 32 }, key: { max: 32 } },
    audio: true,
    minVersion: null,
    testLink: 'https://rutube.ru/video/b2f6c27649907c2fde0af411b03825eb/',
  },

  snapchat: {
    hosts: [
      { domain: 'snapchat.com', subdomains: ['', 'www', 'story'] },
      // Narrower than cobalt, which reads any one-segment path as a short link: t. serves them.
      { domain: 'snapchat.com', subdomains: ['t'], patterns: [':shortLink'] },
    ],
    patterns: [
      'spotlight/:spotlightId',
      'add/:username/:storyId',
      'u/:username/:storyId',
      'add/:username',
      'u/:username',
      't/:shortLink',
      'o/:spotlightId',
    ],
    limits: {
      username: { max: 32 },
      storyId: { max: 255 },
      spotlightId: { max: 255 },
      shortLink: { max: 16 },
    },
    audio: true,
    minVersion: null,
    testLink:
      'https://www.snapchat.com/spotlight/W7_EDlXWTBiXAEEniNoMPwAAYdWxucG9pZmNqAY46j0a5AY46j0YbAAAAAQ',
  },

  soundcloud: {
    hosts: [
      { domain: 'soundcloud.com', subdomains: ['', 'www', 'm'] },
      // Narrower than cobalt, which reads any one-segment path as a short link: on. serves them,
      // a one-segment path on soundcloud.com is a profile.
      { domain: 'soundcloud.com', subdomains: ['on'], patterns: [':shortLink'] },
    ],
    patterns: [':author/:song/s-:accessKey', ':author/:song'],
    notMedia: [SOUNDCLOUD_PAGES],
    limits: { author: { max: 255 }, song: { max: 255 }, shortLink: { max: 32 } },
    audio: true,
    minVersion: null,
    testLink: 'https://soundcloud.com/l2share77/loona-butterfly',
  },

  streamable: {
    hosts: [{ domain: 'streamable.com', subdomains: ['', 'www'] }],
    patterns: [':id', 'o/:id', 'e/:id', 's/:id'],
    notMedia: [STREAMABLE_PAGES],
    limits: { id: { max: 6 } },
    audio: true,
    minVersion: null,
    testLink: 'https://streamable.com/p9cln4',
  },

  tiktok: {
    hosts: [
      { domain: 'tiktok.com', subdomains: ['', 'www', 'm', 't', 'pro'] },
      // Narrower than cobalt, which also reads tiktok.com/@user as a short link (§5.2):
      // bare short links come from vt. and vm.
      { domain: 'tiktok.com', subdomains: ['vt', 'vm'], patterns: [':shortLink', 't/:shortLink'] },
    ],
    patterns: [
      ':user/video/:postId',
      'i18n/share/video/:postId',
      't/:shortLink',
      ':user/photo/:postId',
      'v/:postId.html',
    ],
    limits: { postId: { max: 21 }, shortLink: { max: 21 } },
    audio: true,
    minVersion: null,
    testLink: 'https://www.tiktok.com/@fatfatmillycat/video/7195741644585454894',
  },

  tumblr: {
    // Any blog subdomain; cobalt reads the blog name from it, so the host is sent unchanged.
    hosts: [{ domain: 'tumblr.com', subdomains: '*' }],
    patterns: ['post/:id', 'blog/view/:user/:id', ':user/:id', ':user/:id/:trackingId'],
    // Post ids are numeric; requiring it keeps pages like tumblr.com/<blog>/tagged out.
    limits: { id: { max: 20, digits: true } },
    audio: true,
    minVersion: null,
    testLink: 'https://www.tumblr.com/rongzhi/707729381162958848',
  },

  twitch: {
    hosts: [
      { domain: 'twitch.tv', subdomains: ['', 'www', 'm'] },
      // clips.twitch.tv/<clip> is cobalt's alias for twitch.tv/_/clip/<clip>; the embed player
      // names the clip in ?clip=.
      {
        domain: 'twitch.tv',
        subdomains: ['clips'],
        patterns: [':clip'],
        keep: ['clip'],
        rewrites: [{ from: 'embed?clip=:clip', to: ':clip' }],
      },
    ],
    // Clips only: /videos/<id> (VODs) cobalt does not support (§5.2).
    patterns: [':channel/clip/:clip'],
    notMedia: ['embed'],
    limits: { clip: { max: 100 } },
    audio: true,
    minVersion: null,
    testLink: 'https://twitch.tv/rtgame/clip/TubularInventiveSardineCorgiDerp-PM47mJQQ2vsL5B5G',
  },

  twitter: {
    hosts: [
      { domain: 'twitter.com', subdomains: ['', 'www', 'mobile'] },
      // cobalt takes exactly x.com (§5.2) ...
      { domain: 'x.com', subdomains: [''] },
      // ... and rejects www.x.com and mobile.x.com (§9 item 13).
      { domain: 'x.com', subdomains: ['www', 'mobile'], sendAs: 'x.com' },
      ...twitterFixerRules,
    ],
    patterns: [
      ':user/status/:id',
      ':user/status/:id/video/:index',
      ':user/status/:id/photo/:index',
      ':user/status/:id/mediaviewer',
      ':user/status/:id/mediaViewer',
      'i/bookmarks?post_id=:id',
    ],
    keep: ['post_id'],
    limits: { id: { max: 19 } },
    audio: true,
    minVersion: null,
    testLink: 'https://twitter.com/X/status/1697304622749086011',
  },

  vimeo: {
    hosts: [{ domain: 'vimeo.com', subdomains: ['', 'www', 'player'] }],
    patterns: [':id', 'video/:id', ':id/:password', 'groups/:groupId/videos/:id'],
    keep: ['h'],
    rewrites: [
      // cobalt's channels/… pattern is broken (§5.2); the last segment is the video id.
      { from: 'channels/:channel/:id', to: ':id' },
      // Unlisted videos carry their hash in ?h=; cobalt reads it from <id>/<hash>.
      { from: 'video/:id?h=:password', to: ':id/:password', host: 'vimeo.com' },
      { from: ':id?h=:password', to: ':id/:password' },
    ],
    // Video ids are numeric; requiring it keeps pages like vimeo.com/upload out.
    limits: { id: { max: 11, digits: true }, password: { max: 15 } },
    audio: true,
    minVersion: null,
    testLink: 'https://vimeo.com/288386543',
  },

  vk: {
    hosts: [
      { domain: 'vk.com', subdomains: ['', 'www', 'm'] },
      // cobalt takes exactly vkvideo.ru and vk.ru, in recent versions only: sent as vk.com.
      { domain: 'vkvideo.ru', subdomains: ['', 'www', 'm'], sendAs: 'vk.com' },
      { domain: 'vk.ru', subdomains: ['', 'www', 'm'], sendAs: 'vk.com' },
    ],
    patterns: [VK_ITEM],
    keep: ['z'],
    rewrites: [{ from: VK_OVERLAY, to: ':z', host: 'vk.com' }],
    limits: { ownerId: { max: 10 }, videoId: { max: 10 } },
    audio: false,
    minVersion: null,
    testLink: 'https://vk.com/video-57274055_456239399',
  },

  youtube: {
    hosts: [
      // music.youtube.com is sent as is: cobalt forces audio mode for it (§5.2).
      { domain: 'youtube.com', subdomains: ['', 'www', 'm', 'music'] },
      // youtu.be/<id> is cobalt's alias for youtube.com/watch?v=<id>; later segments are ignored.
      {
        domain: 'youtu.be',
        subdomains: [''],
        patterns: [],
        keep: [],
        rewrites: [
          { from: ':id', to: 'watch?v=:id', host: 'youtube.com' },
          { from: ':id/*', to: 'watch?v=:id', host: 'youtube.com' },
        ],
      },
      // cobalt rejects youtube-nocookie.com (§9 item 13); its embed path carries the video id.
      {
        domain: 'youtube-nocookie.com',
        subdomains: ['', 'www'],
        patterns: [],
        keep: [],
        rewrites: [{ from: 'embed/:id', to: 'watch?v=:id', host: 'youtube.com' }],
      },
    ],
    // Playlists, @channels and clip/… are not media links for cobalt (§5.2).
    patterns: ['watch?v=:id', 'embed/:id', 'watch/:id', 'v/:id'],
    keep: ['v'],
    // cobalt reads /shorts/<id> and /live/<id> as watch?v=<id> (§5.2): send that form.
    rewrites: [
      { from: 'shorts/:id', to: 'watch?v=:id' },
      { from: 'live/:id', to: 'watch?v=:id' },
    ],
    limits: { id: { max: 11 } },
    audio: true,
    minVersion: null,
    testLink: 'https://www.youtube.com/watch?v=vPwaXytZcgI',
  },
};

/**
 * The hosts a service's media is served from: the only hosts (each one and its subdomains) a
 * `redirect` or a picker item that is not on the instance's own origin may name
 * (lib/safety/download-target.ts). cobalt answers `redirect` with the URL its service module
 * extracted (https://github.com/imputnet/cobalt/blob/main/api/src/processing/match-action.js),
 * and puts picker items either through its own tunnel (`createStream`, so on the instance's
 * origin) or straight from the service. Each list is read from that service's module (cited per
 * row, under https://github.com/imputnet/cobalt/tree/main/api/src/processing/services/) plus the CDN those URLs come from in practice. A service cobalt only ever tunnels has an
 * empty list: a redirect from it is not cobalt's.
 */
export const MEDIA_HOSTS: Readonly<Record<ServiceKey, readonly string[]>> = {
  // bilibili.js: merge/tunnel only.
  bilibili: [],
  // bluesky.js: video.bsky.app playlists and cdn.bsky.app images (picker, `images[].fullsize`).
  bsky: ['bsky.app'],
  // dailymotion.js: HLS through the tunnel only.
  dailymotion: [],
  // facebook.js: `urls` from the page's playable_url (video-*.xx.fbcdn.net).
  facebook: ['fbcdn.net'],
  // instagram.js: video_url / display_url / image_versions2 (scontent-*.cdninstagram.com, *.fbcdn.net).
  instagram: ['cdninstagram.com', 'fbcdn.net'],
  // loom.js: the transcoded URL from loom's API (cdn.loom.com, luna.loom.com).
  loom: ['loom.com'],
  // newgrounds.js: proxied (tunnel) only.
  newgrounds: [],
  // ok.js: proxied (tunnel) only.
  ok: [],
  // pinterest.js: v1.pinimg.com videos and i.pinimg.com images (its own regexes).
  pinterest: ['pinimg.com'],
  // reddit.js: v.redd.it videos, i.redd.it gifs (`data.url`).
  reddit: ['redd.it'],
  // rutube.js: yappy files and single-file videos from rutube's CDN.
  rutube: ['rutube.ru', 'rtbcdn.ru'],
  // snapchat.js: media URLs checked against `.sc-cdn.net` by the module itself.
  snapchat: ['sc-cdn.net', 'snapchat.com'],
  // soundcloud.js: always through the tunnel (audio).
  soundcloud: [],
  // streamable.js: `best.url` from api.streamable.com (cdn-cf-east.streamable.com).
  streamable: ['streamable.com'],
  // tiktok.js: picker images from `imageURL.urlList` (p16-*.tiktokcdn*.com, *.ibyteimg.com).
  tiktok: ['tiktokcdn.com', 'tiktokcdn-us.com', 'tiktokcdn-eu.com', 'ibyteimg.com'],
  // tumblr.js: `video.media.url` / `audio.media.url` (va.media.tumblr.com, *.tumblr.com).
  tumblr: ['tumblr.com'],
  // twitch.js: clip `sourceURL` (production.assets.clips.twitchcdn.net).
  twitch: ['twitchcdn.net', 'twitch.tv'],
  // twitter.js: `media_url_https` and video variants (pbs.twimg.com, video.twimg.com).
  twitter: ['twimg.com'],
  // vimeo.js: progressive `link` (vod-progressive.akamaized.net, *.vimeocdn.com).
  vimeo: ['vimeocdn.com', 'vod-progressive.akamaized.net'],
  // vk.js: proxied (tunnel) only.
  vk: [],
  // youtube.js: always through the tunnel (googlevideo needs cobalt's own headers).
  youtube: [],
};
