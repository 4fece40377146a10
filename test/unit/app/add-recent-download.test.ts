import { addRecentDownload } from '../../../lib/app/add-recent-download';
import { RECENT_LIMIT } from '../../../lib/app/recent-downloads-schema';
import { RECENT } from '../storage/samples';

const at = (n: number) => ({ ...RECENT, at: n });

describe('addRecentDownload', () => {
  it.each([
    ['an empty list', [], [9]],
    ['a short list', [at(2), at(1)], [9, 2, 1]],
    [
      'a full list (the oldest falls off)',
      Array.from({ length: RECENT_LIMIT }, (_, i) => at(RECENT_LIMIT - i)),
      [9, ...Array.from({ length: RECENT_LIMIT - 1 }, (_, i) => RECENT_LIMIT - i)],
    ],
  ])('%s', (_, list, expected) => {
    const next = addRecentDownload(list, at(9));
    expect(next.map((r) => r.at)).toEqual(expected);
    expect(next.length).toBeLessThanOrEqual(RECENT_LIMIT);
  });

  it('does not change the list it is given', () => {
    const list = [at(1)];
    addRecentDownload(list, at(2));
    expect(list).toEqual([at(1)]);
  });
});
