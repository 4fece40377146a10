import type { ServiceKey } from './service-key';

/** What the current page is to us (classify-page.ts): the popup and the badge start from it. */
export type PageInfo =
  | { kind: 'supported'; service: ServiceKey; url: string }
  /** A cobalt service's site, but not a media link (a profile, the home page). */
  | { kind: 'service-page'; service: ServiceKey }
  | { kind: 'unsupported' }
  /** No tab, or a browser-internal page. */
  | { kind: 'none' };
