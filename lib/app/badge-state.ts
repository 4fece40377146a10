import type { PageInfo } from '../services/page-info';
import { serviceLabel } from '../ui/service-label';

/**
 * The toolbar badge per tab (docs/rules.md "toolbar badge"): whether the page is supported, and how
 * many usable instances it has. Pure so the background only paints what this returns.
 * `title` is an i18n key + params; the platform layer translates it.
 */
export interface BadgeView {
  text: string;
  color: string;
  titleKey: string;
  titleParams: string[];
}

/** Green: ready; amber: supported but nothing usable; grey: not a media page. */
export const BADGE_COLORS = { ready: '#15803d', empty: '#b45309', none: '#6b7280' } as const;

/** Badge text is tiny: counts above this show as "9+". */
const MAX_SHOWN = 9;

export function badgeState(page: PageInfo, usableInstances: number): BadgeView {
  if (page.kind !== 'supported') {
    return { text: '', color: BADGE_COLORS.none, titleKey: 'badgeUnsupported', titleParams: [] };
  }
  if (usableInstances <= 0) {
    return {
      text: '!',
      color: BADGE_COLORS.empty,
      titleKey: 'badgeNoInstances',
      titleParams: [serviceLabel(page.service)],
    };
  }
  const text = usableInstances > MAX_SHOWN ? `${MAX_SHOWN}+` : String(usableInstances);
  return {
    text,
    color: BADGE_COLORS.ready,
    titleKey: 'badgeReady',
    titleParams: [serviceLabel(page.service), String(usableInstances)],
  };
}
