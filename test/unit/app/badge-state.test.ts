import { BADGE_COLORS, badgeState } from '../../../lib/app/badge-state';
import type { PageInfo } from '../../../lib/services/page-info';

const yt: PageInfo = {
  kind: 'supported',
  service: 'youtube',
  url: 'https://www.youtube.com/watch?v=x',
};

describe('badgeState', () => {
  it.each([
    [{ kind: 'none' } as PageInfo, 5, '', BADGE_COLORS.none, 'badgeUnsupported'],
    [{ kind: 'unsupported' } as PageInfo, 5, '', BADGE_COLORS.none, 'badgeUnsupported'],
    [
      { kind: 'service-page', service: 'youtube' } as PageInfo,
      5,
      '',
      BADGE_COLORS.none,
      'badgeUnsupported',
    ],
    [yt, 0, '!', BADGE_COLORS.empty, 'badgeNoInstances'],
    [yt, 1, '1', BADGE_COLORS.ready, 'badgeReady'],
    [yt, 9, '9', BADGE_COLORS.ready, 'badgeReady'],
    [yt, 10, '9+', BADGE_COLORS.ready, 'badgeReady'],
    [yt, 250, '9+', BADGE_COLORS.ready, 'badgeReady'],
  ])('%j with %i usable → %j', (page, n, text, color, key) => {
    expect(badgeState(page, n)).toMatchObject({ text, color, titleKey: key });
  });

  it('names the service and count in the title params', () => {
    expect(badgeState(yt, 3).titleParams).toEqual(['YouTube', '3']);
  });
});
