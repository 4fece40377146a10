// Service pages served inside the browser by request interception: the tab really is at
// https://www.youtube.com/watch?v=…, but nothing was fetched from the network. Any other
// non-loopback request from a page is aborted (and the egress guard would refuse it anyway).

/** Page URLs the scenarios open. The media ids are shaped like the real ones. */
export const PAGES = {
  youtube: 'https://www.youtube.com/watch?v=e2eVideo001',
  /** A second video, linked from the first page: the context-menu target. */
  youtubeLinked: 'https://www.youtube.com/watch?v=e2eVideo002',
  /** A multi-item post (the test server answers `picker` for it when told to). */
  twitterPost: 'https://twitter.com/e2e_user/status/1697304622749086011',
  /** Not a cobalt service. */
  unsupported: 'https://example.org/articles/e2e-not-media',
  /** The link pasted into the unsupported page's link field. */
  pasted: 'https://www.youtube.com/watch?v=e2ePasted03',
  /** An article whose list links five videos (the selection scenario); the link texts are words. */
  linkList: 'https://example.org/articles/e2e-five-videos',
};

/** The five videos the link list links to. */
export const LISTED = [1, 2, 3, 4, 5].map((n) => `https://www.youtube.com/watch?v=e2eBatch00${n}`);

/** Hosts that must never reach the network: the page address stays on 127.0.0.1. */
export const PAGE_HOSTS = [
  'www.youtube.com',
  'youtube.com',
  'youtu.be',
  'twitter.com',
  'x.com',
  'example.org',
];

function pageHtml(url) {
  const u = new URL(url);
  const title = u.hostname.endsWith('youtube.com')
    ? `E2E video ${u.searchParams.get('v')} - YouTube`
    : u.hostname.endsWith('twitter.com')
      ? 'E2E post / X'
      : 'E2E article';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${title}</title>
<link rel="icon" href="data:,"></head>
<body>
  <h1>${title}</h1>
  <p>Served by the e2e harness; nothing here came from the network.</p>
  <p><a id="linked" href="${PAGES.youtubeLinked}">Another video</a></p>
  <p><a id="unsupported-link" href="https://example.org/elsewhere">Not media</a></p>
  ${url === PAGES.linkList ? `<ul id="list">${LISTED.map((l, i) => `<li><a href="${l}">Video number ${i + 1}</a></li>`).join('')}<li><a href="https://example.org/elsewhere">An article</a></li></ul>` : ''}
</body></html>`;
}

/**
 * Should this request be answered with a fake page? (http(s), not loopback: neither 127.0.0.1
 * nor a test server's loopback name, h<port>.cobalt.test, test/support/loopback-names.ts)
 */
export function isPageRequest(url) {
  try {
    const u = new URL(url);
    const loopback = u.hostname === '127.0.0.1' || /^h\d+\.cobalt\.test$/.test(u.hostname);
    return (u.protocol === 'https:' || u.protocol === 'http:') && !loopback;
  } catch {
    return false;
  }
}

/**
 * Document requests for a non-loopback page get the fake page; null for anything else (the
 * driver lets it go on to the egress guard, which logs and refuses it).
 */
export function answerFor(url, resourceType) {
  if (resourceType === 'document') {
    return { status: 200, contentType: 'text/html; charset=utf-8', body: pageHtml(url) };
  }
  return null;
}
