/**
 * The address that hands a link to a cobalt instance's own web app: `<frontend>/#<link>`.
 * The web app reads the link from the fragment (or `?u=`), decodes it once with
 * decodeURIComponent and starts the download after the user's own check, Turnstile included
 * (https://github.com/imputnet/cobalt/blob/main/web/src/components/save/Omnibox.svelte,
 * `linkPrefill`). The fragment never reaches the frontend's server.
 *
 * null when the frontend is not an http(s) origin or the link is not an http(s) URL.
 */
export function webAppUrl(frontend: string, link: string): string | null {
  const origin = httpOrigin(frontend);
  if (origin === null || httpOrigin(link) === null) return null;
  return `${origin}/#${encodeURIComponent(link)}`;
}

function httpOrigin(value: string): string | null {
  try {
    const url = new URL(value);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
    return url.origin;
  } catch {
    return null;
  }
}
